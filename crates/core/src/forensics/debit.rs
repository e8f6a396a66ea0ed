//! DEBIT: could `n` binary (0/1) values have this mean and SD?
//!
//! With `k` ones among `n` values the mean is `k / n` and the sample SD is
//! `√(k(n − k) / (n(n − 1)))`. Exact mode asks whether some integer `k`
//! gives both: the mean in its interval (GRIM's granularity) and
//! `D = k(n − k)` in the SD's integer range, solved with integer square
//! roots instead of trying every `k`.
//!
//! [`Mode::Scrutiny`] replays scrutiny 0.6.1's `debit()`: it rounds the SDs
//! of the mean interval's two ends only (so it misses the peak at 0.5 inside
//! the interval) and never checks the mean's granularity.
//!
//! ```
//! use ferrox::{debit::{debit, DebitCase, DebitOptions}, Decimal};
//! let case = DebitCase::new(Decimal::parse("0.50")?, Decimal::parse("0.503")?, 100)?;
//! assert_eq!(debit(&case, &DebitOptions::default())?.consistency, Some(true));
//! # Ok::<(), ferrox::Error>(())
//! ```

use rayon::prelude::*;

use super::spread::{SdKind, spread_range};
use crate::decimal::Decimal;
use crate::error::{Error, Result};
use crate::input::{at_row, common_length, count, recycled};
use crate::rounding::scrutiny::{self, FloatBounds};
use crate::rounding::{Mode, Rounding, ceil_sqrt, unround};

/// How to test: the settings shared by every case of a table.
///
/// ```
/// use ferrox::{debit::DebitOptions, Mode};
/// let opts = DebitOptions { mode: Mode::Scrutiny, ..DebitOptions::default() };
/// assert_eq!(opts.mode, Mode::Scrutiny);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DebitOptions {
    /// How the reported values were rounded.
    pub rounding: Rounding,
    /// Exact (default) or a replay of R scrutiny.
    pub mode: Mode,
}

/// One reported case of binary data.
///
/// ```
/// use ferrox::{debit::DebitCase, Decimal};
/// let case = DebitCase::new(Decimal::parse("0.36")?, Decimal::parse("0.11")?, 20)?;
/// assert_eq!(case.n, 20);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DebitCase {
    /// The reported mean (the share of ones), as written.
    pub x: Decimal,
    /// The reported sample SD, as written.
    pub sd: Decimal,
    /// The sample size.
    pub n: u64,
}

/// DEBIT's answer with the intervals it used.
///
/// ```
/// use ferrox::{debit::{debit, DebitCase, DebitOptions}, Decimal};
/// let case = DebitCase::new(Decimal::parse("0.36")?, Decimal::parse("0.11")?, 20)?;
/// let row = debit(&case, &DebitOptions::default())?;
/// assert_eq!((row.consistency, row.x.lower), (Some(false), 0.355));
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DebitRow {
    /// Whether the report is consistent; `None` where scrutiny gives `NA`
    /// (never in exact mode).
    pub consistency: Option<bool>,
    /// The interval the mean was rounded from.
    pub x: FloatBounds,
    /// The interval the SD was rounded from.
    pub sd: FloatBounds,
}

impl DebitCase {
    /// A case; the mean and SD of binary data lie between 0 and 1.
    ///
    /// ```
    /// use ferrox::{Decimal, debit::DebitCase};
    /// assert!(DebitCase::new(Decimal::parse("1.2")?, Decimal::parse("0.4")?, 20).is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn new(x: Decimal, sd: Decimal, n: u64) -> Result<Self> {
        let n = crate::input::sample_size(n)?;
        for (name, value) in [("x", x), ("sd", sd)] {
            let one = Decimal::new(1, 0).rescale(value.scale())?;
            if value.mantissa() < 0 || value.mantissa() > one.mantissa() {
                return Err(Error::invalid(
                    name,
                    format!("{value} is not between 0 and 1, so it cannot describe binary data"),
                ));
            }
        }
        Ok(DebitCase { x, sd, n })
    }

    /// The cases of a table; each column holds one value per row or one
    /// value for all rows.
    ///
    /// ```
    /// use ferrox::{decimal::parse_column, debit::DebitCase};
    /// let cases = DebitCase::from_columns(&parse_column(&["0.36"])?, &parse_column(&["0.11"])?, &[20.0])?;
    /// assert_eq!(cases.len(), 1);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn from_columns(x: &[Decimal], sd: &[Decimal], n: &[f64]) -> Result<Vec<Self>> {
        let len = common_length(&[("x", x.len()), ("sd", sd.len()), ("n", n.len())])?;
        (0..len)
            .map(|row| {
                let case = || {
                    DebitCase::new(
                        recycled(x, row),
                        recycled(sd, row),
                        count(recycled(n, row), "n")?,
                    )
                };
                case().map_err(at_row(len, row))
            })
            .collect()
    }
}

/// The DEBIT test of one case.
///
/// ```
/// use ferrox::{Decimal, debit::{debit, DebitCase, DebitOptions}};
/// let d = Decimal::parse;
/// let opts = DebitOptions::default();
/// // 5 ones among 10 values: mean 0.5, SD 0.527…
/// assert_eq!(debit(&DebitCase::new(d("0.5")?, d("0.53")?, 10)?, &opts)?.consistency, Some(true));
/// assert_eq!(debit(&DebitCase::new(d("0.36")?, d("0.11")?, 20)?, &opts)?.consistency, Some(false));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn debit(case: &DebitCase, opts: &DebitOptions) -> Result<DebitRow> {
    match opts.mode {
        Mode::Exact => debit_exact(case, &opts.rounding),
        Mode::Scrutiny => debit_scrutiny(case, &opts.rounding),
    }
}

/// DEBIT over many cases, in parallel; the rows are in input order.
///
/// ```
/// use ferrox::{decimal::parse_column, debit::{debit_map, DebitCase, DebitOptions}};
/// let cases = DebitCase::from_columns(&parse_column(&["0.36", "0.5"])?, &parse_column(&["0.11", "0.53"])?, &[20.0, 10.0])?;
/// let rows = debit_map(&cases, &DebitOptions::default())?;
/// assert_eq!((rows[0].consistency, rows[1].consistency), (Some(false), Some(true)));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn debit_map(cases: &[DebitCase], opts: &DebitOptions) -> Result<Vec<DebitRow>> {
    cases
        .par_iter()
        .with_min_len(1024)
        .enumerate()
        .map(|(row, case)| debit(case, opts).map_err(at_row(cases.len(), row)))
        .collect()
}

fn debit_exact(case: &DebitCase, rounding: &Rounding) -> Result<DebitRow> {
    let (mean, sd) = (unround(&case.x, rounding)?, unround(&case.sd, rounding)?);
    let row = |consistent| DebitRow {
        consistency: Some(consistent),
        x: mean.to_floats(),
        sd: sd.to_floats(),
    };
    let n = i128::from(case.n);
    let ones = mean
        .integers_over(case.n)?
        .map(|(lo, hi)| (lo.max(0), hi.min(n)))
        .filter(|(lo, hi)| lo <= hi);
    let spread = spread_range(&sd, n, 1, SdKind::Sample)?;
    let (Some((k_lo, k_hi)), Some((d_lo, d_hi))) = (ones, spread) else {
        return Ok(row(false));
    };
    // k(n − k) = (n² − t²) / 4 with t = |n − 2k|, so D in [d_lo, d_hi] is
    // t² in [n² − 4 d_hi, n² − 4 d_lo], with t ≡ n (mod 2).
    let widest = n * n - 4 * d_lo;
    if widest < 0 {
        return Ok(row(false));
    }
    let t_min = ceil_sqrt(n * n - 4 * d_hi);
    let t_max = widest.isqrt();
    // t for the k below n / 2, then for the k above it.
    let found = [(n - 2 * k_hi, n - 2 * k_lo), (2 * k_lo - n, 2 * k_hi - n)]
        .into_iter()
        .any(|(lo, hi)| {
            let lo = lo.max(t_min).max(0);
            let first = lo + (lo - n).rem_euclid(2);
            first <= hi.min(t_max)
        });
    Ok(row(found))
}

/// scrutiny 0.6.1's `debit_table()`: R's three-valued logic, element-wise
/// recycling of the dusted bounds against the dusted reconstructions, and
/// `NA` where an interval end leaves [0, 1].
fn debit_scrutiny(case: &DebitCase, rounding: &Rounding) -> Result<DebitRow> {
    let x = scrutiny::unround(&case.x, rounding)?;
    let sd = scrutiny::unround(&case.sd, rounding)?;
    let digits = i32::try_from(case.sd.scale()).map_err(|_| Error::Overflow("decimals"))?;
    let n = case.n as f64;
    let sd_of = |mean: f64| ((n / (n - 1.0)) * (mean * (1.0 - mean))).sqrt();
    let rounded: Vec<f64> = [x.lower, x.upper]
        .into_iter()
        .flat_map(|end| {
            scrutiny::reround(sd_of(end), digits, rounding)
                .iter()
                .collect::<Vec<_>>()
        })
        .collect();
    let dusted: Vec<f64> = rounded
        .iter()
        .map(|r| r - scrutiny::DUST)
        .chain(rounded.iter().map(|r| r + scrutiny::DUST))
        .collect();
    let dust = |end: f64| [end - scrutiny::DUST, end + scrutiny::DUST];
    let (lower, upper) = (dust(sd.lower), dust(sd.upper));
    let compare = |a: f64, b: f64, inclusive: bool| {
        (!a.is_nan() && !b.is_nan()).then_some(if inclusive { a <= b } else { a < b })
    };
    // `outer()`: every dusted bound against every dusted reconstruction.
    let above = any(lower
        .iter()
        .flat_map(|&l| dusted.iter().map(move |&r| compare(l, r, sd.incl_lower))));
    let below = any(dusted
        .iter()
        .flat_map(|&r| upper.iter().map(move |&u| compare(r, u, sd.incl_upper))));
    let consistency = match (above, below) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    };
    Ok(DebitRow { consistency, x, sd })
}

/// R's `any()` over logicals that may be `NA` (`None`).
fn any(values: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut missing = false;
    for value in values {
        match value {
            Some(true) => return Some(true),
            None => missing = true,
            Some(false) => {}
        }
    }
    (!missing).then_some(false)
}

/// The sample SD of binary data with `zeros` zeros and `ones` ones:
/// `√(k(n − k) / (n(n − 1)))` with `k` ones of `n`, from exact integers
/// (scrutiny's `sd_binary_groups`).
///
/// ```
/// assert_eq!(ferrox::debit::sd_binary(3, 3)?, 0.5477225575051661);
/// assert!(ferrox::debit::sd_binary(1, 0).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn sd_binary(zeros: u64, ones: u64) -> Result<f64> {
    let n = zeros
        .checked_add(ones)
        .ok_or_else(|| Error::invalid("n", "the two groups are too large together"))?;
    sd_binary_n(ones, n)
}

/// The sample SD of `n` binary values of which `group` are of one kind
/// (zeros or ones: the SD is the same), as scrutiny's `sd_binary_0_n` and
/// `sd_binary_1_n`.
///
/// ```
/// assert_eq!(ferrox::debit::sd_binary_n(3, 6)?, ferrox::debit::sd_binary(3, 3)?);
/// assert!(ferrox::debit::sd_binary_n(7, 6).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn sd_binary_n(group: u64, n: u64) -> Result<f64> {
    if n < 2 {
        return Err(Error::invalid("n", "an SD needs at least 2 values"));
    }
    if group > n {
        return Err(Error::invalid(
            "group",
            format!("a group of {group} cannot be part of {n} values"),
        ));
    }
    let product = u128::from(group) * u128::from(n - group);
    let pairs = u128::from(n) * u128::from(n - 1);
    Ok((product as f64 / pairs as f64).sqrt())
}

/// The sample SD of `n` binary values with mean (share of ones) `mean`:
/// `√(n / (n − 1) · mean · (1 − mean))`, as scrutiny's `sd_binary_mean_n`.
///
/// ```
/// assert!((ferrox::debit::sd_binary_mean(0.5, 6)? - 0.5477225575051661).abs() < 1e-15);
/// assert!(ferrox::debit::sd_binary_mean(1.5, 6).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn sd_binary_mean(mean: f64, n: u64) -> Result<f64> {
    if n < 2 {
        return Err(Error::invalid("n", "an SD needs at least 2 values"));
    }
    if !(0.0..=1.0).contains(&mean) {
        return Err(Error::invalid(
            "mean",
            format!("the mean of binary data is a share from 0 to 1, not {mean}"),
        ));
    }
    let n = n as f64;
    Ok((n / (n - 1.0) * mean * (1.0 - mean)).sqrt())
}

/// Which of scrutiny's `sd_binary_*` functions [`sd_binary_columns`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SdBinary {
    /// `sd_binary_groups(group_0, group_1)`.
    Groups,
    /// `sd_binary_0_n(group_0, n)` and `sd_binary_1_n(group_1, n)`.
    GroupOfN,
    /// `sd_binary_mean_n(mean, n)`.
    MeanOfN,
}

/// An `sd_binary_*` function over two columns of doubles as front doors
/// pass them (each of length 1 or of the common length); counts must be
/// whole numbers. An error names its row (counting from 1).
///
/// ```
/// use ferrox::debit::{sd_binary_columns, SdBinary};
/// let sds = sd_binary_columns(SdBinary::GroupOfN, &[3.0, 0.0], &[6.0])?;
/// assert_eq!(sds, [0.5477225575051661, 0.0]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn sd_binary_columns(what: SdBinary, first: &[f64], second: &[f64]) -> Result<Vec<f64>> {
    let (first_name, second_name) = match what {
        SdBinary::Groups => ("group_0", "group_1"),
        SdBinary::GroupOfN => ("group", "n"),
        SdBinary::MeanOfN => ("mean", "n"),
    };
    let len = common_length(&[(first_name, first.len()), (second_name, second.len())])?;
    let whole = |x: f64, name| if x == 0.0 { Ok(0) } else { count(x, name) };
    (0..len)
        .map(|row| {
            let (a, b) = (recycled(first, row), recycled(second, row));
            let sd = || match what {
                SdBinary::Groups => sd_binary(whole(a, first_name)?, whole(b, second_name)?),
                SdBinary::GroupOfN => sd_binary_n(whole(a, first_name)?, count(b, second_name)?),
                SdBinary::MeanOfN => sd_binary_mean(a, count(b, second_name)?),
            };
            sd().map_err(at_row(len, row))
        })
        .collect()
}
