//! GRIMMER: could `n` integer scores have this mean *and* this SD?
//!
//! For integers `T₁…Tₙ` (each person's total over `items` items) with sum
//! `S` and sum of squares `Q`, the mean is `S / (n·items)` and the SD is
//! `√(D / (n(n − 1))) / items` with `D = n·Q − S²`. The report is consistent
//! iff some sample of integers has an `S` inside the mean's interval and a
//! `D` inside the SD's: exact mode decides exactly that, with integers.
//!
//! Its three tests, each necessary, are applied in order and the first that
//! fails is the reason:
//! 1. some GRIM-possible sum has an integer `Q` whose SD rounds to the report;
//! 2. such a `Q` has the parity of its sum (`Σx² ≡ Σx (mod 2)`);
//! 3. some sample of integers (on the scale, when it is given) has that sum
//!    and sum of squares. Without a scale and with at least 8 values equal
//!    in the most even sample (always when `n ≥ 16`), every `Q` from the most
//!    even sample's upwards with the right parity is reached (move four pairs
//!    of equal values apart by `j₁…j₄`: `Q` grows by `2(j₁² + … + j₄²)`, any
//!    even number by Lagrange's four-square theorem). Otherwise the samples
//!    are searched, exactly, with the CLOSURE recursion.
//!
//! [`Mode::Scrutiny`] replays scrutiny 0.6.1's Analytic-GRIMMER instead, which
//! tries one candidate sum only and whose test 3 checks parity alone.
//!
//! ```
//! use ferrox::{grimmer::{grimmer, GrimmerCase, GrimmerOptions}, Decimal};
//! let case = GrimmerCase::new(Decimal::parse("4.0")?, Decimal::parse("2.071")?, 122, 1)?;
//! assert!(grimmer(&case, &GrimmerOptions::default())?.is_consistent());
//! # Ok::<(), ferrox::Error>(())
//! ```

use rayon::prelude::*;

use super::closure::{Closure, ClosureInput, Tolerance};
use super::grim::{GrimCase, GrimOptions, grim};
use super::spread::{SdKind, spread_range, squares_range};
use crate::decimal::Decimal;
use crate::error::{Error, Result};
use crate::input::{at_row, common_length, count, recycled, small_count};
use crate::rounding::{Mode, Rounded, Rounding, ceil_div, ceil_sqrt, scrutiny, unround};

/// How to test: the settings shared by every case of a table.
///
/// ```
/// use ferrox::grimmer::GrimmerOptions;
/// let on_a_scale = GrimmerOptions { scale: Some((1, 7)), ..GrimmerOptions::default() };
/// assert_eq!(on_a_scale.scale, Some((1, 7)));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GrimmerOptions {
    /// How the reported values were rounded.
    pub rounding: Rounding,
    /// Exact (default) or a replay of R scrutiny.
    pub mode: Mode,
    /// The lowest and highest possible score, when known: the SD must then
    /// also be reachable on the scale (exact mode only).
    pub scale: Option<(i64, i64)>,
}

/// One reported case: mean, SD, sample size, items per score.
///
/// ```
/// use ferrox::{grimmer::GrimmerCase, Decimal};
/// let case = GrimmerCase::new(Decimal::parse("2.74")?, Decimal::parse("0.96")?, 63, 2)?;
/// assert_eq!((case.n, case.items), (63, 2));
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GrimmerCase {
    /// The reported mean, as written.
    pub x: Decimal,
    /// The reported sample SD, as written.
    pub sd: Decimal,
    /// The sample size.
    pub n: u64,
    /// Items averaged into each score (1 for a single integer score).
    pub items: u32,
}

/// GRIMMER's answer, with the first test that failed.
///
/// ```
/// use ferrox::grimmer::GrimmerVerdict;
/// let v: GrimmerVerdict = "GRIM inconsistent".parse()?;
/// assert_eq!(v, GrimmerVerdict::GrimInconsistent);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GrimmerVerdict {
    /// Every test passed.
    Consistent,
    /// The mean alone is impossible.
    GrimInconsistent,
    /// Test 1 failed.
    Test1,
    /// Test 2 failed.
    Test2,
    /// Test 3 failed.
    Test3,
}

impl GrimmerVerdict {
    /// Every verdict, consistent first.
    pub const ALL: [GrimmerVerdict; 5] = [
        GrimmerVerdict::Consistent,
        GrimmerVerdict::GrimInconsistent,
        GrimmerVerdict::Test1,
        GrimmerVerdict::Test2,
        GrimmerVerdict::Test3,
    ];

    /// The verdict's place in [`GrimmerVerdict::ALL`]: tables store reasons
    /// as these codes.
    ///
    /// ```
    /// use ferrox::grimmer::GrimmerVerdict;
    /// assert_eq!(GrimmerVerdict::ALL[GrimmerVerdict::Test2.code() as usize], GrimmerVerdict::Test2);
    /// ```
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The later of two failures: how far some sum got through the tests.
    fn max_progress(self, other: GrimmerVerdict) -> GrimmerVerdict {
        if other.code() > self.code() {
            other
        } else {
            self
        }
    }

    /// Whether the report passed.
    ///
    /// ```
    /// use ferrox::grimmer::GrimmerVerdict;
    /// assert!(GrimmerVerdict::Consistent.is_consistent());
    /// assert!(!GrimmerVerdict::Test1.is_consistent());
    /// ```
    pub const fn is_consistent(self) -> bool {
        matches!(self, GrimmerVerdict::Consistent)
    }

    /// The reason as scrutiny words it.
    ///
    /// ```
    /// use ferrox::grimmer::GrimmerVerdict;
    /// assert_eq!(GrimmerVerdict::Test3.reason(), "GRIMMER inconsistent (test 3)");
    /// ```
    pub const fn reason(self) -> &'static str {
        match self {
            GrimmerVerdict::Consistent => "Passed all",
            GrimmerVerdict::GrimInconsistent => "GRIM inconsistent",
            GrimmerVerdict::Test1 => "GRIMMER inconsistent (test 1)",
            GrimmerVerdict::Test2 => "GRIMMER inconsistent (test 2)",
            GrimmerVerdict::Test3 => "GRIMMER inconsistent (test 3)",
        }
    }
}

impl std::str::FromStr for GrimmerVerdict {
    type Err = Error;

    /// Reads a reason back, as tables hold it.
    fn from_str(reason: &str) -> Result<Self> {
        GrimmerVerdict::ALL
            .into_iter()
            .find(|v| v.reason() == reason)
            .ok_or_else(|| {
                Error::invalid(
                    "reason",
                    format!("{} is not a GRIMMER reason", crate::error::quoted(reason)),
                )
            })
    }
}

impl std::fmt::Display for GrimmerVerdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.reason())
    }
}

impl GrimmerCase {
    /// A case, with `n` and `items` at least 1 and a non-negative SD.
    ///
    /// ```
    /// use ferrox::{Decimal, grimmer::GrimmerCase};
    /// assert!(GrimmerCase::new(Decimal::parse("5.2")?, Decimal::parse("-1.1")?, 20, 1).is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn new(x: Decimal, sd: Decimal, n: u64, items: u32) -> Result<Self> {
        GrimCase::new(x, n, items)?;
        if sd.mantissa() < 0 {
            return Err(Error::invalid(
                "sd",
                "a standard deviation cannot be negative",
            ));
        }
        Ok(GrimmerCase { x, sd, n, items })
    }

    /// The cases of a table; each column holds one value per row or one
    /// value for all rows.
    ///
    /// ```
    /// use ferrox::{decimal::parse_column, grimmer::GrimmerCase};
    /// let x = parse_column(&["5.23", "5.23"])?;
    /// let cases = GrimmerCase::from_columns(&x, &parse_column(&["2.55"])?, &[35.0, 31.0], &[1.0])?;
    /// assert_eq!(cases[1].n, 31);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn from_columns(
        x: &[Decimal],
        sd: &[Decimal],
        n: &[f64],
        items: &[f64],
    ) -> Result<Vec<Self>> {
        let len = common_length(&[
            ("x", x.len()),
            ("sd", sd.len()),
            ("n", n.len()),
            ("items", items.len()),
        ])?;
        (0..len)
            .map(|row| {
                let case = || {
                    GrimmerCase::new(
                        recycled(x, row),
                        recycled(sd, row),
                        count(recycled(n, row), "n")?,
                        small_count(recycled(items, row), "items")?,
                    )
                };
                case().map_err(at_row(len, row))
            })
            .collect()
    }
}

/// The GRIMMER test of one reported mean and SD.
///
/// ```
/// use ferrox::{Decimal, grimmer::{grimmer, GrimmerCase, GrimmerOptions, GrimmerVerdict}};
/// let d = Decimal::parse;
/// let opts = GrimmerOptions::default();
/// // 40 integers summing to 146 can have this mean and SD:
/// let case = GrimmerCase::new(d("3.6")?, d("1.99")?, 40, 1)?;
/// assert_eq!(grimmer(&case, &opts)?, GrimmerVerdict::Consistent);
/// let case = GrimmerCase::new(d("5.23")?, d("2.55")?, 35, 1)?;
/// assert_eq!(grimmer(&case, &opts)?, GrimmerVerdict::Test2);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grimmer(case: &GrimmerCase, opts: &GrimmerOptions) -> Result<GrimmerVerdict> {
    match opts.mode {
        Mode::Exact => grimmer_exact(case, opts),
        Mode::Scrutiny if opts.scale.is_some() => Err(Error::Unsupported(
            "scrutiny's GRIMMER has no scale bounds; drop scale_min/scale_max or use exact mode"
                .into(),
        )),
        Mode::Scrutiny => grimmer_scrutiny(case, &opts.rounding),
    }
}

/// GRIMMER over many cases, in parallel; the verdicts are in input order.
///
/// ```
/// use ferrox::{decimal::parse_column, grimmer::{grimmer_map, GrimmerCase, GrimmerOptions}};
/// let x = parse_column(&["5.23", "5.23"])?;
/// let cases = GrimmerCase::from_columns(&x, &parse_column(&["2.55"])?, &[35.0, 31.0], &[1.0])?;
/// let verdicts = grimmer_map(&cases, &GrimmerOptions::default())?;
/// assert_eq!(verdicts.iter().map(|v| v.is_consistent()).collect::<Vec<_>>(), [false, true]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grimmer_map(cases: &[GrimmerCase], opts: &GrimmerOptions) -> Result<Vec<GrimmerVerdict>> {
    cases
        .par_iter()
        .with_min_len(1024)
        .enumerate()
        .map(|(row, case)| grimmer(case, opts).map_err(at_row(cases.len(), row)))
        .collect()
}

/// Most sums GRIMMER checks one by one (well under a second): a case that
/// needs more (an n in the billions with an SD of many decimals) is too
/// large to decide here, rather than a wait without end.
const MAX_SCANNED: i128 = 1 << 24;

/// The sums from `first` to `last`, ending in a TooLarge error after
/// [`MAX_SCANNED`] of them: a loop that decides early never sees it.
fn scanned(first: i128, last: i128) -> impl Iterator<Item = Result<i128>> {
    (first..=last).enumerate().map(|(i, sum)| match i as i128 {
        i if i < MAX_SCANNED => Ok(sum),
        _ => Err(Error::Overflow(
            "GRIMMER would check more than 16 million sums one by one for this n",
        )),
    })
}

/// Values equal in the most even sample needed for Lagrange's pairs.
const PAIRS_NEEDED: i128 = 8;

fn grimmer_exact(case: &GrimmerCase, opts: &GrimmerOptions) -> Result<GrimmerVerdict> {
    let grim_case = GrimCase::new(case.x, case.n, case.items)?;
    let mean = unround(&case.x, &opts.rounding)?;
    let Some((s_lo, s_hi)) = mean.integers_over(grim_case.granules()?)? else {
        return Ok(GrimmerVerdict::GrimInconsistent);
    };
    let n = i128::from(case.n);
    let items = i128::from(case.items);
    let sd = unround(&case.sd, &opts.rounding)?;
    let Some(spread) = spread_range(&sd, n, items, SdKind::Sample)? else {
        return Ok(GrimmerVerdict::Test1);
    };
    let scale = match opts.scale {
        Some((lo, hi)) if hi < lo => {
            return Err(Error::invalid(
                "scale_max",
                format!("it is {hi}, below scale_min ({lo})"),
            ));
        }
        Some((lo, hi)) => Some((i128::from(lo) * items, i128::from(hi) * items)),
        None => None,
    };
    let problem = Problem { n, spread };
    // Tests 1 and 2 (and 3 without a scale) depend on S only through S mod n
    // and S mod 2, so one period of 2n sums decides them.
    let period_end = s_hi.min(s_lo + 2 * n - 1);
    let mut verdict = GrimmerVerdict::Test1;
    let mut search = false;
    for sum in scanned(s_lo, period_end) {
        let sum = sum?;
        let Some((q_lo, q_hi)) = problem.squares(sum)? else {
            continue;
        };
        verdict = verdict.max_progress(GrimmerVerdict::Test2);
        let Some((_, q_hi)) = with_parity(sum, q_lo, q_hi) else {
            continue;
        };
        verdict = verdict.max_progress(GrimmerVerdict::Test3);
        match scale {
            // On a scale, test 3 is as far as this period goes.
            Some(_) => break,
            None => match problem.unbounded(sum, q_hi) {
                Some(true) => return Ok(GrimmerVerdict::Consistent),
                Some(false) => {}
                None => search = true,
            },
        }
    }
    if verdict != GrimmerVerdict::Test3 {
        return Ok(verdict);
    }
    if let Some((lo, hi)) = scale {
        // Popoviciu: values on [lo, hi] have n·Q − S² ≤ n²(hi − lo)²/4, so
        // an SD beyond that fits no sum.
        let widest = (n * (hi - lo))
            .checked_mul(n * (hi - lo))
            .ok_or(Error::Overflow("n times the scale"))?;
        if problem.spread.0 > widest / 4 {
            return Ok(GrimmerVerdict::Test3);
        }
        for sum in scanned(s_lo.max(n * lo), s_hi.min(n * hi)) {
            let sum = sum?;
            let Some((q_lo, q_hi)) = problem
                .squares(sum)?
                .and_then(|(a, b)| with_parity(sum, a, b))
            else {
                continue;
            };
            match problem.bounded(sum, q_lo, q_hi, lo, hi) {
                Some(true) => return Ok(GrimmerVerdict::Consistent),
                Some(false) => {}
                None => search = true,
            }
        }
    }
    if search && problem.search(case, opts, (s_lo, s_hi))? {
        return Ok(GrimmerVerdict::Consistent);
    }
    Ok(GrimmerVerdict::Test3)
}

/// One case in integers: `n` and the range of `D`.
struct Problem {
    n: i128,
    spread: (i128, i128),
}

impl Problem {
    /// The integer sums of squares whose SD rounds to the report, for `sum`.
    fn squares(&self, sum: i128) -> Result<Option<(i128, i128)>> {
        squares_range(sum, self.n, self.spread)
    }

    /// The least sum of squares of `n` integers summing to `sum`: the most
    /// even sample, `n − r` values `q` and `r` values `q + 1`.
    fn least_squares(&self, sum: i128) -> (i128, i128, i128) {
        let (q, r) = (sum.div_euclid(self.n), sum.rem_euclid(self.n));
        (self.n * q * q + 2 * q * r + r, q, r)
    }

    /// Without a scale: decided when the most even sample has eight equal
    /// values (`None` otherwise).
    fn unbounded(&self, sum: i128, q_hi: i128) -> Option<bool> {
        let (least, _, r) = self.least_squares(sum);
        if (self.n - r).max(r) >= PAIRS_NEEDED {
            Some(q_hi >= least)
        } else {
            None
        }
    }

    /// On the scale `[lo, hi]` (in totals): `Some(false)` when the sum of
    /// squares is out of the scale's reach, `Some(true)` when Lagrange's
    /// pairs fit on it, `None` when only a search can tell.
    fn bounded(&self, sum: i128, q_lo: i128, q_hi: i128, lo: i128, hi: i128) -> Option<bool> {
        let (least, q, r) = self.least_squares(sum);
        let q_lo = q_lo.max(least);
        if q_lo > q_hi.min(self.most_squares(sum, lo, hi)) {
            return Some(false);
        }
        let k = (q_lo - least) / 2;
        let level = if self.n - r >= PAIRS_NEEDED {
            q
        } else if r >= PAIRS_NEEDED {
            q + 1
        } else {
            return None;
        };
        (k.isqrt() <= (level - lo).min(hi - level)).then_some(true)
    }

    /// The greatest sum of squares on the scale: values at the ends, at
    /// most one in between.
    fn most_squares(&self, sum: i128, lo: i128, hi: i128) -> i128 {
        let width = hi - lo;
        if width == 0 {
            return self.n * lo * lo;
        }
        let above = sum - self.n * lo;
        let (tops, rest) = (above / width, above % width);
        if tops >= self.n {
            return self.n * hi * hi;
        }
        let middle = lo + rest;
        tops * hi * hi + middle * middle + (self.n - tops - 1) * lo * lo
    }

    /// The exact answer by the CLOSURE recursion, on the scale or, without
    /// one, on the range no value of such a sample can leave.
    fn search(
        &self,
        case: &GrimmerCase,
        opts: &GrimmerOptions,
        (s_lo, s_hi): (i128, i128),
    ) -> Result<bool> {
        let items = i128::from(case.items);
        let (scale_min, scale_max) = match opts.scale {
            Some(scale) => scale,
            None => {
                // |T − mean| ≤ √(D (n − 1)) / n for every value of a sample.
                let reach = ceil_div(ceil_sqrt(self.spread.1 * (self.n - 1)), self.n);
                let lo = s_lo.div_euclid(self.n) - reach;
                let hi = ceil_div(s_hi, self.n) + reach;
                let small = |t: i128| {
                    i64::try_from(t).map_err(|_| Error::Overflow("the range of the values"))
                };
                (small(lo.div_euclid(items))?, small(ceil_div(hi, items))?)
            }
        };
        let values = (i128::from(scale_max) - i128::from(scale_min)) * items + 1;
        if values > SEARCH_VALUES {
            return Err(Error::Unsupported(format!(
                "deciding this GRIMMER case exactly means searching samples over {values} values \
                 (n = {} is small and the SD large); give scale_min and scale_max",
                case.n
            )));
        }
        let input = ClosureInput {
            items: case.items,
            tolerance: Tolerance::Rounding(opts.rounding),
            ..ClosureInput::new(case.x, case.sd, case.n, scale_min, scale_max)
        };
        Closure::new(&input)?.exists()
    }
}

/// Most values the exact search covers.
const SEARCH_VALUES: i128 = 10_000;

/// The sums of squares in `[lo, hi]` with the parity of `sum`.
fn with_parity(sum: i128, lo: i128, hi: i128) -> Option<(i128, i128)> {
    let parity = sum.rem_euclid(2);
    let lo = lo + (lo - parity).rem_euclid(2);
    let hi = hi - (hi - parity).rem_euclid(2);
    (lo <= hi).then_some((lo, hi))
}

/// Sums of squares scrutiny's GRIMMER scans one by one; longer runs are
/// bisected to the same answer.
const SCAN_LIMIT: f64 = 4096.0;

/// 2^53: from here on a double cannot count by one.
const MAX_EXACT_DOUBLE: f64 = 9_007_199_254_740_992.0;

/// The first whole `s` in `[first, last]` where `holds` turns true, for a
/// `holds` that stays true once it is.
fn first_below(first: f64, last: f64, holds: impl Fn(f64) -> bool) -> Option<f64> {
    if !holds(last) {
        return None;
    }
    let (mut lo, mut hi) = (first, last);
    while lo < hi {
        let mid = lo + ((hi - lo) / 2.0).floor();
        if holds(mid) {
            hi = mid;
        } else {
            lo = mid + 1.0;
        }
    }
    Some(lo)
}

fn near(report: f64, candidate: f64) -> bool {
    (report - candidate).abs() < scrutiny::TOLERANCE
}

/// For each report: does a candidate SD of some sum of squares in
/// `[first, last]`, dusted, come near it? scrutiny's scan.
fn matches_by_scan(
    first: f64,
    last: f64,
    reports: &[f64; 2],
    rounded: impl Fn(f64) -> Rounded<f64>,
) -> [bool; 2] {
    let mut matches = [false; 2];
    let mut squares_sum = first;
    while squares_sum <= last {
        for value in rounded(squares_sum).iter() {
            for candidate in [value - scrutiny::DUST, value + scrutiny::DUST] {
                for (report, matched) in reports.iter().zip(matches.iter_mut()) {
                    *matched |= near(*report, candidate);
                }
            }
        }
        squares_sum += 1.0;
    }
    matches
}

/// [`matches_by_scan`] without the scan: every step from a sum of squares
/// to a rounded, dusted SD is monotone, so the sums of squares whose
/// candidate lies near a report form one run, found by bisection.
fn matches_by_bisection(
    first: f64,
    last: f64,
    reports: &[f64; 2],
    rounded: impl Fn(f64) -> Rounded<f64>,
) -> [bool; 2] {
    let candidates = rounded(first).iter().count();
    reports.map(|report| {
        (0..candidates).any(|j| {
            [-scrutiny::DUST, scrutiny::DUST].into_iter().any(|dust| {
                let gap = |s: f64| report - (rounded(s).iter().nth(j).unwrap_or(f64::NAN) + dust);
                first_below(first, last, |s| gap(s) < scrutiny::TOLERANCE)
                    .is_some_and(|s| gap(s) > -scrutiny::TOLERANCE)
            })
        })
    })
}

/// scrutiny 0.6.1's `grimmer_scalar()`, operation for operation (a long
/// scan bisected to the same answer).
fn grimmer_scrutiny(case: &GrimmerCase, rounding: &Rounding) -> Result<GrimmerVerdict> {
    let grim_opts = GrimOptions {
        percent: false,
        rounding: *rounding,
        mode: Mode::Scrutiny,
    };
    if !grim(&GrimCase::new(case.x, case.n, case.items)?, &grim_opts)? {
        return Ok(GrimmerVerdict::GrimInconsistent);
    }
    let digits = i32::try_from(case.sd.scale()).map_err(|_| Error::Overflow("decimals"))?;
    let (x, sd) = (case.x.to_f64(), case.sd.to_f64());
    let (n, items) = (case.n as f64, f64::from(case.items));
    let sum_real = scrutiny::r_round(x * (n * items), 0);
    let x_real = sum_real / (n * items);
    let half = 5.0 / scrutiny::r_pow(10.0, digits + 1);
    let sd_lower = if sd < half { 0.0 } else { sd - half };
    let sd_upper = sd + half;
    let squares = |s: f64| ((n - 1.0) * (s * s) + n * (x_real * x_real)) * (items * items);
    let (first, last) = (squares(sd_lower).ceil(), squares(sd_upper).floor());
    if first > last || first.is_nan() || last.is_nan() {
        return Ok(GrimmerVerdict::Test1);
    }
    if last >= MAX_EXACT_DOUBLE {
        return Err(Error::Overflow(
            "scrutiny steps through sums of squares in doubles, which cannot step by one \
             above 2^53; exact mode decides this case",
        ));
    }
    // Test 2: does some reconstructed SD, rounded and dusted, come near the
    // dusted report? Test 3 as implemented: does some candidate sum of
    // squares share the parity of the sum (scrutiny issue #80)?
    let rounded = |squares_sum: f64| {
        let variance = (squares_sum / (items * items) - n * (x_real * x_real)) / (n - 1.0);
        scrutiny::reround(variance.sqrt(), digits, rounding)
    };
    let reports = [sd - scrutiny::DUST, sd + scrutiny::DUST];
    let matches = if last - first < SCAN_LIMIT {
        matches_by_scan(first, last, &reports, rounded)
    } else {
        matches_by_bisection(first, last, &reports, rounded)
    };
    let sum_parity = sum_real.rem_euclid(2.0);
    let parity = [first, first + 1.0]
        .into_iter()
        .any(|s| s <= last && s.rem_euclid(2.0) == sum_parity);
    Ok(if !matches.contains(&true) {
        GrimmerVerdict::Test2
    } else if !parity {
        GrimmerVerdict::Test3
    } else {
        GrimmerVerdict::Consistent
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rounding::Procedure;
    use proptest::prelude::*;

    proptest! {
        /// Bisection gives the scan's answer, for every procedure, around
        /// and away from the report.
        #[test]
        fn bisection_matches_the_scan(
            n in 2u32..3000,
            mean_hundredths in 0u32..1000,
            sd_hundredths in 0u32..500,
            digits in 0i32..3,
            start in 0.0f64..1.0,
            span in 0u32..3000,
            procedure in 0usize..12,
            threshold in 1u8..10,
        ) {
            // Each procedure with a threshold it takes.
            let Ok(rounding) = Rounding::new(Procedure::ALL[procedure], threshold, false) else {
                return Ok(());
            };
            let (n, x) = (f64::from(n), f64::from(mean_hundredths) / 100.0);
            let sd = scrutiny::r_round(f64::from(sd_hundredths) / 100.0, digits);
            let rounded = |s: f64| {
                let variance = (s - n * x * x) / (n - 1.0);
                scrutiny::reround(variance.sqrt(), digits, &rounding)
            };
            // Sums of squares around those of SDs from 0 to twice the report.
            let squares = |v: f64| ((n - 1.0) * v * v + n * x * x).floor();
            let first = squares(2.0 * sd * start);
            let last = first + f64::from(span);
            let reports = [sd - scrutiny::DUST, sd + scrutiny::DUST];
            prop_assert_eq!(
                matches_by_bisection(first, last, &reports, rounded),
                matches_by_scan(first, last, &reports, rounded)
            );
        }
    }
}
