//! t-tests rebuilt from reported means, SDs and sample sizes: every t, df
//! and p that some values rounding to the reports give (the idea of
//! RIVETS, Hussey 2023), and whether a reported t and p are among them.
//!
//! Each mean and SD stands for its rounding interval, so the data can have
//! any point of a box of means and SDs. For Student's t (pooled SD) and the
//! one-sample and paired forms, `t = D / S` with the mean difference `D` and
//! the standard error `S` varying independently, and `S` increasing in each
//! SD: the extremes of t, and of p at its fixed df, lie at the box's
//! corners, found in closed form. Welch's df moves with the SDs too, and
//! larger df give smaller p at the same t, so the extremes of p can lie
//! inside the box: with `a = s1²/n1` and `b = s2²/n2`, t depends on `a + b`
//! alone and df on `a / b` alone, so for each `v = a + b` the best df on the
//! segment `a + b = v` is found in closed form (the df is largest at
//! `a / b = (n1 − 1) / (n2 − 1)` and falls away from it), which leaves a
//! search in one variable: a grid of 256 points, refined by golden-section
//! search around the best to a relative 1e-12 in `v`.
//!
//! The sign of t depends on which group comes first, so reported t values
//! are compared by size.
//!
//! ```
//! use ferrox::stats::summary_t::{Group, TForm, t_from_summary};
//! let d = |s: &str| s.parse::<ferrox::Decimal>();
//! let g1 = Group::new(d("5.20")?, d("1.10")?, 30)?;
//! let g2 = Group::new(d("4.50")?, d("1.30")?, 30)?;
//! let r = t_from_summary(&g1, Some(&g2), TForm::Student, &Default::default())?;
//! assert!(r.t_low < 2.25 && 2.25 < r.t_high);
//! assert_eq!((r.df_low, r.df_high), (58.0, 58.0));
//! # Ok::<(), ferrox::Error>(())
//! ```

use rayon::prelude::*;

use crate::decimal::Decimal;
use crate::error::{Error, Result};
use crate::input::{at_row, count, sample_size};
use crate::rounding::{Rounding, unround};
use crate::stats::apa::ReportedP;
use crate::stats::magnitudes;
use crate::stats::pcheck::{POptions, reported_set};
use crate::stats::tails::t_upper;

/// One group's (or the differences') reported summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    /// The mean, as written.
    pub mean: Decimal,
    /// The SD, as written.
    pub sd: Decimal,
    /// The sample size.
    pub n: u64,
}

impl Group {
    /// A group, with `n ≥ 2` (an SD needs two values) and a non-negative SD.
    ///
    /// ```
    /// use ferrox::stats::summary_t::Group;
    /// assert!(Group::new("5.2".parse()?, "1.1".parse()?, 1).is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn new(mean: Decimal, sd: Decimal, n: u64) -> Result<Self> {
        let n = sample_size(n)?;
        if n < 2 {
            return Err(Error::invalid(
                "n",
                "a t-test needs at least 2 values in each group",
            ));
        }
        if sd.mantissa() < 0 {
            return Err(Error::invalid(
                "sd",
                format!("an SD cannot be negative, not {sd}"),
            ));
        }
        Ok(Group { mean, sd, n })
    }
}

/// Which t-test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TForm {
    /// Two groups, pooled SD, `df = n1 + n2 − 2`.
    #[default]
    Student,
    /// Two groups, unpooled SDs, Welch–Satterthwaite df.
    Welch,
    /// One group against `mu` (and the paired test, given the mean and SD
    /// of the differences), `df = n − 1`.
    OneSample,
}

impl std::str::FromStr for TForm {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self> {
        match name {
            "student" => Ok(TForm::Student),
            "welch" => Ok(TForm::Welch),
            "one_sample" | "paired" => Ok(TForm::OneSample),
            other => Err(Error::invalid(
                "test",
                format!("unknown t-test {other:?}; use student, welch, one_sample or paired"),
            )),
        }
    }
}

/// How the reports were rounded, and the one-sample test's `mu`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SummaryOptions {
    /// How the means and SDs were rounded.
    pub rounding: Rounding,
    /// The value a one-sample test compares with (0 for paired data).
    pub mu: Decimal,
}

/// Every t, df and two-tailed p the reports allow.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TRange {
    /// The smallest t (group 1 minus group 2, or mean minus `mu`).
    pub t_low: f64,
    /// The largest t.
    pub t_high: f64,
    /// The smallest df.
    pub df_low: f64,
    /// The largest df.
    pub df_high: f64,
    /// The smallest two-tailed p.
    pub p_low: f64,
    /// The largest two-tailed p.
    pub p_high: f64,
}

impl TRange {
    /// The range of `|t|`.
    pub fn abs_t(&self) -> (f64, f64) {
        magnitudes(self.t_low, self.t_high)
    }
}

/// The range of t, df and p over every mean and SD that rounds to the
/// reports. `second` is the second group for [`TForm::Student`] and
/// [`TForm::Welch`], and must be `None` for [`TForm::OneSample`].
///
/// ```
/// use ferrox::stats::summary_t::{Group, SummaryOptions, TForm, t_from_summary};
/// let d = |s: &str| s.parse::<ferrox::Decimal>();
/// let diffs = Group::new(d("0.40")?, d("1.00")?, 25)?;
/// let paired = t_from_summary(&diffs, None, TForm::OneSample, &SummaryOptions::default())?;
/// assert!(paired.t_low < 2.0 && 2.0 < paired.t_high);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn t_from_summary(
    first: &Group,
    second: Option<&Group>,
    form: TForm,
    options: &SummaryOptions,
) -> Result<TRange> {
    let interval = |x: &Decimal| -> Result<(f64, f64)> {
        let b = unround(x, &options.rounding)?;
        Ok((b.lower.to_f64(), b.upper.to_f64()))
    };
    let sd_interval = |x: &Decimal| -> Result<(f64, f64)> {
        let (lo, hi) = interval(x)?;
        Ok((lo.max(0.0), hi))
    };
    let (m1, s1) = (interval(&first.mean)?, sd_interval(&first.sd)?);
    let n1 = first.n as f64;
    match (form, second) {
        (TForm::OneSample, None) => {
            let mu = options.mu.to_f64();
            let diff = (m1.0 - mu, m1.1 - mu);
            let se = (s1.0 / n1.sqrt(), s1.1 / n1.sqrt());
            Ok(fixed_df(diff, se, n1 - 1.0))
        }
        (TForm::Student | TForm::Welch, Some(second)) => {
            let (m2, s2) = (interval(&second.mean)?, sd_interval(&second.sd)?);
            let n2 = second.n as f64;
            let diff = (m1.0 - m2.1, m1.1 - m2.0);
            if form == TForm::Student {
                let pooled = |a: f64, b: f64| {
                    (((n1 - 1.0) * a * a + (n2 - 1.0) * b * b) / (n1 + n2 - 2.0)
                        * (1.0 / n1 + 1.0 / n2))
                        .sqrt()
                };
                let se = (pooled(s1.0, s2.0), pooled(s1.1, s2.1));
                Ok(fixed_df(diff, se, n1 + n2 - 2.0))
            } else {
                Ok(Welch {
                    a: (s1.0 * s1.0 / n1, s1.1 * s1.1 / n1),
                    b: (s2.0 * s2.0 / n2, s2.1 * s2.1 / n2),
                    k1: n1 - 1.0,
                    k2: n2 - 1.0,
                }
                .range(diff))
            }
        }
        (TForm::OneSample, Some(_)) => Err(Error::invalid(
            "test",
            "a one-sample or paired test takes one group; give the second group to a two-sample test",
        )),
        (_, None) => Err(Error::invalid(
            "test",
            "a two-sample t-test needs the second group's mean, SD and n",
        )),
    }
}

/// Whether a reported t (compared by size) and a reported p are among those
/// the summaries allow; `None` for what was not reported.
///
/// ```
/// use ferrox::stats::{apa::ReportedP, pcheck::POptions, summary_t::*};
/// let d = |s: &str| s.parse::<ferrox::Decimal>();
/// let g1 = Group::new(d("5.20")?, d("1.10")?, 30)?;
/// let g2 = Group::new(d("4.50")?, d("1.30")?, 30)?;
/// let r = t_from_summary(&g1, Some(&g2), TForm::Student, &Default::default())?;
/// let p = ReportedP::parse("< .05")?;
/// assert_eq!(check_summary(&r, Some(&d("-2.25")?), Some(&p), &POptions::default())?, (Some(true), Some(true)));
/// assert_eq!(check_summary(&r, Some(&d("3.1")?), None, &POptions::default())?, (Some(false), None));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn check_summary(
    range: &TRange,
    t: Option<&Decimal>,
    p: Option<&ReportedP>,
    options: &POptions,
) -> Result<(Option<bool>, Option<bool>)> {
    let t_consistency = t
        .map(|t| -> Result<bool> {
            let b = unround(t, &options.rounding)?;
            let (lo, hi) = magnitudes(b.lower.to_f64(), b.upper.to_f64());
            let (abs_low, abs_high) = range.abs_t();
            Ok(lo <= abs_high && abs_low <= hi)
        })
        .transpose()?;
    let p_consistency = p
        .map(|p| reported_set(p, options).map(|set| set.meets(range.p_low, range.p_high)))
        .transpose()?;
    Ok((t_consistency, p_consistency))
}

/// One t-test reported with its summaries: the groups (one for the
/// one-sample and paired forms), the form, `mu`, and the t and p if
/// reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TCase {
    /// The first group (or the differences).
    pub first: Group,
    /// The second group of a two-sample test.
    pub second: Option<Group>,
    /// Which test.
    pub form: TForm,
    /// The value a one-sample test compares with.
    pub mu: Decimal,
    /// The reported t, if any.
    pub t: Option<Decimal>,
    /// The reported p, if any.
    pub p: Option<ReportedP>,
}

impl TCase {
    /// A case from a table row as front doors read it: the groups as
    /// (mean, SD, n) with n a double, the second group taken only when its
    /// mean and SD are both given, the form by name.
    ///
    /// ```
    /// use ferrox::stats::summary_t::{TCase, TForm};
    /// let d = |s: &str| s.parse::<ferrox::Decimal>();
    /// let case = TCase::from_row((d("5.5")?, d("2.0")?, 25.0), (None, None, f64::NAN), "paired", d("0")?, None, None)?;
    /// assert_eq!((case.form, case.second), (TForm::OneSample, None));
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn from_row(
        first: (Decimal, Decimal, f64),
        second: (Option<Decimal>, Option<Decimal>, f64),
        form: &str,
        mu: Decimal,
        t: Option<Decimal>,
        p: Option<ReportedP>,
    ) -> Result<Self> {
        let second = match second {
            (Some(mean), Some(sd), n) => Some(Group::new(mean, sd, count(n, "n2")?)?),
            _ => None,
        };
        Ok(TCase {
            first: Group::new(first.0, first.1, count(first.2, "n1")?)?,
            second,
            form: form.parse()?,
            mu,
            t,
            p,
        })
    }
}

/// A case's ranges and verdicts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TVerdict {
    /// Every t, df and p the summaries allow.
    pub range: TRange,
    /// Whether the reported t is among them (`None`: not reported).
    pub t_consistency: Option<bool>,
    /// Whether the reported p is.
    pub p_consistency: Option<bool>,
}

/// [`t_from_summary`] and [`check_summary`] over many cases, in parallel;
/// an error names its row (counting from 1).
///
/// ```
/// use ferrox::stats::{pcheck::POptions, summary_t::*};
/// let d = |s: &str| s.parse::<ferrox::Decimal>();
/// let case = TCase {
///     first: Group::new(d("5.5")?, d("2.0")?, 25)?,
///     second: None,
///     form: TForm::OneSample,
///     mu: d("5")?,
///     t: Some(d("1.3")?),
///     p: None,
/// };
/// let verdicts = t_from_summary_map(&[case], &POptions::default())?;
/// assert_eq!((verdicts[0].t_consistency, verdicts[0].p_consistency), (Some(true), None));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn t_from_summary_map(cases: &[TCase], options: &POptions) -> Result<Vec<TVerdict>> {
    let summary = |mu| SummaryOptions {
        rounding: options.rounding,
        mu,
    };
    cases
        .par_iter()
        .enumerate()
        .map(|(row, c)| {
            let verdict = || {
                let range = t_from_summary(&c.first, c.second.as_ref(), c.form, &summary(c.mu))?;
                let (t_consistency, p_consistency) =
                    check_summary(&range, c.t.as_ref(), c.p.as_ref(), options)?;
                Ok(TVerdict {
                    range,
                    t_consistency,
                    p_consistency,
                })
            };
            verdict().map_err(at_row(cases.len(), row))
        })
        .collect()
}

/// t = D / S over independent intervals of D and S, at a fixed df.
fn fixed_df(diff: (f64, f64), se: (f64, f64), df: f64) -> TRange {
    let (t_low, t_high) = ratio_range(diff, se);
    let range = TRange {
        t_low,
        t_high,
        df_low: df,
        df_high: df,
        p_low: 0.0,
        p_high: 0.0,
    };
    let (abs_low, abs_high) = range.abs_t();
    TRange {
        p_low: two_tailed(abs_high, df),
        p_high: two_tailed(abs_low, df),
        ..range
    }
}

/// The range of `d / s` for `d` in `[d0, d1]` and `s` in `[s0, s1]`, `s > 0`
/// (an SD interval that reaches 0 gives infinite t).
fn ratio_range((d0, d1): (f64, f64), (s0, s1): (f64, f64)) -> (f64, f64) {
    if d0 >= 0.0 {
        (d0 / s1, d1 / s0)
    } else if d1 <= 0.0 {
        (d0 / s0, d1 / s1)
    } else {
        (d0 / s0, d1 / s0)
    }
}

fn two_tailed(t: f64, df: f64) -> f64 {
    if t.is_nan() {
        return 1.0;
    }
    (2.0 * t_upper(t, df).unwrap_or(f64::NAN)).min(1.0)
}

/// Welch's test over a box of `a = s1²/n1` and `b = s2²/n2`.
struct Welch {
    a: (f64, f64),
    b: (f64, f64),
    k1: f64,
    k2: f64,
}

impl Welch {
    fn df(&self, a: f64, b: f64) -> f64 {
        let v = a + b;
        v * v / (a * a / self.k1 + b * b / self.k2)
    }

    /// The feasible `a` on the segment `a + b = v`.
    fn segment(&self, v: f64) -> (f64, f64) {
        ((self.a.0).max(v - self.b.1), (self.a.1).min(v - self.b.0))
    }

    /// The largest and smallest df on the segment `a + b = v`: the df's
    /// denominator is a convex quadratic in `a`, least at
    /// `a = v · k1 / (k1 + k2)`.
    fn df_extremes(&self, v: f64) -> (f64, f64) {
        let (lo, hi) = self.segment(v);
        let best = (v * self.k1 / (self.k1 + self.k2)).max(lo).min(hi);
        let ends = (self.df(lo, v - lo), self.df(hi, v - hi));
        (ends.0.min(ends.1), self.df(best, v - best))
    }

    fn range(&self, diff: (f64, f64)) -> TRange {
        let (v0, v1) = (self.a.0 + self.b.0, self.a.1 + self.b.1);
        let (t_low, t_high) = ratio_range(diff, (v0.sqrt(), v1.sqrt()));
        let (df_low, df_high) = self.df_range();
        let partial = TRange {
            t_low,
            t_high,
            df_low,
            df_high,
            p_low: 0.0,
            p_high: 0.0,
        };
        // |D| at its largest and smallest.
        let d_max = diff.0.abs().max(diff.1.abs());
        let d_min = if diff.0 <= 0.0 && diff.1 >= 0.0 {
            0.0
        } else {
            diff.0.abs().min(diff.1.abs())
        };
        let p_at = |d: f64, v: f64, df: f64| two_tailed(d / v.sqrt(), df);
        let p_low = search(v0, v1, |v| p_at(d_max, v, self.df_extremes(v).1));
        let p_high = if d_min == 0.0 || v0 == 0.0 {
            1.0
        } else {
            -search(v0, v1, |v| -p_at(d_min, v, self.df_extremes(v).0))
        };
        TRange {
            p_low,
            p_high,
            ..partial
        }
    }

    /// The df over the whole box: df depends on `r = a / b` alone, largest
    /// at `r = k1 / k2` and falling away from it.
    fn df_range(&self) -> (f64, f64) {
        let (r0, r1) = (self.a.0 / self.b.1, self.a.1 / self.b.0);
        let at = |r: f64| {
            if r.is_infinite() {
                self.k1
            } else if r.is_nan() {
                self.k1.min(self.k2)
            } else {
                self.df(r, 1.0)
            }
        };
        let best = (self.k1 / self.k2).max(r0).min(r1);
        (at(r0).min(at(r1)), at(best))
    }
}

/// The minimum of `f` over `[lo, hi]`: a grid, then golden-section search
/// in the grid cells next to the best point.
fn search(lo: f64, hi: f64, f: impl Fn(f64) -> f64) -> f64 {
    const GRID: usize = 256;
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return f(lo);
    }
    let step = (hi - lo) / GRID as f64;
    let (best_i, best) =
        (0..=GRID)
            .map(|i| (i, f(lo + step * i as f64)))
            .fold(
                (0, f64::INFINITY),
                |acc, x| if x.1 < acc.1 { x } else { acc },
            );
    let (mut a, mut b) = (
        lo + step * best_i.saturating_sub(1) as f64,
        (lo + step * (best_i + 1) as f64).min(hi),
    );
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    let mut min = best;
    while b - a > 1e-12 * b.abs().max(f64::MIN_POSITIVE) {
        let (c, d) = (b - ratio * (b - a), a + ratio * (b - a));
        let (fc, fd) = (f(c), f(d));
        min = min.min(fc).min(fd);
        if fc < fd {
            b = d;
        } else {
            a = c;
        }
    }
    min
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(mean: &str, sd: &str, n: u64) -> Group {
        Group::new(mean.parse().expect("mean"), sd.parse().expect("sd"), n).expect("a group")
    }

    /// The Welch range holds every p on a fine grid over the box, and its
    /// ends are within a hair of the grid's extremes.
    #[test]
    fn welch_range_contains_a_fine_grid() -> Result<()> {
        for (g1, g2) in [
            (group("5.2", "0.4", 5), group("4.1", "2.9", 40)),
            (group("10.03", "1.1", 12), group("9.5", "1.3", 12)),
            (group("0.3", "0.1", 3), group("0.1", "0.9", 100)),
        ] {
            let r = t_from_summary(&g1, Some(&g2), TForm::Welch, &SummaryOptions::default())?;
            let b = |x: &Decimal| {
                unround(x, &Rounding::default()).map(|b| (b.lower.to_f64(), b.upper.to_f64()))
            };
            let (m1, s1, m2, s2) = (b(&g1.mean)?, b(&g1.sd)?, b(&g2.mean)?, b(&g2.sd)?);
            let (n1, n2) = (g1.n as f64, g2.n as f64);
            let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
            let steps = 24;
            let at = |(x, y): (f64, f64), i: usize| x + (y - x) * i as f64 / steps as f64;
            for i in 0..=steps {
                for j in 0..=steps {
                    for (d1, d2) in [(m1.1, m2.0), (m1.0, m2.1)] {
                        let (a, c) = (at(s1, i).powi(2) / n1, at(s2, j).powi(2) / n2);
                        let df = (a + c).powi(2) / (a * a / (n1 - 1.0) + c * c / (n2 - 1.0));
                        let p = two_tailed((d1 - d2).abs() / (a + c).sqrt(), df);
                        lo = lo.min(p);
                        hi = hi.max(p);
                    }
                }
            }
            assert!(
                r.p_low <= lo * (1.0 + 1e-9) && lo <= r.p_low * 1.01,
                "{} vs grid {lo}",
                r.p_low
            );
            assert!(
                r.p_high >= hi * (1.0 - 1e-9) && hi >= r.p_high * 0.99,
                "{} vs grid {hi}",
                r.p_high
            );
        }
        Ok(())
    }

    #[test]
    fn one_sample_ranges_are_the_corners() -> Result<()> {
        let g = group("5.5", "2.0", 25);
        let r = t_from_summary(&g, None, TForm::OneSample, &SummaryOptions::default())?;
        // D in [5.45, 5.55], SE in [1.95, 2.05] / 5.
        assert!((r.t_low - 5.45 / 0.41).abs() < 1e-12 && (r.t_high - 5.55 / 0.39).abs() < 1e-12);
        assert_eq!((r.df_low, r.df_high), (24.0, 24.0));
        Ok(())
    }
}
