//! The smallest and largest SD a sample on a bounded scale can have, given
//! its reported mean (rsprite2's `boundary_test`, exact).
//!
//! A weaker, cheaper question than [`Closure::exists`]: it asks only whether
//! the reported SD lies between the extremes, not whether one sample has
//! both the mean and that SD. Every report `closure_exists` accepts passes
//! here; the converse fails when the SDs a sample can have are too coarse
//! to hit the reported one (small `n`).
//!
//! In integers (item units, values `L ≤ v ≤ U`, sum `S`): `D = n·Q − S²` is
//! `n(n − 1)` times the variance. For one sum, `D` is least when the values
//! are as equal as possible (`r(n − r)`, `r = S mod n`) and greatest when
//! they sit at the scale's ends with at most one value between
//! (`n(kW² + e²) − E²`, `E = S − nL = kW + e`, `W = U − L`). Over the sums
//! the mean allows, the least is at the sums nearest a multiple of `n`; the
//! greatest, which is convex in `e` and concave along each `e = 0` or
//! `e = W − 1` family, at the ends of the range or at a family's vertex.
//!
//! [`Closure::exists`]: crate::closure::Closure::exists
//!
//! ```
//! use ferrox::{Decimal, Rounding, sd_bounds::{sd_bounds, SdBoundsCase}};
//! let case = SdBoundsCase::new(Decimal::parse("4.00")?, 20, 1, (1, 7))?;
//! let range = sd_bounds(&case.with_sd(Decimal::parse("3.5")?), &Rounding::default())?;
//! assert_eq!((range.sd_min, range.consistency), (0.0, Some(false)));
//! assert!((range.sd_max - 3.0779350562554623).abs() < 1e-15);
//! # Ok::<(), ferrox::Error>(())
//! ```

use crate::decimal::{Decimal, pow10};
use crate::error::{Error, Result};
use crate::input::{at_row, common_length, count, recycled, small_count, whole};
use crate::rounding::{Bounds, Rounding, unround};

/// A reported mean (and optionally SD) of `n` scores on a bounded scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SdBoundsCase {
    /// The reported mean, as written.
    pub x: Decimal,
    /// The reported sample SD, if any, as written.
    pub sd: Option<Decimal>,
    /// The sample size (at least 2: one value has no sample SD).
    pub n: u64,
    /// Items averaged into each score.
    pub items: u32,
    /// The scale's least and greatest score (per item).
    pub scale: (i64, i64),
}

impl SdBoundsCase {
    /// Checks `n ≥ 2`, `items ≥ 1` and `scale_min ≤ scale_max`.
    ///
    /// ```
    /// use ferrox::{Decimal, sd_bounds::SdBoundsCase};
    /// assert!(SdBoundsCase::new(Decimal::parse("3.1")?, 1, 1, (1, 5)).is_err());
    /// assert!(SdBoundsCase::new(Decimal::parse("3.1")?, 10, 1, (5, 1)).is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn new(x: Decimal, n: u64, items: u32, scale: (i64, i64)) -> Result<Self> {
        if n < 2 {
            return Err(Error::invalid(
                "n",
                format!("it is {n}; a sample SD needs at least 2 values"),
            ));
        }
        if items == 0 {
            return Err(Error::invalid("items", "it must be at least 1"));
        }
        if scale.0 > scale.1 {
            return Err(Error::invalid(
                "scale_min",
                format!(
                    "the scale runs from {} to {}; give the least value first",
                    scale.0, scale.1
                ),
            ));
        }
        let width = (i128::from(scale.1) - i128::from(scale.0)) * i128::from(items);
        // D reaches n²W²/4: keep it, and every product with it, inside i128.
        if (n as f64) * (width as f64) > 1e17 {
            return Err(Error::Overflow("n times the scale's width in item steps"));
        }
        Ok(SdBoundsCase {
            x,
            sd: None,
            n,
            items,
            scale,
        })
    }

    /// One case per row; `sd` may be empty (no SD to test), and any other
    /// column may hold one value for all rows.
    ///
    /// ```
    /// use ferrox::{decimal::parse_column, sd_bounds::SdBoundsCase};
    /// let x = parse_column(&["4.00", "3.50"])?;
    /// let cases = SdBoundsCase::from_columns(&x, &[], &[20.0], &[1.0], &[1.0], &[7.0])?;
    /// assert_eq!((cases.len(), cases[1].sd), (2, None));
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn from_columns(
        x: &[Decimal],
        sd: &[Decimal],
        n: &[f64],
        items: &[f64],
        scale_min: &[f64],
        scale_max: &[f64],
    ) -> Result<Vec<Self>> {
        let mut lengths = vec![
            ("x", x.len()),
            ("n", n.len()),
            ("items", items.len()),
            ("scale_min", scale_min.len()),
            ("scale_max", scale_max.len()),
        ];
        if !sd.is_empty() {
            lengths.push(("sd", sd.len()));
        }
        let len = common_length(&lengths)?;
        (0..len)
            .map(|row| {
                let case = || {
                    let case = SdBoundsCase::new(
                        recycled(x, row),
                        count(recycled(n, row), "n")?,
                        small_count(recycled(items, row), "items")?,
                        (
                            whole(recycled(scale_min, row), "scale_min")?,
                            whole(recycled(scale_max, row), "scale_max")?,
                        ),
                    )?;
                    Ok(match sd.is_empty() {
                        true => case,
                        false => case.with_sd(recycled(sd, row)),
                    })
                };
                case().map_err(at_row(len, row))
            })
            .collect()
    }

    /// The same case with a reported SD to test.
    pub fn with_sd(self, sd: Decimal) -> Self {
        SdBoundsCase {
            sd: Some(sd),
            ..self
        }
    }
}

/// The least and greatest SD, and the verdict on a reported SD.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SdRange {
    /// The least sample SD of any sample with the mean (NaN if none has it).
    pub sd_min: f64,
    /// The greatest.
    pub sd_max: f64,
    /// Whether some SD between them (any real number: this test ignores
    /// which SDs integers can make) rounds to the reported one; `None`
    /// without a reported SD, `false` when no sample has the mean.
    pub consistency: Option<bool>,
}

/// The extremes of the SD for a case, and whether its SD lies between them.
///
/// ```
/// use ferrox::{Decimal, Rounding, sd_bounds::{sd_bounds, SdBoundsCase}};
/// // Ten scores on 1–5 with mean 4.9: nine 5s and a 4 is the only way.
/// let case = SdBoundsCase::new(Decimal::parse("4.9")?, 10, 1, (1, 5))?;
/// let range = sd_bounds(&case, &Rounding::default())?;
/// assert_eq!(range.sd_min, range.sd_max);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn sd_bounds(case: &SdBoundsCase, rounding: &Rounding) -> Result<SdRange> {
    let Some((d_min, d_max)) = spread_extremes(case, rounding)? else {
        return Ok(SdRange {
            sd_min: f64::NAN,
            sd_max: f64::NAN,
            consistency: case.sd.map(|_| false),
        });
    };
    let (n, items) = (i128::from(case.n), i128::from(case.items));
    let factor = (n * (n - 1) * items * items) as f64;
    let sd = |d: i128| (d as f64 / factor).sqrt();
    let consistency = case
        .sd
        .map(|sd| {
            overlaps(
                &unround(&sd, rounding)?,
                (d_min, d_max),
                n * (n - 1) * items * items,
            )
        })
        .transpose()?;
    Ok(SdRange {
        sd_min: sd(d_min),
        sd_max: sd(d_max),
        consistency,
    })
}

/// [`sd_bounds`] for each case; an error names its row.
///
/// ```
/// use ferrox::{Decimal, Rounding, sd_bounds::{sd_bounds_map, SdBoundsCase}};
/// let d = Decimal::parse;
/// let cases = [
///     SdBoundsCase::new(d("4.00")?, 20, 1, (1, 7))?.with_sd(d("1.5")?),
///     SdBoundsCase::new(d("4.00")?, 20, 1, (1, 7))?.with_sd(d("3.5")?),
/// ];
/// let out = sd_bounds_map(&cases, &Rounding::default())?;
/// assert_eq!([out[0].consistency, out[1].consistency], [Some(true), Some(false)]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn sd_bounds_map(cases: &[SdBoundsCase], rounding: &Rounding) -> Result<Vec<SdRange>> {
    cases
        .iter()
        .enumerate()
        .map(|(row, case)| sd_bounds(case, rounding).map_err(at_row(cases.len(), row)))
        .collect()
}

/// Whether the SD interval meets `[√(d_min/f), √(d_max/f)]`, compared in
/// squares: `lo² · f ≤ d_max · 10^2k` and `hi² · f ≥ d_min · 10^2k`, strict
/// at an open end.
fn overlaps(sd: &Bounds, (d_min, d_max): (i128, i128), f: i128) -> Result<bool> {
    let scale = pow10(2 * sd.lower.scale())?;
    let square = |m: i128| m.checked_mul(m).and_then(|m2| m2.checked_mul(f));
    let times_scale = |d: i128| d.checked_mul(scale);
    let overflow = || Error::Overflow("an SD bound squared times n");
    let (lo, hi) = (sd.lower.mantissa(), sd.upper.mantissa());
    if hi < 0 || (hi == 0 && !sd.incl_upper) {
        return Ok(false);
    }
    let below_max = lo <= 0 || {
        let (l, r) = (
            square(lo).ok_or_else(overflow)?,
            times_scale(d_max).ok_or_else(overflow)?,
        );
        if sd.incl_lower { l <= r } else { l < r }
    };
    let above_min = {
        let (l, r) = (
            square(hi).ok_or_else(overflow)?,
            times_scale(d_min).ok_or_else(overflow)?,
        );
        if sd.incl_upper { l >= r } else { l > r }
    };
    Ok(below_max && above_min)
}

/// The least and greatest `D = n·Q − S²` over the samples whose mean rounds
/// to the report; `None` when no sample has that mean.
fn spread_extremes(case: &SdBoundsCase, rounding: &Rounding) -> Result<Option<(i128, i128)>> {
    let n = i128::from(case.n);
    let items = i128::from(case.items);
    let (low, high) = (
        i128::from(case.scale.0) * items,
        i128::from(case.scale.1) * items,
    );
    let Some((first, last)) =
        unround(&case.x, rounding)?.integers_over(case.n * u64::from(case.items))?
    else {
        return Ok(None);
    };
    let (s1, s2) = (first.max(n * low), last.min(n * high));
    if s1 > s2 {
        return Ok(None);
    }
    let least = if s2 - s1 + 1 >= n {
        0
    } else {
        let (r1, r2) = (s1.rem_euclid(n), s2.rem_euclid(n));
        if r1 > r2 {
            0
        } else {
            (r1 * (n - r1)).min(r2 * (n - r2))
        }
    };
    let width = high - low;
    if width == 0 {
        return Ok(Some((0, 0)));
    }
    // The greatest D of sum nL + E: k values at U, one at L + e, the rest at L.
    let greatest = |e_total: i128| {
        let (k, e) = (e_total / width, e_total % width);
        n * (k * width * width + e * e) - e_total * e_total
    };
    let (e1, e2) = (s1 - n * low, s2 - n * low);
    let mut best = greatest(e1).max(greatest(e2));
    for offset in [0, width - 1] {
        // The family E = kW + offset within [e1, e2], and its vertex near n/2.
        let k_lo = (e1 - offset + width - 1).div_euclid(width);
        let k_hi = (e2 - offset).div_euclid(width);
        if k_lo > k_hi {
            continue;
        }
        for k in [n / 2 - 1, n / 2, n / 2 + 1] {
            best = best.max(greatest(k.clamp(k_lo, k_hi) * width + offset));
        }
    }
    Ok(Some((least, best)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rounding::Procedure;
    use proptest::prelude::*;

    /// Every frequency vector of `n` values on `0..=w`, by recursion.
    fn samples(w: i128, out: &mut Vec<(i128, i128)>, prefix: (i128, i128, i128, i128)) {
        let (left, v, s, q) = prefix;
        if v > w {
            if left == 0 {
                out.push((s, q));
            }
            return;
        }
        for c in 0..=left {
            samples(w, out, (left - c, v + 1, s + c * v, q + c * v * v));
        }
    }

    fn fail(e: Error) -> TestCaseError {
        TestCaseError::fail(e.to_string())
    }

    proptest! {
        /// On small cases the bounds are exactly the least and greatest D
        /// over every sample whose mean rounds to the report: each sample's
        /// SD lies between them, and both are attained.
        #[test]
        fn bounds_are_attained_and_hold_every_sample(
            n in 2i128..10, low in -2i64..3, w in 0i64..5, items in 1u32..5,
            mean_tenths in -30i128..80, scale in 0u32..3, p in 3usize..12,
        ) {
            let Ok(rounding) = Rounding::new(Procedure::ALL[p], 4, false) else {
                return Ok(());
            };
            // Keep the enumeration small: at most 9 values per item step.
            prop_assume!(i128::from(w) * i128::from(items) <= 8);
            let x = Decimal::new(mean_tenths * 10i128.pow(scale) / 10, scale);
            let case = SdBoundsCase::new(x, n as u64, items, (low, low + w)).map_err(fail)?;
            let bounds = unround(&x, &rounding).map_err(fail)?;
            let units = i128::from(items);
            let mut all = Vec::new();
            samples(i128::from(w) * units, &mut all, (n, 0, 0, 0));
            let shift = i128::from(low) * units;
            let d_of = |&(s, q): &(i128, i128)| n * q - s * s;
            let with_mean: Vec<i128> = all
                .iter()
                .filter(|&&(s, _)| bounds.contains(s + n * shift, n * units).unwrap_or(false))
                .map(d_of)
                .collect();
            let expected = with_mean.iter().min().copied().zip(with_mean.iter().max().copied());
            prop_assert_eq!(spread_extremes(&case, &rounding).map_err(fail)?, expected);
        }
    }

    #[test]
    fn the_least_spread_is_at_either_end_of_the_sums() -> Result<()> {
        // Six scores of two items with mean 0.8: sums 9 and 10 (in item
        // steps); 10 is the one nearer a multiple of 6.
        let case = SdBoundsCase::new(Decimal::parse("0.8")?, 6, 2, (0, 3))?;
        assert_eq!(
            spread_extremes(&case, &Rounding::default())?.map(|d| d.0),
            Some(8)
        );
        Ok(())
    }

    #[test]
    fn a_reported_sd_passes_only_if_it_can_round_from_between() -> Result<()> {
        // Two scores on 0–1 with mean 0.5 are 0 and 1: SD √½ = 0.7071….
        let case = SdBoundsCase::new(Decimal::parse("0.5")?, 2, 1, (0, 1))?;
        let verdict = |sd: &str| -> Result<Option<bool>> {
            Ok(sd_bounds(&case.with_sd(Decimal::parse(sd)?), &Rounding::default())?.consistency)
        };
        assert_eq!(verdict("0.71")?, Some(true));
        assert_eq!(verdict("0.70")?, Some(false));
        assert_eq!(verdict("0.72")?, Some(false));
        Ok(())
    }

    #[test]
    fn an_impossible_mean_has_no_bounds() -> Result<()> {
        let case = SdBoundsCase::new(Decimal::parse("5.19")?, 28, 1, (1, 7))?;
        let range = sd_bounds(&case.with_sd(Decimal::parse("1.0")?), &Rounding::default())?;
        assert!(range.sd_min.is_nan() && range.sd_max.is_nan());
        assert_eq!(range.consistency, Some(false));
        let outside = SdBoundsCase::new(Decimal::parse("7.5")?, 10, 1, (1, 7))?;
        assert!(sd_bounds(&outside, &Rounding::default())?.sd_max.is_nan());
        Ok(())
    }

    #[test]
    fn a_huge_case_is_refused_with_its_limit() {
        let e = SdBoundsCase::new(Decimal::new(5, 0), 1 << 50, 1, (0, 1_000_000));
        assert!(matches!(e, Err(Error::Overflow(_))));
    }
}
