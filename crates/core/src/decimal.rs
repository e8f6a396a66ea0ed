//! Reported numbers kept exactly as written.
//!
//! `"5.20"` and `"5.2"` are different reports: the first claims two decimals,
//! so it constrains the data more. A [`Decimal`] keeps the integer mantissa
//! and the number of decimals, never a float, so every later decision can be
//! made with integers.
//!
//! ```
//! let x = ferrox::Decimal::parse("5.20")?;
//! assert_eq!((x.mantissa(), x.scale(), x.to_string()), (520, 2, "5.20".to_string()));
//! # Ok::<(), ferrox::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::input::at_row;

/// Most digits a reported number may have; keeps every product ferrox forms
/// from it well inside `i128`.
const MAX_DIGITS: usize = 30;

/// A reported number: `mantissa / 10^scale`, with `scale` the number of
/// decimals as written.
///
/// ```
/// use ferrox::Decimal;
/// let x: Decimal = "5.20".parse()?;
/// assert_eq!((x.mantissa(), x.scale()), (520, 2));
/// assert_eq!(x.to_string(), "5.20");
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    /// The number `mantissa / 10^scale`.
    ///
    /// ```
    /// assert_eq!(ferrox::Decimal::new(-15, 2).to_string(), "-0.15");
    /// ```
    pub const fn new(mantissa: i128, scale: u32) -> Self {
        Decimal { mantissa, scale }
    }

    /// Reads a number as reported: optional sign (`-`, `+` or the Unicode
    /// minus `−`), digits, and optionally a `.` followed by digits.
    ///
    /// Scientific notation is rejected: `"1e-3"` does not say how many
    /// decimals were reported, which is the very thing the tests depend on.
    ///
    /// ```
    /// use ferrox::Decimal;
    /// assert_eq!(Decimal::parse("-0.150")?, Decimal::new(-150, 3));
    /// assert_eq!(Decimal::parse(".52")?, Decimal::new(52, 2));
    /// assert!(Decimal::parse("1e-3").is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn parse(input: &str) -> Result<Self> {
        let fail = |reason| Error::InvalidNumber {
            input: input.to_owned(),
            reason,
        };
        let text = input.trim();
        if text.is_empty() {
            return Err(fail("it is empty"));
        }
        if ["NA", "NaN", "nan", "None", "null"].contains(&text) {
            return Err(fail("it is missing"));
        }
        let (negative, body) = if let Some(rest) = text.strip_prefix('-') {
            (true, rest)
        } else if let Some(rest) = text.strip_prefix('\u{2212}') {
            (true, rest)
        } else if let Some(rest) = text.strip_prefix('+') {
            (false, rest)
        } else {
            (false, text)
        };
        if body.contains(['e', 'E']) && body.chars().any(|c| c.is_ascii_digit()) {
            return Err(fail(
                "scientific notation hides how many decimals were reported; write the number as it was reported",
            ));
        }
        if body.contains(',') {
            return Err(fail("use '.' as the decimal separator"));
        }
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int_part) || !frac_part.is_none_or(all_digits) {
            return Err(fail("it is not a decimal number"));
        }
        if frac_part == Some("") {
            return Err(fail("a decimal point must be followed by digits"));
        }
        let frac_part = frac_part.unwrap_or("");
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(fail("it has no digits"));
        }
        let digits = int_part.trim_start_matches('0').len() + frac_part.len();
        if digits > MAX_DIGITS {
            return Err(fail("it has more than 30 digits"));
        }
        let mantissa = int_part
            .bytes()
            .chain(frac_part.bytes())
            .fold(0i128, |acc, b| acc * 10 + i128::from(b - b'0'));
        Ok(Decimal {
            mantissa: if negative { -mantissa } else { mantissa },
            scale: frac_part.len() as u32,
        })
    }

    /// The shortest decimal that reads back as `x`: how a front door turns a
    /// number it was given into a report. Trailing zeros cannot be recovered
    /// this way (`5.20` arrives as `5.2`), which is why front doors warn.
    ///
    /// ```
    /// assert_eq!(ferrox::Decimal::from_f64(5.20)?.to_string(), "5.2");
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn from_f64(x: f64) -> Result<Self> {
        if !x.is_finite() {
            return Err(Error::InvalidNumber {
                input: x.to_string(),
                reason: "it is not a finite number",
            });
        }
        // Formatted on the stack: a column of millions allocates nothing.
        let mut buffer = ShortBuffer::default();
        fmt::write(&mut buffer, format_args!("{x}")).map_err(|_| Error::InvalidNumber {
            input: x.to_string(),
            reason: "it has too many digits to keep",
        })?;
        Decimal::parse(buffer.as_str())
    }

    /// The integer `m` of `m / 10^scale`.
    ///
    /// ```
    /// assert_eq!(ferrox::Decimal::parse("5.20")?.mantissa(), 520);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub const fn mantissa(&self) -> i128 {
        self.mantissa
    }

    /// The number of decimals as reported.
    ///
    /// ```
    /// assert_eq!(ferrox::Decimal::parse("5.20")?.scale(), 2);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub const fn scale(&self) -> u32 {
        self.scale
    }

    /// The same digits read as a fraction of 100: `"71"` percent is `0.71`
    /// reported to 2 decimals.
    ///
    /// ```
    /// let p = ferrox::Decimal::parse("67.4")?.percent_to_fraction();
    /// assert_eq!(p.to_string(), "0.674");
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub const fn percent_to_fraction(self) -> Self {
        Decimal {
            mantissa: self.mantissa,
            scale: self.scale + 2,
        }
    }

    /// The same number written with `scale` decimals (at least as many as it
    /// has): `"3.5"` at scale 2 is `"3.50"`.
    ///
    /// ```
    /// assert_eq!(ferrox::Decimal::parse("5.2")?.rescale(3)?.to_string(), "5.200");
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn rescale(self, scale: u32) -> Result<Self> {
        let factor = pow10(scale.saturating_sub(self.scale))?;
        let mantissa = self
            .mantissa
            .checked_mul(factor)
            .ok_or(Error::Overflow("a decimal with more places"))?;
        Ok(Decimal {
            mantissa,
            scale: self.scale.max(scale),
        })
    }

    /// Orders two decimals by value (`Eq` compares them as written, so
    /// `5.2` and `5.20` differ there but compare equal here).
    ///
    /// ```
    /// use ferrox::Decimal;
    /// assert!(Decimal::parse("5.20")?.cmp_value(&Decimal::parse("5.2")?).is_eq());
    /// assert!(Decimal::parse("-0.5")?.cmp_value(&Decimal::parse("0.05")?).is_lt());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn cmp_value(&self, other: &Decimal) -> std::cmp::Ordering {
        let scale = self.scale.max(other.scale);
        match (self.rescale(scale), other.rescale(scale)) {
            (Ok(a), Ok(b)) => a.mantissa.cmp(&b.mantissa),
            // A rescale overflows only for a huge mantissa; compare the
            // doubles, which differ by far then.
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }

    /// The nearest double, as R's `as.numeric()` or Python's `float()` give.
    ///
    /// ```
    /// assert_eq!(ferrox::Decimal::parse("2.675")?.to_f64(), 2.675);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn to_f64(&self) -> f64 {
        // Clinger's fast path: a mantissa and a power of ten that are both
        // exact doubles give the correctly rounded quotient in one division.
        const EXACT_POWERS: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        match EXACT_POWERS.get(self.scale as usize) {
            Some(power) if self.mantissa.unsigned_abs() < 1 << 53 => self.mantissa as f64 / power,
            _ => self.to_string().parse().unwrap_or(f64::NAN),
        }
    }
}

impl FromStr for Decimal {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Decimal::parse(s)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let sign = if self.mantissa < 0 { "-" } else { "" };
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int_part, frac_part) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int_part}.{frac_part}")
    }
}

/// Splits a table cell like `"5.20 (1.43)"` into its two reported values,
/// as written (`"5.20"`, `"1.43"`); square brackets work too.
///
/// ```
/// use ferrox::decimal::split_parens;
/// assert_eq!(split_parens("5.20 (1.43)")?, ("5.20", "1.43"));
/// assert!(split_parens("5.20, 1.43").is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn split_parens(cell: &str) -> Result<(&str, &str)> {
    let malformed = |reason: &str| {
        Error::invalid(
            "cell",
            format!(
                "cannot split {}: {reason}; expected a value with a second one in parentheses, like \"5.20 (1.43)\"",
                crate::error::quoted(cell)
            ),
        )
    };
    let text = cell.trim();
    let (open, close) = match text.chars().last() {
        Some(')') => ('(', ')'),
        Some(']') => ('[', ']'),
        _ => return Err(malformed("it does not end with a closing parenthesis")),
    };
    let start = text
        .find(open)
        .ok_or_else(|| malformed("it has no opening parenthesis"))?;
    let (outside, inside) = (text[..start].trim(), text[start + 1..text.len() - 1].trim());
    if inside.contains([open, close]) {
        return Err(malformed("it has more than one pair of parentheses"));
    }
    for part in [outside, inside] {
        Decimal::parse(part).map_err(|e| malformed(&e.to_string()))?;
    }
    Ok((outside, inside))
}

/// A column of text with missing cells.
pub type Texts = Vec<Option<String>>;

/// The text before a pair of separators and the text inside it, as
/// scrutiny's `before_parens` and `inside_parens` give them: `sep` is
/// `"parens"`, `"brackets"`, `"braces"` (or `"("`, `"["`, `"{"`), or two
/// custom strings. A cell without the pair has no inside part (and all of
/// it is "before"); with several pairs, the last is read. Missing cells
/// (`NA`, empty) stay missing.
///
/// ```
/// let (before, inside) = ferrox::decimal::parens_column(&["5.20 (1.43)", "7", "NA"], &["parens"])?;
/// assert_eq!(before, [Some("5.20".into()), Some("7".into()), None]);
/// assert_eq!(inside, [Some("1.43".into()), None, None]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn parens_column<S: AsRef<str>>(cells: &[S], sep: &[&str]) -> Result<(Texts, Texts)> {
    let (open, close) = match sep {
        ["parens" | "("] => ("(", ")"),
        ["brackets" | "["] => ("[", "]"),
        ["braces" | "{"] => ("{", "}"),
        [open, close] if !open.is_empty() && !close.is_empty() => (*open, *close),
        _ => {
            return Err(Error::invalid(
                "sep",
                "give \"parens\", \"brackets\" or \"braces\", or two separators such as c(\"<\", \">\")",
            ));
        }
    };
    Ok(cells
        .iter()
        .map(|cell| {
            let cell = cell.as_ref().trim();
            if crate::check::is_missing(cell) {
                return (None, None);
            }
            let pair = cell.rfind(open).and_then(|start| {
                let rest = &cell[start + open.len()..];
                rest.find(close).map(|end| (start, rest[..end].trim()))
            });
            match pair {
                Some((start, inside)) => {
                    let before = cell[..cell.find(open).unwrap_or(start)].trim();
                    (Some(before.to_owned()), Some(inside.to_owned()))
                }
                None => (Some(cell.to_owned()), None),
            }
        })
        .unzip())
}

/// [`parens_column`] for a column that must be split whole: every present
/// cell needs the pair, and an error names the first that lacks it, with
/// its row.
///
/// ```
/// let (x, sd) = ferrox::decimal::parens_pairs(&["5.20 (1.43)", "NA"], &["parens"])?;
/// assert_eq!((x[0].as_deref(), sd[0].as_deref(), sd[1].as_deref()), (Some("5.20"), Some("1.43"), None));
/// assert!(ferrox::decimal::parens_pairs(&["5.20 1.43"], &["parens"]).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn parens_pairs<S: AsRef<str>>(cells: &[S], sep: &[&str]) -> Result<(Texts, Texts)> {
    let (before, inside) = parens_column(cells, sep)?;
    let unpaired = before
        .iter()
        .zip(&inside)
        .position(|(b, i)| b.is_some() && i.is_none());
    if let Some(row) = unpaired {
        let cell = crate::error::quoted(cells[row].as_ref());
        let reason = format!("{cell} has no pair of separators to split at, as in \"5.20 (1.43)\"");
        return Err(at_row(cells.len(), row)(Error::invalid("cell", reason)));
    }
    Ok((before, inside))
}

/// How many decimals each reported number has, as written (`"5.20"`: 2),
/// `None` for a missing cell (empty, `NA`, `NaN`); an error names a cell
/// that is not a number, with its row. scrutiny's `decimal_places`.
///
/// ```
/// let places = ferrox::decimal::decimal_places(&["2.80", "9.0", "37", "NA"])?;
/// assert_eq!(places, [Some(2), Some(1), Some(0), None]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn decimal_places<S: AsRef<str>>(values: &[S]) -> Result<Vec<Option<u32>>> {
    values
        .iter()
        .enumerate()
        .map(|(row, cell)| {
            let cell = cell.as_ref();
            if crate::check::is_missing(cell) {
                return Ok(None);
            }
            Decimal::parse(cell)
                .map(|d| Some(d.scale()))
                .map_err(at_row(values.len(), row))
        })
        .collect()
}

/// Reads a column of reported numbers; an error names the failing row.
///
/// ```
/// let xs = ferrox::decimal::parse_column(&["5.19", "3.20"])?;
/// assert_eq!(xs[1].to_string(), "3.20");
/// assert!(ferrox::decimal::parse_column(&["5.19", "x"]).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn parse_column<S: AsRef<str> + Sync>(values: &[S]) -> Result<Vec<Decimal>> {
    // Parsed on all cores; the error reported is the first row's, as when
    // reading one by one.
    let parsed: Vec<Result<Decimal>> = values
        .par_iter()
        .with_min_len(4096)
        .enumerate()
        .map(|(row, v)| Decimal::parse(v.as_ref()).map_err(at_row(values.len(), row)))
        .collect();
    parsed.into_iter().collect()
}

/// A column of numbers given as doubles, each read as its shortest decimal
/// (see [`Decimal::from_f64`]); an error names the failing row.
///
/// ```
/// let xs = ferrox::decimal::column_from_f64(&[5.2, 0.15])?;
/// assert_eq!(xs[0].to_string(), "5.2");
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn column_from_f64(values: &[f64]) -> Result<Vec<Decimal>> {
    // On all cores, as parse_column.
    let read: Vec<Result<Decimal>> = values
        .par_iter()
        .with_min_len(4096)
        .enumerate()
        .map(|(row, &v)| Decimal::from_f64(v).map_err(at_row(values.len(), row)))
        .collect();
    read.into_iter().collect()
}

/// Room for a double's shortest decimal (at most 17 digits, a sign, a point
/// and the zeros of a number like 1e-300 written out in full).
struct ShortBuffer {
    bytes: [u8; 400],
    len: usize,
}

impl Default for ShortBuffer {
    fn default() -> Self {
        ShortBuffer {
            bytes: [0; 400],
            len: 0,
        }
    }
}

impl ShortBuffer {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for ShortBuffer {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// `10^k` as an exact integer, or an overflow error.
pub(crate) fn pow10(k: u32) -> Result<i128> {
    10i128
        .checked_pow(k)
        .ok_or(Error::Overflow("a power of ten"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_trailing_zeros_and_sign() {
        for (text, m, s) in [
            ("5.20", 520, 2),
            ("5.2", 52, 1),
            ("71", 71, 0),
            ("-0.150", -150, 3),
            ("\u{2212}1.5", -15, 1),
            ("+3", 3, 0),
            (" 0.0 ", 0, 1),
            (".5", 5, 1),
        ] {
            assert_eq!(Decimal::parse(text), Ok(Decimal::new(m, s)), "{text}");
        }
    }

    #[test]
    fn rejects_malformed_input() {
        for text in [
            "", "abc", "1e-3", "5.", "5,2", "1.2.3", "--1", "NaN", "Inf", "-", ".", "1 2",
        ] {
            assert!(
                matches!(Decimal::parse(text), Err(Error::InvalidNumber { .. })),
                "{text:?}"
            );
        }
        assert!(Decimal::parse(&"9".repeat(31)).is_err());
    }

    #[test]
    fn round_trips_through_display() {
        for text in ["5.20", "-0.150", "0.001", "71", "-3", "0.0"] {
            assert_eq!(
                Decimal::parse(text).map(|d| d.to_string()),
                Ok(text.to_owned())
            );
        }
    }

    #[test]
    fn from_f64_uses_the_shortest_representation() {
        assert_eq!(Decimal::from_f64(0.1), Ok(Decimal::new(1, 1)));
        assert_eq!(Decimal::from_f64(1e-7), Ok(Decimal::new(1, 7)));
        assert!(Decimal::from_f64(f64::NAN).is_err());
    }
}
