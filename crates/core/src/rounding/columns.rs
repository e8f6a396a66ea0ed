//! Rounding on whole columns of numbers: what the front doors' `reround`,
//! `unround`, `round_*`, `restore_zeros`, `reround_to_fraction` and
//! `rounding_bias` call.
//!
//! Values come as text, so that a number keeps the digits it was written
//! with (front doors write a double as its shortest decimal). A missing cell
//! (empty, `NA`, `NaN`) gives a missing result, as in R. Exact mode decides
//! every tie on the decimal itself; [`Mode::Scrutiny`] replays scrutiny
//! 0.6.1's doubles.
//!
//! ```
//! use ferrox::{rounding::columns::reround_column, Mode, Rounding};
//! // 2.675 is a tie as written: up gives 2.68, down 2.67.
//! let r = reround_column(&["2.675"], &[2.0], &Rounding::default(), Mode::Exact)?;
//! assert_eq!(r, [2.68, 2.67]);
//! # Ok::<(), ferrox::Error>(())
//! ```

use super::scrutiny::{self, FloatBounds};
use super::{Mode, Procedure, Rounding, reround, unround};
use crate::decimal::{Decimal, pow10};
use crate::error::{Error, Result};
use crate::forensics::check::is_missing;
use crate::input::{at_row, common_length, recycled, whole};

/// Each value rounded to its `digits` (one for all, or one per value):
/// one result per value, two for a pair procedure (`up_or_down`: the up
/// result, then the down one), NaN for a missing value. Negative `digits`
/// round to tens, hundreds …, as R's `round()` does.
///
/// ```
/// use ferrox::{rounding::columns::reround_column, Mode, Procedure, Rounding};
/// let up = Rounding::new(Procedure::Up, 5, false)?;
/// assert_eq!(reround_column(&["1234.5", "NA"], &[-2.0], &up, Mode::Exact)?[0], 1200.0);
/// assert!(reround_column(&["1.5", "NA"], &[0.0], &up, Mode::Exact)?[1].is_nan());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn reround_column<S: AsRef<str>>(
    x: &[S],
    digits: &[f64],
    rounding: &Rounding,
    mode: Mode,
) -> Result<Vec<f64>> {
    let values = read(x, "x")?;
    let len = common_length(&[("x", values.len()), ("digits", digits.len())])?;
    let mut out = Vec::with_capacity(len * width(rounding));
    for row in 0..len {
        let rounded = (|| {
            let places = places(recycled(digits, row))?;
            recycled(&values, row)
                .map(|x| round_value(x, places, rounding, mode))
                .transpose()
        })()
        .map_err(at_row(len, row))?;
        push(&mut out, rounded, rounding);
    }
    Ok(out)
}

/// What a reported value can have been rounded from: its interval as
/// doubles and scrutiny's `range` text (`"2.65 <= x(2.7) <= 2.75"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Unrounded {
    /// The interval; `lower` and `upper` are NaN where scrutiny gives `NA`.
    pub bounds: FloatBounds,
    /// The interval written out, ends marked `<=` or `<`.
    pub range: String,
}

/// The interval each reported value was rounded from, `None` where the
/// value is missing. Exact bounds are the decimals themselves; in
/// [`Mode::Scrutiny`] they are scrutiny's doubles.
///
/// ```
/// use ferrox::{rounding::columns::unround_column, Mode, Rounding};
/// let r = unround_column(&["2.7"], &Rounding::default(), Mode::Exact)?;
/// assert_eq!(r[0].as_ref().unwrap().range, "2.65 <= x(2.7) <= 2.75");
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn unround_column<S: AsRef<str>>(
    x: &[S],
    rounding: &Rounding,
    mode: Mode,
) -> Result<Vec<Option<Unrounded>>> {
    let values = read(x, "x")?;
    let len = values.len();
    values
        .iter()
        .enumerate()
        .map(|(row, x)| {
            x.map(|x| unrounded(&x, rounding, mode))
                .transpose()
                .map_err(at_row(len, row))
        })
        .collect()
}

/// Each value written with `width` decimals, or with as many as the value
/// with the most has: trailing zeros lost to a spreadsheet or to
/// `as.numeric()` put back (scrutiny's `restore_zeros`). `sep_in` is the
/// decimal separator read, `sep_out` the one written; a missing value stays
/// missing. Fewer decimals than a value has is an error, never a rounding.
///
/// ```
/// use ferrox::rounding::columns::restore_zeros;
/// let out = restore_zeros(&["4.1", "7", "2.375"], None, ".", ".")?;
/// assert_eq!(out, [Some("4.100".into()), Some("7.000".into()), Some("2.375".into())]);
/// assert!(restore_zeros(&["2.375"], Some(2.0), ".", ".").is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn restore_zeros<S: AsRef<str>>(
    x: &[S],
    width: Option<f64>,
    sep_in: &str,
    sep_out: &str,
) -> Result<Vec<Option<String>>> {
    let width = width
        .map(|w| match whole(w, "width").map(u32::try_from) {
            Ok(Ok(w)) if w <= 30 => Ok(w),
            _ => Err(Error::invalid(
                "width",
                format!("it is {w}; give a whole number from 0 to 30"),
            )),
        })
        .transpose()?;
    if sep_in.is_empty() || sep_out.is_empty() {
        return Err(Error::invalid(
            "sep_in",
            "the decimal separators cannot be empty",
        ));
    }
    let dotted: Vec<String> = x
        .iter()
        .map(|v| v.as_ref().replacen(sep_in, ".", 1))
        .collect();
    let values = read(&dotted, "x")?;
    let widest = values
        .iter()
        .flatten()
        .map(Decimal::scale)
        .max()
        .unwrap_or(0);
    let width = match width {
        None => widest,
        Some(w) if w < widest => {
            let cut: Vec<String> = values
                .iter()
                .flatten()
                .filter(|v| v.scale() > w)
                .take(5)
                .map(ToString::to_string)
                .collect();
            return Err(Error::invalid(
                "width",
                format!(
                    "it is {w}, but some values have more decimals ({}); raise `width` or leave it unset",
                    cut.join(", ")
                ),
            ));
        }
        Some(w) => w,
    };
    values
        .iter()
        .map(|v| {
            v.map(|v| Ok(v.rescale(width)?.to_string().replacen('.', sep_out, 1)))
                .transpose()
        })
        .collect()
}

/// Each value rounded to the nearest fraction `1 / denominator` by the
/// procedure (`"1.26"` to quarters is 1.25), then, with `digits`, rounded
/// again to that many decimals by the same procedure (scrutiny's
/// `reround_to_fraction`). Pair procedures give two results per value.
///
/// ```
/// use ferrox::{rounding::columns::reround_to_fraction, Mode, Procedure, Rounding};
/// let up = Rounding::new(Procedure::Up, 5, false)?;
/// assert_eq!(reround_to_fraction(&["0.4"], &[3.0], None, &up, Mode::Exact)?, [1.0 / 3.0]);
/// assert_eq!(reround_to_fraction(&["0.4"], &[3.0], Some(2.0), &up, Mode::Exact)?, [0.33]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn reround_to_fraction<S: AsRef<str>>(
    x: &[S],
    denominator: &[f64],
    digits: Option<f64>,
    rounding: &Rounding,
    mode: Mode,
) -> Result<Vec<f64>> {
    let values = read(x, "x")?;
    let len = common_length(&[("x", values.len()), ("denominator", denominator.len())])?;
    let digits = digits.map(places).transpose()?;
    let mut out = Vec::with_capacity(len * width(rounding));
    for row in 0..len {
        let rounded = (|| {
            let den = whole(recycled(denominator, row), "denominator")?;
            if den < 1 {
                return Err(Error::invalid(
                    "denominator",
                    format!("it is {den}; it must be a whole number of at least 1"),
                ));
            }
            recycled(&values, row)
                .map(|x| to_fraction(x, den, digits, rounding, mode))
                .transpose()
        })()
        .map_err(at_row(len, row))?;
        push(&mut out, rounded, rounding);
    }
    Ok(out)
}

/// The bias rounding brings: each rounded value minus the value, and their
/// mean (scrutiny's `rounding_bias`). Needs a single procedure: a pair
/// gives two roundings, hence no one bias.
///
/// ```
/// use ferrox::{rounding::columns::rounding_bias, Mode, Procedure, Rounding};
/// let up = Rounding::new(Procedure::Up, 5, false)?;
/// let bias = rounding_bias(&["0.5", "1.5", "2.25"], &[0.0], &up, Mode::Exact)?;
/// assert_eq!(bias.values, [0.5, 0.5, -0.25]);
/// assert_eq!(bias.mean, 0.25);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn rounding_bias<S: AsRef<str>>(
    x: &[S],
    digits: &[f64],
    rounding: &Rounding,
    mode: Mode,
) -> Result<Bias> {
    if let Some((a, b)) = rounding.procedure().split() {
        return Err(Error::invalid(
            "rounding",
            format!(
                "\"{}\" names two procedures, so there is no one bias; use \"{a}\" or \"{b}\"",
                rounding.procedure()
            ),
        ));
    }
    let values = read(x, "x")?;
    let len = common_length(&[("x", values.len()), ("digits", digits.len())])?;
    let mut exact = Vec::with_capacity(len);
    let mut doubles = Vec::with_capacity(len);
    for row in 0..len {
        let places = places(recycled(digits, row)).map_err(at_row(len, row))?;
        let Some(x) = recycled(&values, row) else {
            exact.push(None);
            doubles.push(f64::NAN);
            continue;
        };
        match mode {
            Mode::Exact => {
                let bias = difference(rounded_exact(x, places, rounding)?, x)?;
                doubles.push(bias.to_f64());
                exact.push(Some(bias));
            }
            Mode::Scrutiny => {
                let v = x.to_f64();
                doubles.push(round_double(v, places, rounding) - v);
            }
        }
    }
    let mean = match mode {
        Mode::Exact => exact_mean(&exact)?,
        Mode::Scrutiny => double_mean(&doubles),
    };
    Ok(Bias {
        values: doubles,
        mean,
    })
}

/// [`rounding_bias`]'s answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Bias {
    /// Rounded minus unrounded, per value (NaN where missing).
    pub values: Vec<f64>,
    /// Their mean (NaN if any is missing, as R's `mean()`). In
    /// [`Mode::Scrutiny`] the values are scrutiny's bit for bit and the mean
    /// is theirs, correctly rounded.
    pub mean: f64,
}

/// One result per value, two for a pair procedure.
fn width(rounding: &Rounding) -> usize {
    if rounding.procedure().split().is_some() {
        2
    } else {
        1
    }
}

fn push(out: &mut Vec<f64>, rounded: Option<Vec<f64>>, rounding: &Rounding) {
    match rounded {
        Some(values) => out.extend(values),
        None => out.extend(std::iter::repeat_n(f64::NAN, width(rounding))),
    }
}

/// The cells as decimals, `None` where missing; an error names the row.
fn read<S: AsRef<str>>(x: &[S], name: &'static str) -> Result<Vec<Option<Decimal>>> {
    x.iter()
        .enumerate()
        .map(|(row, cell)| {
            let cell = cell.as_ref();
            if is_missing(cell) {
                return Ok(None);
            }
            Decimal::parse(cell)
                .map(Some)
                .map_err(|e| match e {
                    Error::InvalidNumber { input, reason } => Error::invalid(
                        name,
                        format!("{} is not a number: {reason}", crate::error::quoted(&input)),
                    ),
                    other => other,
                })
                .map_err(at_row(x.len(), row))
        })
        .collect()
}

/// A number of decimals given as a double: a whole number, negative for
/// tens, hundreds …
fn places(digits: f64) -> Result<i32> {
    let places = whole(digits, "digits")?;
    i32::try_from(places)
        .ok()
        .filter(|p| p.unsigned_abs() <= 30)
        .ok_or_else(|| {
            Error::invalid(
                "digits",
                format!("it is {digits}; give a whole number from -30 to 30"),
            )
        })
}

fn round_value(x: Decimal, places: i32, rounding: &Rounding, mode: Mode) -> Result<Vec<f64>> {
    match mode {
        Mode::Exact => Ok(rounded_exact(x, places, rounding)?
            .into_iter()
            .map(|d| d.to_f64())
            .collect()),
        Mode::Scrutiny => Ok(scrutiny::reround(x.to_f64(), places, rounding)
            .iter()
            .collect()),
    }
}

/// The exact rational `num / den` rounded to `places` decimals (negative:
/// to a power of ten), each procedure of a pair in turn.
fn rounded_rational(
    num: i128,
    den: i128,
    places: i32,
    rounding: &Rounding,
) -> Result<Vec<Decimal>> {
    let rounded = if places >= 0 {
        reround(num, den, places.unsigned_abs(), rounding)?
    } else {
        let step = pow10(places.unsigned_abs())?;
        let den = den
            .checked_mul(step)
            .ok_or(Error::Overflow("a denominator times a power of ten"))?;
        let tens = reround(num, den, 0, rounding)?;
        return tens
            .iter()
            .map(|d| {
                d.mantissa()
                    .checked_mul(step)
                    .map(|m| Decimal::new(m, 0))
                    .ok_or(Error::Overflow("a rounded value times a power of ten"))
            })
            .collect();
    };
    Ok(rounded.iter().collect())
}

fn rounded_exact(x: Decimal, places: i32, rounding: &Rounding) -> Result<Vec<Decimal>> {
    rounded_rational(x.mantissa(), pow10(x.scale())?, places, rounding)
}

/// scrutiny's rounding of a double by a single procedure.
fn round_double(x: f64, places: i32, rounding: &Rounding) -> f64 {
    scrutiny::reround(x, places, rounding)
        .iter()
        .next()
        .unwrap_or(f64::NAN)
}

fn unrounded(x: &Decimal, rounding: &Rounding, mode: Mode) -> Result<Unrounded> {
    let (bounds, lower, upper) = match mode {
        Mode::Exact => {
            let exact = unround(x, rounding)?;
            let show = |d: Decimal| trimmed(&d.to_string());
            (exact.to_floats(), show(exact.lower), show(exact.upper))
        }
        Mode::Scrutiny => {
            let b = scrutiny::unround(x, rounding)?;
            (b, r_text(b.lower), r_text(b.upper))
        }
    };
    let sign = |inclusive: bool| if inclusive { "<=" } else { "<" };
    let range = format!(
        "{lower} {} x({x}) {} {upper}",
        sign(bounds.incl_lower),
        sign(bounds.incl_upper)
    );
    Ok(Unrounded { bounds, range })
}

/// A decimal's text without trailing zeros after the point.
fn trimmed(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text.to_owned()
    }
}

/// A double as R's `as.character()` writes it: 15 significant digits,
/// `NA` for NaN.
fn r_text(x: f64) -> String {
    if x.is_nan() {
        return "NA".into();
    }
    let fifteen: f64 = format!("{x:.14e}").parse().unwrap_or(x);
    fifteen.to_string()
}

fn to_fraction(
    x: Decimal,
    den: i64,
    digits: Option<i32>,
    rounding: &Rounding,
    mode: Mode,
) -> Result<Vec<f64>> {
    let singles: Vec<Rounding> = match rounding.procedure().split() {
        Some((a, b)) => vec![with(rounding, a)?, with(rounding, b)?],
        None => vec![*rounding],
    };
    singles
        .iter()
        .map(|single| match mode {
            Mode::Exact => {
                let scaled = x
                    .mantissa()
                    .checked_mul(i128::from(den))
                    .ok_or(Error::Overflow("a value times its denominator"))?;
                let whole = rounded_rational(scaled, pow10(x.scale())?, 0, single)?[0].mantissa();
                match digits {
                    Some(places) => {
                        Ok(rounded_rational(whole, i128::from(den), places, single)?[0].to_f64())
                    }
                    None => Ok(ratio(whole, i128::from(den))),
                }
            }
            Mode::Scrutiny => {
                let den = den as f64;
                let out = round_double(x.to_f64() * den, 0, single) / den;
                Ok(digits.map_or(out, |places| round_double(out, places, single)))
            }
        })
        .collect()
}

fn with(rounding: &Rounding, procedure: Procedure) -> Result<Rounding> {
    Rounding::new(procedure, rounding.threshold(), rounding.symmetric())
}

/// `a − b` exactly.
fn difference(a: Vec<Decimal>, b: Decimal) -> Result<Decimal> {
    let a = a[0];
    let scale = a.scale().max(b.scale());
    let (a, b) = (a.rescale(scale)?, b.rescale(scale)?);
    a.mantissa()
        .checked_sub(b.mantissa())
        .map(|m| Decimal::new(m, scale))
        .ok_or(Error::Overflow("a difference of two values"))
}

/// The mean of exact decimals as the nearest double; NaN if one is missing.
fn exact_mean(values: &[Option<Decimal>]) -> Result<f64> {
    let Some(values) = values.iter().copied().collect::<Option<Vec<Decimal>>>() else {
        return Ok(f64::NAN);
    };
    if values.is_empty() {
        return Ok(f64::NAN);
    }
    let scale = values.iter().map(Decimal::scale).max().unwrap_or(0);
    let mut sum: i128 = 0;
    for v in &values {
        sum = sum
            .checked_add(v.rescale(scale)?.mantissa())
            .ok_or(Error::Overflow("a sum of biases"))?;
    }
    let den = pow10(scale)?
        .checked_mul(values.len() as i128)
        .ok_or(Error::Overflow("a count times a power of ten"))?;
    Ok(ratio(sum, den))
}

/// `num / den` as a double: correctly rounded while both are exact doubles,
/// which covers every realistic column.
fn ratio(num: i128, den: i128) -> f64 {
    let g = gcd(num.unsigned_abs(), den.unsigned_abs()).max(1) as i128;
    (num / g) as f64 / (den / g) as f64
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The mean of doubles, near correctly rounded (a compensated sum and a
/// corrected quotient). R's `mean()` refines its extended-precision sum by
/// residuals that carry the values' own rounding, so where they cancel it
/// can differ from this in the 7th digit; this is the closer one.
fn double_mean(values: &[f64]) -> f64 {
    if values.is_empty() || values.iter().any(|v| v.is_nan()) {
        return f64::NAN;
    }
    let (mut hi, mut lo) = (0.0f64, 0.0f64);
    for &v in values {
        let t = hi + v;
        lo += if hi.abs() >= v.abs() {
            (hi - t) + v
        } else {
            (v - t) + hi
        };
        hi = t;
    }
    let n = values.len() as f64;
    let q = hi / n;
    q + ((-q).mul_add(n, hi) + lo) / n
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rounding(name: &str, threshold: u8) -> Result<Rounding> {
        Rounding::new(name.parse()?, threshold, false)
    }

    #[test]
    fn pairs_give_both_results_and_missing_stays_missing() -> Result<()> {
        let r = reround_column(&["0.125", ""], &[2.0], &Rounding::default(), Mode::Exact)?;
        assert_eq!(r[..2], [0.13, 0.12]);
        assert!(r[2..].iter().all(|v| v.is_nan()));
        Ok(())
    }

    #[test]
    fn exact_mode_rounds_the_decimal_as_written() -> Result<()> {
        // 2.675 is stored below its decimal; as written it is a tie.
        let even = rounding("even", 5)?;
        assert_eq!(
            reround_column(&["2.675"], &[2.0], &even, Mode::Exact)?,
            [2.68]
        );
        assert_eq!(
            reround_column(&["2.675"], &[2.0], &even, Mode::Scrutiny)?,
            [2.67]
        );
        assert_eq!(
            reround_column(&["2.5", "3.5"], &[0.0], &even, Mode::Exact)?,
            [2.0, 4.0]
        );
        Ok(())
    }

    #[test]
    fn errors_name_the_row_and_the_fix() -> Result<()> {
        let error = |r: Result<Vec<f64>>| r.err().map(|e| e.to_string()).unwrap_or_default();
        let default = Rounding::default();
        let e = error(reround_column(&["1", "x"], &[0.0], &default, Mode::Exact));
        assert!(e.contains("row 2"), "{e}");
        let e = error(reround_column(&["1"], &[0.5], &default, Mode::Exact));
        assert!(e.contains("digits"), "{e}");
        let e = rounding_bias(&["1"], &[0.0], &default, Mode::Exact).err();
        assert!(e.is_some_and(|e| e.to_string().contains("\"up\" or \"down\"")));
        let up = rounding("up", 5)?;
        assert!(reround_to_fraction(&["1"], &[0.0], None, &up, Mode::Exact).is_err());
        Ok(())
    }

    #[test]
    fn unround_writes_scrutiny_ranges() -> Result<()> {
        let exact = unround_column(&["2.70", "NA"], &rounding("up", 5)?, Mode::Exact)?;
        let ranges: Vec<Option<&str>> = exact
            .iter()
            .map(|r| r.as_ref().map(|r| r.range.as_str()))
            .collect();
        assert_eq!(ranges, [Some("2.695 <= x(2.70) < 2.705"), None]);
        let replay = unround_column(&["2.7"], &Rounding::default(), Mode::Scrutiny)?;
        let replay = replay.first().and_then(Option::as_ref);
        assert_eq!(replay.map(|r| r.bounds.lower), Some(2.6500000000000004));
        assert_eq!(
            replay.map(|r| r.range.as_str()),
            Some("2.65 <= x(2.7) <= 2.75")
        );
        Ok(())
    }

    #[test]
    fn restore_zeros_keeps_separators_and_missing_values() -> Result<()> {
        let out = restore_zeros(&["4,1", "NA", "7"], Some(2.0), ",", ",")?;
        assert_eq!(out, [Some("4,10".into()), None, Some("7,00".into())]);
        Ok(())
    }

    fn fail(e: Error) -> TestCaseError {
        TestCaseError::fail(e.to_string())
    }

    proptest! {
        /// A value rounded and read back as a report lies in the report's
        /// interval, for every single procedure.
        #[test]
        fn unround_holds_what_reround_gave(m in -100_000i128..100_000, scale in 0u32..5, digits in 0i32..4, p in 3usize..12, t in 1u8..10) {
            let Ok(r) = Rounding::new(Procedure::ALL[p], t, false) else {
                return Ok(());
            };
            let x = Decimal::new(m, scale);
            for report in rounded_exact(x, digits, &r).map_err(fail)? {
                let b = unround(&report, &r).map_err(fail)?;
                let den = pow10(scale).map_err(fail)?;
                prop_assert!(b.contains(m, den).map_err(fail)?, "{x} -> {report} under {:?}", r.procedure());
            }
        }

        #[test]
        fn restore_zeros_never_changes_a_value(ms in proptest::collection::vec((-10_000i128..10_000, 0u32..4), 1..8)) {
            let texts: Vec<String> = ms.iter().map(|&(m, s)| Decimal::new(m, s).to_string()).collect();
            let out = restore_zeros(&texts, None, ".", ".").map_err(fail)?;
            for (text, padded) in texts.iter().zip(out) {
                let a = Decimal::parse(text).map_err(fail)?;
                let b = Decimal::parse(&padded.unwrap_or_default()).map_err(fail)?;
                prop_assert!(a.cmp_value(&b).is_eq());
            }
        }
    }
}
