//! GRIM: is a reported mean of integer data possible with this sample size?
//!
//! A mean of `n` integers (or of `n` people's averages over `items` integer
//! items) is a multiple of `1 / (n · items)`. The report is consistent if
//! some such multiple rounds to it.
//!
//! ```
//! use ferrox::{grim::{grim, GrimCase, GrimOptions}, Decimal};
//! let case = GrimCase::new(Decimal::parse("5.19")?, 28, 1)?;
//! assert!(!grim(&case, &GrimOptions::default())?);
//! # Ok::<(), ferrox::Error>(())
//! ```

use rayon::prelude::*;

use crate::decimal::{Decimal, pow10};
use crate::error::{Error, Result};
use crate::input::{at_row, common_length, count, recycled, small_count};
use crate::rounding::{Mode, Rounding, scrutiny, unround};

/// How to test: the settings shared by every case of a table.
///
/// ```
/// use ferrox::grim::GrimOptions;
/// let opts = GrimOptions { percent: true, ..GrimOptions::default() };
/// assert!(opts.percent);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GrimOptions {
    /// `x` is a percentage: test `x / 100` with two more decimals.
    pub percent: bool,
    /// How the reported value was rounded.
    pub rounding: Rounding,
    /// Exact (default) or a replay of R scrutiny.
    pub mode: Mode,
}

/// One reported case: a mean (or percentage), its sample size, and the
/// number of items averaged into each person's score.
///
/// ```
/// use ferrox::{grim::GrimCase, Decimal};
/// let case = GrimCase::new(Decimal::parse("2.84")?, 16, 2)?;
/// assert_eq!(case.items, 2);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GrimCase {
    /// The reported mean, as written.
    pub x: Decimal,
    /// The sample size.
    pub n: u64,
    /// Items per person (1 for a single integer score).
    pub items: u32,
}

impl GrimCase {
    /// A case, with `n` checked by [`sample_size`](crate::input::sample_size)
    /// and `items` at least 1.
    ///
    /// ```
    /// use ferrox::{Decimal, grim::GrimCase};
    /// assert!(GrimCase::new(Decimal::parse("5.19")?, 0, 1).is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn new(x: Decimal, n: u64, items: u32) -> Result<Self> {
        let n = crate::input::sample_size(n)?;
        if items == 0 {
            return Err(Error::invalid(
                "items",
                "the number of items must be at least 1",
            ));
        }
        Ok(GrimCase { x, n, items })
    }

    /// The cases of a table whose columns each hold one value per row or one
    /// value for all rows; counts arrive as doubles, as front doors pass them.
    ///
    /// ```
    /// use ferrox::{decimal::parse_column, grim::GrimCase};
    /// let cases = GrimCase::from_columns(&parse_column(&["5.19", "5.18"])?, &[28.0], &[1.0])?;
    /// assert_eq!(cases.len(), 2);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn from_columns(x: &[Decimal], n: &[f64], items: &[f64]) -> Result<Vec<Self>> {
        let len = common_length(&[("x", x.len()), ("n", n.len()), ("items", items.len())])?;
        (0..len)
            .map(|row| {
                let case = || {
                    GrimCase::new(
                        recycled(x, row),
                        count(recycled(n, row), "n")?,
                        small_count(recycled(items, row), "items")?,
                    )
                };
                case().map_err(at_row(len, row))
            })
            .collect()
    }

    /// `n · items`: how many integers the mean's sum is made of.
    pub(crate) fn granules(&self) -> Result<u64> {
        self.n
            .checked_mul(u64::from(self.items))
            .ok_or(Error::Overflow("n times items"))
    }

    /// The report as a fraction of one, with its decimals.
    fn value(&self, percent: bool) -> Decimal {
        if percent {
            self.x.percent_to_fraction()
        } else {
            self.x
        }
    }
}

/// The GRIM test: could `n` integer scores (times `items`) have this mean?
///
/// ```
/// use ferrox::{Decimal, grim::{grim, GrimCase, GrimOptions}};
/// let opts = GrimOptions::default();
/// assert!(!grim(&GrimCase::new(Decimal::parse("5.19")?, 28, 1)?, &opts)?);
/// assert!(grim(&GrimCase::new(Decimal::parse("5.19")?, 32, 1)?, &opts)?);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grim(case: &GrimCase, opts: &GrimOptions) -> Result<bool> {
    match opts.mode {
        Mode::Exact => grim_exact(case, opts),
        Mode::Scrutiny => grim_scrutiny(case, opts),
    }
}

/// Some integer sum `s` has `s / (n · items)` inside the interval the report
/// was rounded from.
fn grim_exact(case: &GrimCase, opts: &GrimOptions) -> Result<bool> {
    let bounds = unround(&case.value(opts.percent), &opts.rounding)?;
    Ok(bounds.integers_over(case.granules()?)?.is_some())
}

/// scrutiny 0.6.1's `grim_scalar()`: the two multiples of the granule next to
/// `x · n`, each nudged by ±1e-12 (`dustify()`), rerounded in doubles and
/// compared with `dplyr::near()`.
fn grim_scrutiny(case: &GrimCase, opts: &GrimOptions) -> Result<bool> {
    let value = case.value(opts.percent);
    let mut x = case.x.to_f64();
    if opts.percent {
        x /= 100.0;
    }
    let digits = i32::try_from(value.scale()).map_err(|_| Error::Overflow("decimals"))?;
    let n_items = case.n as f64 * f64::from(case.items);
    let rec_sum = x * n_items;
    let upper = rec_sum.ceil() / n_items;
    let lower = rec_sum.floor() / n_items;
    let dust = scrutiny::DUST;
    Ok([upper - dust, upper + dust, lower - dust, lower + dust]
        .into_iter()
        .flat_map(|grain| {
            scrutiny::reround(grain, digits, &opts.rounding)
                .iter()
                .collect::<Vec<_>>()
        })
        .any(|rounded| (rounded - x).abs() < scrutiny::TOLERANCE))
}

/// GRIM's answer for one case of a table.
///
/// ```
/// use ferrox::{grim::{grim_map, GrimCase, GrimOptions}, Decimal};
/// let rows = grim_map(&[GrimCase::new(Decimal::parse("5.19")?, 28, 1)?], &GrimOptions::default())?;
/// assert!(!rows[0].consistency);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GrimRow {
    /// Whether the report is consistent.
    pub consistency: bool,
    /// The chance that a random report with these decimals would not be
    /// ([`grim_probability`]).
    pub probability: f64,
}

/// GRIM over many cases, in parallel; the answers are in input order.
///
/// An error names the first failing row (counting from 1).
///
/// ```
/// use ferrox::{Decimal, grim::{grim_map, GrimCase, GrimOptions}};
/// let cases = [
///     GrimCase::new(Decimal::parse("5.19")?, 28, 1)?,
///     GrimCase::new(Decimal::parse("5.19")?, 32, 1)?,
/// ];
/// let rows = grim_map(&cases, &GrimOptions::default())?;
/// assert_eq!((rows[0].consistency, rows[1].consistency), (false, true));
/// assert_eq!(rows[0].probability, 0.72);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grim_map(cases: &[GrimCase], opts: &GrimOptions) -> Result<Vec<GrimRow>> {
    cases
        .par_iter()
        .with_min_len(4096)
        .enumerate()
        .map(|(row, case)| {
            let verdict = || {
                Ok(GrimRow {
                    consistency: grim(case, opts)?,
                    probability: grim_probability(case, opts.percent)?,
                })
            };
            verdict().map_err(at_row(cases.len(), row))
        })
        .collect()
}

/// How many of the `10^D` possible reports with `D` decimals are GRIM
/// inconsistent with this sample: `10^D − n · items` (negative when every
/// report is possible).
///
/// ```
/// use ferrox::{Decimal, grim::{grim_total, GrimCase}};
/// assert_eq!(grim_total(&GrimCase::new(Decimal::parse("83.29")?, 21, 1)?, false)?, 79);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grim_total(case: &GrimCase, percent: bool) -> Result<i128> {
    let p10 = pow10(case.value(percent).scale())?;
    Ok(p10 - i128::from(case.granules()?))
}

/// [`grim_total`] as a share of the `10^D` possible reports.
///
/// ```
/// use ferrox::{Decimal, grim::{grim_ratio, GrimCase}};
/// assert_eq!(grim_ratio(&GrimCase::new(Decimal::parse("83.29")?, 21, 1)?, false)?, 0.79);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grim_ratio(case: &GrimCase, percent: bool) -> Result<f64> {
    let p10 = pow10(case.value(percent).scale())?;
    Ok(grim_total(case, percent)? as f64 / p10 as f64)
}

/// The chance that a random report with these decimals is GRIM
/// inconsistent: [`grim_ratio`], but never below zero.
///
/// ```
/// use ferrox::{Decimal, grim::{grim_probability, GrimCase}};
/// assert_eq!(grim_probability(&GrimCase::new(Decimal::parse("5.14")?, 83, 1)?, false)?, 0.17);
/// assert_eq!(grim_probability(&GrimCase::new(Decimal::parse("5.1")?, 83, 1)?, false)?, 0.0);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grim_probability(case: &GrimCase, percent: bool) -> Result<f64> {
    Ok(grim_ratio(case, percent)?.max(0.0))
}

/// GRIM's statistics of one case: [`grim_total`], [`grim_ratio`] and
/// [`grim_probability`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GrimStats {
    /// Inconsistent reports among the `10^D` possible ones (may be negative).
    pub total: i128,
    /// `total` as a share of the possible reports.
    pub ratio: f64,
    /// `ratio`, but never below zero.
    pub probability: f64,
}

/// [`GrimStats`] of many cases; an error names its row (counting from 1).
///
/// ```
/// use ferrox::{Decimal, grim::{grim_stats, GrimCase}};
/// let cases = [GrimCase::new(Decimal::parse("83.29")?, 21, 1)?, GrimCase::new(Decimal::parse("5.1")?, 83, 1)?];
/// let stats = grim_stats(&cases, false)?;
/// assert_eq!((stats[0].total, stats[1].ratio, stats[1].probability), (79, -7.3, 0.0));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grim_stats(cases: &[GrimCase], percent: bool) -> Result<Vec<GrimStats>> {
    cases
        .iter()
        .enumerate()
        .map(|(row, case)| {
            let stats = || {
                let ratio = grim_ratio(case, percent)?;
                Ok(GrimStats {
                    total: grim_total(case, percent)?,
                    ratio,
                    probability: ratio.max(0.0),
                })
            };
            stats().map_err(at_row(cases.len(), row))
        })
        .collect()
}

/// `1 / (n · other)` per row, for counts `n` (whole, at least 1) and positive
/// `other` (whole too if `whole`), each column of length 1 or the common
/// length: scrutiny's `grim_granularity` (`other`: items) and `grim_items`
/// (`other`: a granularity) as front doors pass them.
///
/// ```
/// use ferrox::grim::per_granule;
/// assert_eq!(per_granule(&[10.0, 20.0], &[2.0], ("n", "items"), true)?, [0.05, 0.025]);
/// assert_eq!(per_granule(&[20.0], &[0.025], ("n", "gran"), false)?, [2.0]);
/// assert!(per_granule(&[0.0], &[1.0], ("n", "items"), true).is_err());
/// assert!(per_granule(&[20.0], &[], ("n", "items"), true)?.is_empty());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn per_granule(
    n: &[f64],
    other: &[f64],
    (n_name, other_name): (&'static str, &'static str),
    whole: bool,
) -> Result<Vec<f64>> {
    for (values, name, must_be_whole) in [(n, n_name, true), (other, other_name, whole)] {
        let bad = values
            .iter()
            .find(|&&x| x.is_nan() || x <= 0.0 || (must_be_whole && x != x.floor()));
        if let Some(x) = bad {
            let kind = if must_be_whole {
                "whole numbers of at least 1"
            } else {
                "positive numbers"
            };
            return Err(Error::invalid(
                name,
                format!("`{name}` must be {kind}, not {x}"),
            ));
        }
    }
    let len = common_length(&[(n_name, n.len()), (other_name, other.len())])?;
    Ok((0..len)
        .map(|row| 1.0 / (recycled(n, row) * recycled(other, row)))
        .collect())
}

/// The granularity of a mean of `n` people's scores over `items` integer
/// items: `1 / (n · items)`.
///
/// ```
/// assert_eq!(ferrox::grim::grim_granularity(20, 2)?, 0.025);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grim_granularity(n: u64, items: u32) -> Result<f64> {
    let case = GrimCase::new(Decimal::new(0, 0), n, items)?;
    Ok(1.0 / case.granules()? as f64)
}

/// The background of the GRIM plot: for each `n` from 1 to `n_max` and each
/// report `0.000…` to `0.999…` with `digits` decimals, whether GRIM passes
/// (row by row: `n = 1` first, reports in increasing order within a row).
/// At most 3 decimals and a million cells.
///
/// ```
/// use ferrox::grim::{grim_raster, GrimOptions};
/// let raster = grim_raster(1, 4, 1, &GrimOptions::default())?;
/// // n = 2: only .0 and .5 are possible means.
/// let row: Vec<bool> = raster[10..20].to_vec();
/// assert_eq!(row.iter().filter(|&&ok| ok).count(), 2);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grim_raster(digits: u32, n_max: u64, items: u32, opts: &GrimOptions) -> Result<Vec<bool>> {
    let reports = pow10(digits.min(9))? as u64;
    if digits > 3 || n_max == 0 || n_max.saturating_mul(reports) > 1_000_000 {
        return Err(Error::invalid(
            "digits",
            format!(
                "a GRIM plot of {digits} decimals up to n = {n_max} is too large to draw; \
                 give at most 3 decimals and n_max × 10^digits up to a million"
            ),
        ));
    }
    let mut out = Vec::with_capacity((n_max * reports) as usize);
    for n in 1..=n_max {
        for k in 0..reports {
            let case = GrimCase::new(Decimal::new(i128::from(k), digits), n, items)?;
            out.push(grim(&case, opts)?);
        }
    }
    Ok(out)
}
