//! Is a reported p-value consistent with its test statistic and degrees of
//! freedom? statcheck's question, answered over the statistic's whole
//! rounding interval.
//!
//! The rule, for a statistic `s` reported with comparison `c_s` and a p
//! reported with comparison `c_p`:
//!
//! 1. `s` stands for a set `S` of true values: its rounding interval for
//!    `=` (the chosen rounding procedure, `up_or_down` by default), and
//!    `[0, s]` or `[s, ∞)` for `<`/`<=` and `>`/`>=` (the bound of an
//!    inequality is taken as exact). For t, r and z the set is of `|s|`,
//!    and a negative bound turns the inequality round: `t < −2` is
//!    `|t| > 2`.
//! 2. p is decreasing in the statistic, so the recomputed p-values form the
//!    interval `C = [p(max S), p(min S)]`.
//! 3. The reported p stands for a set `P`: its rounding interval for `=`
//!    (widened to the truncation interval too with `p_truncation`), `[0, p)`,
//!    `[0, p]`, `(p, 1]`, `[p, 1]` for `<`, `<=`, `>`, `>=`, and the
//!    non-significant side of alpha for `ns`.
//! 4. The report is consistent iff `C` and `P` meet.
//!
//! A decision error is an inconsistency where the report and every
//! recomputed p fall on different sides of alpha: the report's side is
//! read from its value and sign (`p = .05` is significant unless
//! `p_equal_alpha_significant` is off; `p < .10` says nothing), the
//! recomputed side holds only if all of `C` is on it.
//!
//! Recomputed p-values are doubles; each is compared with the exact
//! decimal bounds through the double nearest to the bound, which orders
//! them exactly except when the two are the same double, which counts as
//! equal.
//!
//! ```
//! use ferrox::stats::{apa::parse_result, pcheck::{check_p, POptions}};
//! // t(28) in [2.195, 2.205] gives p from .0358 to .0366: .04, not .02.
//! let check = check_p(&parse_result("t(28) = 2.20, p = .02")?, &POptions::default())?;
//! assert!(!check.consistency && !check.decision_error && check.one_tailed_possible);
//! let check = check_p(&parse_result("t(28) = 2.20, p = .04")?, &POptions::default())?;
//! assert!(check.consistency);
//! # Ok::<(), ferrox::Error>(())
//! ```

use std::borrow::Cow;
use std::cmp::Ordering;

use rayon::prelude::*;

use crate::decimal::Decimal;
use crate::error::{Error, Result};
use crate::input::at_row;
use crate::rounding::{Procedure, Rounding, unround};
use crate::stats::apa::{ApaResult, Comparison, ReportedP, TestKind};
use crate::stats::tails::{chisq_upper, f_upper, normal_upper, t_upper};
use crate::stats::{magnitudes, ranks};

/// How reports are read and judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct POptions {
    /// How the statistic and an `=` p-value were rounded.
    pub rounding: Rounding,
    /// Whether an `=` p-value may also have been truncated (`.039` written
    /// as `.03`).
    pub p_truncation: bool,
    /// The significance level.
    pub alpha: Decimal,
    /// Whether a p-value equal to alpha counts as significant (statcheck's
    /// `pEqualAlphaSig`, on by default there and here).
    pub p_equal_alpha_significant: bool,
    /// Test t, r and z one-tailed.
    pub one_tailed: bool,
}

impl Default for POptions {
    fn default() -> Self {
        POptions {
            rounding: Rounding::default(),
            p_truncation: false,
            alpha: Decimal::new(5, 2),
            p_equal_alpha_significant: true,
            one_tailed: false,
        }
    }
}

/// The names of a [`PCheck`]'s fields as every door's table columns: the
/// columns `p_map` and `ferrox check` add, in order.
pub const COLUMNS: [&str; 7] = [
    "computed_p",
    "computed_p_low",
    "computed_p_high",
    "consistency",
    "decision_error",
    "one_tailed_possible",
    "reason",
];

/// One report's verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct PCheck {
    /// p recomputed from the statistic as reported (for U and W, by the
    /// normal approximation).
    pub computed_p: f64,
    /// The smallest p over the statistic's rounding interval.
    pub computed_p_low: f64,
    /// The largest.
    pub computed_p_high: f64,
    /// Whether the reported p is compatible with some recomputed p.
    pub consistency: bool,
    /// An inconsistency that moves the result across alpha.
    pub decision_error: bool,
    /// Inconsistent two-tailed, consistent one-tailed (t, r and z only).
    pub one_tailed_possible: bool,
    /// Why, in words: `consistent`, or what the statistic gives and what
    /// the reported p allows.
    pub reason: Cow<'static, str>,
}

/// Checks one reported result.
///
/// Fails with an invalid-input error on a report no data could give: a
/// missing or non-positive df, `|r| > 1`, a negative F, χ², Q or U, a U
/// above `n1 · n2`.
///
/// ```
/// use ferrox::stats::{apa::parse_result, pcheck::{check_p, POptions}};
/// let check = check_p(&parse_result("F(2, 57) = 1.20, p = .02")?, &POptions::default())?;
/// assert!(!check.consistency && check.decision_error);
/// assert!(check_p(&parse_result("r(48) = 1.20, p = .02")?, &POptions::default()).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn check_p(result: &ApaResult, options: &POptions) -> Result<PCheck> {
    let reported = reported_set(&result.p, options)?;
    if result.test.is_rank() {
        return check_rank(result, options, &reported);
    }
    let tails = Tails::new(result)?;
    let stat = statistic_set(result, &options.rounding)?;
    let one_tailed = options.one_tailed && result.test.is_symmetric();
    let scale = |p: f64| if one_tailed { p / 2.0 } else { p };
    let computed_p = scale(tails.p(result.value.to_f64().abs())?);
    let (low, high) = (scale(tails.p(stat.1)?), scale(tails.p(stat.0)?));
    let consistency = reported.meets(low, high);
    let one_tailed_possible = !consistency
        && !one_tailed
        && result.test.is_symmetric()
        && reported.meets(low / 2.0, high / 2.0);
    let decision_error = decision_error(result, options, consistency, low, high);
    let reason = reason(
        result,
        None,
        consistency,
        decision_error,
        (low, high),
        &reported,
    );
    Ok(PCheck {
        computed_p,
        computed_p_low: low,
        computed_p_high: high,
        consistency,
        decision_error,
        one_tailed_possible,
        reason,
    })
}

/// U and W: GRIM-U, with the p-values of every method software uses.
fn check_rank(result: &ApaResult, options: &POptions, reported: &PSet) -> Result<PCheck> {
    let verdict = ranks::check_report(result, options)?;
    let (low, high) = (verdict.p_low, verdict.p_high);
    let consistency = verdict.u_consistency && verdict.p_consistency == Some(true);
    let decision_error = decision_error(result, options, consistency, low, high);
    let reason = if verdict.u_consistency {
        let methods = Some(verdict.methods.as_str());
        reason(
            result,
            methods,
            consistency,
            decision_error,
            (low, high),
            reported,
        )
    } else {
        Cow::Owned(format!(
            "inconsistent: no U that groups of {} and {} can give rounds to {}",
            result.df1.unwrap_or_default(),
            result.df2.unwrap_or_default(),
            result.value
        ))
    };
    Ok(PCheck {
        computed_p: verdict.computed_p,
        computed_p_low: low,
        computed_p_high: high,
        consistency,
        decision_error,
        one_tailed_possible: false,
        reason,
    })
}

fn decision_error(
    result: &ApaResult,
    options: &POptions,
    consistency: bool,
    low: f64,
    high: f64,
) -> bool {
    let reported = reported_side(&result.p, options);
    let computed = computed_side(low, high, options);
    !consistency && matches!((reported, computed), (Some(r), Some(c)) if r != c)
}

/// [`check_p`] over many reports, in parallel; an error names its row
/// (counting from 1).
///
/// ```
/// use ferrox::stats::{apa::parse_result, pcheck::{check_p_map, POptions}};
/// let rows = [parse_result("t(28) = 2.20, p = .04")?, parse_result("z = 1.96, p = .05")?];
/// let checks = check_p_map(&rows, &POptions::default())?;
/// assert!(checks.iter().all(|c| c.consistency));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn check_p_map(results: &[ApaResult], options: &POptions) -> Result<Vec<PCheck>> {
    check_p_rows(results.len(), |i| Ok(results[i]), options)
}

/// [`check_p`] over `rows` reports that `row` reads (from table cells, say)
/// as it goes, in parallel, so that no table of parsed reports is kept; an
/// error names its row (counting from 1).
///
/// ```
/// use ferrox::stats::{apa::parse_result, pcheck::{check_p_rows, POptions}};
/// let texts = ["t(28) = 2.20, p = .04", "z = 1.96, p = .05"];
/// let checks = check_p_rows(2, |i| parse_result(texts[i]), &POptions::default())?;
/// assert!(checks.iter().all(|c| c.consistency));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn check_p_rows(
    rows: usize,
    row: impl Fn(usize) -> Result<ApaResult> + Sync,
    options: &POptions,
) -> Result<Vec<PCheck>> {
    (0..rows)
        .into_par_iter()
        .with_min_len(1024)
        .map(|i| {
            row(i)
                .and_then(|result| check_p(&result, options))
                .map_err(at_row(rows, i))
        })
        .collect()
}

/// The tail function of a report's test, with its df checked.
enum Tails {
    T(f64),
    R(f64),
    Z,
    F(f64, f64),
    ChiSquare(f64),
}

impl Tails {
    fn new(result: &ApaResult) -> Result<Self> {
        let df = |df: Option<Decimal>, name: &'static str| -> Result<f64> {
            let df = df.ok_or_else(|| {
                Error::invalid(
                    name,
                    format!(
                        "a {} test needs its degrees of freedom ({name})",
                        result.test
                    ),
                )
            })?;
            match df.to_f64() {
                x if x > 0.0 && x.is_finite() => Ok(x),
                _ => Err(Error::invalid(
                    name,
                    format!("degrees of freedom must be positive, not {df}"),
                )),
            }
        };
        Ok(match result.test {
            TestKind::T => Tails::T(df(result.df1, "df1")?),
            TestKind::R => Tails::R(df(result.df1, "df1")?),
            TestKind::Z => Tails::Z,
            TestKind::F => Tails::F(df(result.df1, "df1")?, df(result.df2, "df2")?),
            TestKind::ChiSquare | TestKind::Q | TestKind::Qw | TestKind::Qb => {
                Tails::ChiSquare(df(result.df1, "df1")?)
            }
            TestKind::U | TestKind::W => {
                return Err(Error::Internal("rank tests are checked by GRIM-U".into()));
            }
        })
    }

    /// The p-value (two-tailed for t, r and z) of a statistic's magnitude.
    fn p(&self, s: f64) -> Result<f64> {
        let two = |one: f64| (2.0 * one).min(1.0);
        match *self {
            Tails::T(df) => Ok(two(t_upper(s, df)?)),
            Tails::R(df) => Ok(two(t_upper(r_to_t(s, df), df)?)),
            Tails::Z => Ok(two(normal_upper(s)?)),
            Tails::F(df1, df2) => f_upper(s, df1, df2),
            Tails::ChiSquare(df) => chisq_upper(s, df),
        }
    }
}

/// t from r: `r √(df / (1 − r²))`, infinite at `|r| = 1`.
fn r_to_t(r: f64, df: f64) -> f64 {
    let r = r.min(1.0);
    r * (df / ((1.0 - r) * (1.0 + r))).sqrt()
}

/// The interval of true statistics (magnitudes for t, r, z) a report
/// stands for, as doubles.
fn statistic_set(result: &ApaResult, rounding: &Rounding) -> Result<(f64, f64)> {
    let v = result.value;
    if !result.test.is_symmetric() && v.mantissa() < 0 {
        return Err(Error::invalid(
            "value",
            format!("a {} statistic cannot be negative, not {v}", result.test),
        ));
    }
    if result.test == TestKind::R && v.mantissa().abs() > 10i128.pow(v.scale()) {
        return Err(Error::invalid(
            "value",
            format!("a correlation lies between -1 and 1, not {v}"),
        ));
    }
    let magnitude = v.to_f64().abs();
    // `t < -2` bounds t from below in size: |t| > 2.
    let below = matches!(result.comparison, Comparison::Lt | Comparison::Le) != (v.mantissa() < 0);
    let (lo, hi) = match result.comparison {
        Comparison::Lt | Comparison::Le | Comparison::Gt | Comparison::Ge if below => {
            (0.0, magnitude)
        }
        Comparison::Lt | Comparison::Le | Comparison::Gt | Comparison::Ge => {
            (magnitude, f64::INFINITY)
        }
        Comparison::Eq => {
            let b = unround(&v, rounding)?;
            magnitudes(b.lower.to_f64(), b.upper.to_f64())
        }
    };
    let cap = if result.test == TestKind::R {
        1.0
    } else {
        f64::INFINITY
    };
    Ok((lo.max(0.0).min(cap), hi.min(cap)))
}

/// A set of p-values with exact decimal ends.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PSet {
    lower: Decimal,
    incl_lower: bool,
    upper: Decimal,
    incl_upper: bool,
}

impl PSet {
    /// Whether `[low, high]` meets the set.
    pub(crate) fn meets(&self, low: f64, high: f64) -> bool {
        let below_upper = match cmp(low, &self.upper) {
            Ordering::Less => true,
            Ordering::Equal => self.incl_upper,
            Ordering::Greater => false,
        };
        let above_lower = match cmp(high, &self.lower) {
            Ordering::Greater => true,
            Ordering::Equal => self.incl_lower,
            Ordering::Less => false,
        };
        below_upper && above_lower
    }
}

pub(crate) fn reported_set(p: &ReportedP, options: &POptions) -> Result<PSet> {
    let zero = Decimal::new(0, 0);
    let one = Decimal::new(1, 0);
    let set = |lower, incl_lower, upper, incl_upper| PSet {
        lower,
        incl_lower,
        upper,
        incl_upper,
    };
    let (comparison, q) = match *p {
        ReportedP::NotSignificant => {
            return Ok(set(
                options.alpha,
                !options.p_equal_alpha_significant,
                one,
                true,
            ));
        }
        ReportedP::Value { comparison, p } => (comparison, p),
    };
    if q.mantissa() < 0 || q.cmp_value(&one).is_gt() {
        return Err(Error::invalid(
            "p",
            format!("a p-value lies between 0 and 1, not {q}"),
        ));
    }
    Ok(match comparison {
        Comparison::Lt => set(zero, true, q, false),
        Comparison::Le => set(zero, true, q, true),
        Comparison::Gt => set(q, false, one, true),
        Comparison::Ge => set(q, true, one, true),
        Comparison::Eq => {
            let mut b = unround(&q, &options.rounding)?;
            if options.p_truncation {
                let t = unround(&q, &Rounding::new(Procedure::Trunc, 5, false)?)?;
                if t.lower.cmp_value(&b.lower).is_lt() {
                    (b.lower, b.incl_lower) = (t.lower, t.incl_lower);
                }
                if t.upper.cmp_value(&b.upper).is_gt() {
                    (b.upper, b.incl_upper) = (t.upper, t.incl_upper);
                }
            }
            if b.lower.mantissa() < 0 {
                (b.lower, b.incl_lower) = (zero, true);
            }
            set(b.lower, b.incl_lower, b.upper, b.incl_upper)
        }
    })
}

/// Which side of alpha the report puts itself on (`Some(true)`:
/// significant), if its value and sign say.
fn reported_side(p: &ReportedP, options: &POptions) -> Option<bool> {
    let alpha = options.alpha;
    let eq_sig = options.p_equal_alpha_significant;
    let ReportedP::Value { comparison, p: q } = *p else {
        return Some(false);
    };
    match (comparison, q.cmp_value(&alpha)) {
        (Comparison::Eq, Ordering::Equal) => Some(eq_sig),
        (Comparison::Eq, order) => Some(order == Ordering::Less),
        (Comparison::Lt, Ordering::Less | Ordering::Equal) => Some(true),
        (Comparison::Le, Ordering::Less) => Some(true),
        (Comparison::Le, Ordering::Equal) => eq_sig.then_some(true),
        (Comparison::Gt, Ordering::Greater | Ordering::Equal) => Some(false),
        (Comparison::Ge, Ordering::Greater) => Some(false),
        (Comparison::Ge, Ordering::Equal) => (!eq_sig).then_some(false),
        _ => None,
    }
}

/// Which side of alpha every recomputed p is on, if they all are.
fn computed_side(low: f64, high: f64, options: &POptions) -> Option<bool> {
    let eq_sig = options.p_equal_alpha_significant;
    match (cmp(low, &options.alpha), cmp(high, &options.alpha)) {
        (_, Ordering::Less) => Some(true),
        (_, Ordering::Equal) if eq_sig => Some(true),
        (Ordering::Greater, _) => Some(false),
        (Ordering::Equal, _) if !eq_sig => Some(false),
        _ => None,
    }
}

/// Orders a double and a decimal through the decimal's nearest double.
fn cmp(x: f64, d: &Decimal) -> Ordering {
    x.partial_cmp(&d.to_f64()).unwrap_or(Ordering::Equal)
}

/// Why, in words: "consistent", or what the statistic gives and what the
/// reported p allows. (Built only for inconsistencies: a million
/// consistent rows share one string.)
fn reason(
    result: &ApaResult,
    methods: Option<&str>,
    consistency: bool,
    decision_error: bool,
    (low, high): (f64, f64),
    reported: &PSet,
) -> Cow<'static, str> {
    match (consistency, methods) {
        (true, None) => return Cow::Borrowed("consistent"),
        (true, Some(methods)) => return Cow::Owned(format!("consistent ({methods})")),
        (false, _) => {}
    }
    let verdict = if decision_error {
        "decision error"
    } else {
        "inconsistent"
    };
    let range = if low == high {
        format!("p = {}", show_p(low))
    } else {
        format!("p from {} to {}", show_p(low), show_p(high))
    };
    let methods = methods.map(|m| format!(" ({m})")).unwrap_or_default();
    Cow::Owned(format!(
        "{verdict}: {}{methods} gives {range}, but p {} means p in {}{}, {}{}",
        result.statistic(),
        result.p,
        if reported.incl_lower { "[" } else { "(" },
        reported.lower,
        reported.upper,
        if reported.incl_upper { "]" } else { ")" },
    ))
}

/// A p-value as reasons print it: four decimals, or three significant
/// digits below .001 (`3.58e-5`). Written with integers: reasons are made
/// for every row, and float formatting with a precision is slow.
fn show_p(p: f64) -> String {
    if p.is_nan() || p <= 0.0 || p >= 1e-3 {
        let scaled = (p.max(0.0) * 1e4).round() as u64;
        return format!("{}.{:04}", scaled / 10_000, scaled % 10_000);
    }
    let mut exponent = p.log10().floor() as i32;
    let mut digits = (p / 10f64.powi(exponent - 2)).round() as u64;
    if digits >= 1000 {
        digits /= 10;
        exponent += 1;
    }
    format!("{}.{:02}e{exponent}", digits / 100, digits % 100)
}

#[cfg(test)]
mod tests {
    use super::show_p;

    #[test]
    fn p_values_print_like_format_would() {
        for p in [
            0.0,
            1.0,
            0.5,
            0.036_225,
            0.001,
            0.000_999_96,
            3.583e-5,
            1e-300,
            0.099_995,
        ] {
            let expected = if p == 0.0 || p >= 1e-3 {
                format!("{p:.4}")
            } else {
                format!("{p:.2e}")
            };
            assert_eq!(show_p(p), expected, "{p}");
        }
    }
}
