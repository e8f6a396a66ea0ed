//! Is a column a regular sequence? (scrutiny's `is_seq_linear`,
//! `is_seq_ascending`, `is_seq_descending` and `is_seq_dispersed`.) Tables
//! of made-up numbers often march in even steps.
//!
//! Exact: values are decimals compared in integers. "Linear" is scrutiny's
//! test: every step between neighbours is the same size, up or down
//! (`4, 5, 6, 5, 4` is linear); rising or falling sequences tested with
//! `test_linear` must lie on one line. A missing value is unknown, so
//! a column with gaps that could still be regular is `None` (R's `NA`), one
//! that cannot is `false`; as in scrutiny, a column with a gap and fewer
//! than three known values is `None`, and text that is not a number makes
//! it `false`.
//!
//! ```
//! use ferrox::sequence::{is_seq, Pattern};
//! assert_eq!(is_seq(&["1", "2", "3"], Pattern::Ascending, true)?, Some(true));
//! assert_eq!(is_seq(&["1", "NA", "3", "4"], Pattern::Linear, true)?, None);
//! assert_eq!(is_seq(&["5", "4", "NA", "2", "1"], Pattern::Ascending, true)?, Some(false));
//! # Ok::<(), ferrox::Error>(())
//! ```

use crate::decimal::Decimal;
use crate::error::{Error, Result};
use crate::forensics::check::is_missing;

/// Which regularity to test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern<'a> {
    /// Even steps.
    Linear,
    /// Strictly rising.
    Ascending,
    /// Strictly falling.
    Descending,
    /// An odd number of values around `from`, the middle one: each pair at
    /// the same distance from the middle sums to twice `from`.
    Dispersed(&'a str),
}

impl<'a> Pattern<'a> {
    /// The front doors' form: `"linear"`, `"ascending"`, `"descending"`, or
    /// `"dispersed"` with the value it spreads around.
    ///
    /// ```
    /// use ferrox::sequence::Pattern;
    /// assert_eq!(Pattern::parse("dispersed", Some("5"))?, Pattern::Dispersed("5"));
    /// assert!(Pattern::parse("dispersed", None).is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn parse(name: &str, from: Option<&'a str>) -> Result<Self> {
        match (name, from) {
            ("linear", _) => Ok(Pattern::Linear),
            ("ascending", _) => Ok(Pattern::Ascending),
            ("descending", _) => Ok(Pattern::Descending),
            ("dispersed", Some(from)) => Ok(Pattern::Dispersed(from)),
            _ => Err(Error::invalid(
                "pattern",
                "unknown, or `dispersed` without `from`",
            )),
        }
    }
}

/// Whether the values follow the pattern (with `test_linear`, also in even
/// steps): `Some(true)`, `Some(false)`, or `None` when gaps leave it open.
pub fn is_seq<S: AsRef<str>>(
    values: &[S],
    pattern: Pattern<'_>,
    test_linear: bool,
) -> Result<Option<bool>> {
    let len = values.len();
    let min_len = match pattern {
        Pattern::Linear => 1,
        Pattern::Ascending | Pattern::Descending => 2,
        Pattern::Dispersed(_) => 3,
    };
    if matches!(pattern, Pattern::Dispersed(_)) && len % 2 == 0 || len < min_len {
        return Ok(Some(false));
    }
    let mut parsed = Vec::with_capacity(len);
    for value in values {
        let value = value.as_ref();
        if is_missing(value) {
            parsed.push(None);
            continue;
        }
        match Decimal::parse(value) {
            Ok(d) => parsed.push(Some(d)),
            Err(_) => return Ok(Some(false)),
        }
    }
    let from = match pattern {
        Pattern::Dispersed(text) => {
            Some(Decimal::parse(text).map_err(|e| Error::invalid("from", e.to_string()))?)
        }
        _ => None,
    };
    // Everything on one scale, as integers.
    let scale = parsed
        .iter()
        .flatten()
        .chain(&from)
        .map(Decimal::scale)
        .max()
        .unwrap_or(0);
    let on_scale = |d: &Decimal| d.rescale(scale).map(|d| d.mantissa());
    let known: Vec<(i128, i128)> = parsed
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| on_scale(&v).map(|m| (i as i128, m))))
        .collect::<Result<_>>()?;
    let gaps = known.len() < len;
    if len == 1 {
        return Ok(if gaps { None } else { Some(true) });
    }
    if gaps && known.len() < 3 {
        return Ok(None);
    }
    let regular = match pattern {
        Pattern::Ascending | Pattern::Descending => on_one_line(&known)?,
        Pattern::Linear | Pattern::Dispersed(_) => equal_steps(&known)?,
    };
    if test_linear && !regular {
        return Ok(Some(false));
    }
    let holds = match pattern {
        Pattern::Linear => true,
        Pattern::Ascending => known.windows(2).all(|w| w[1].1 > w[0].1),
        Pattern::Descending => known.windows(2).all(|w| w[1].1 < w[0].1),
        Pattern::Dispersed(_) => {
            let from = from.as_ref().map(on_scale).transpose()?.unwrap_or_default();
            let centre = len / 2;
            let at = |i: usize| parsed[i].as_ref().map(on_scale).transpose();
            let mut symmetric = at(centre)?.is_none_or(|c| c == from);
            for k in 1..=centre {
                if let (Some(low), Some(high)) = (at(centre - k)?, at(centre + k)?) {
                    symmetric &= low.checked_add(high) == from.checked_mul(2);
                }
            }
            symmetric
        }
    };
    Ok(match (holds, gaps) {
        (false, _) => Some(false),
        (true, true) => None,
        (true, false) => Some(true),
    })
}

/// Whether steps of one size `d`, up or down, can join the known points:
/// neighbours differ by `d`, and across a gap of `g` steps the values differ
/// by at most `g·d`, by a multiple of `d` of the same parity as `g`. With no
/// two neighbours known, `d` is open and so is the answer (taken as yes).
fn equal_steps(points: &[(i128, i128)]) -> Result<bool> {
    let step = points
        .windows(2)
        .find(|w| w[1].0 - w[0].0 == 1)
        .map(|w| (w[1].1 - w[0].1).abs());
    let Some(d) = step else {
        return Ok(true);
    };
    for w in points.windows(2) {
        let (g, diff) = (w[1].0 - w[0].0, (w[1].1 - w[0].1).abs());
        let span = g
            .checked_mul(d)
            .ok_or(Error::Overflow("a sequence's steps"))?;
        let reachable = match d {
            0 => diff == 0,
            _ => diff <= span && (span - diff) % (2 * d) == 0,
        };
        if !reachable {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether the points `(i, v)` lie on one line: each against the first two,
/// cross-multiplied.
fn on_one_line(points: &[(i128, i128)]) -> Result<bool> {
    let [(i0, v0), (i1, v1), ..] = points else {
        return Ok(true);
    };
    let overflow = || Error::Overflow("a sequence's steps");
    for &(i, v) in &points[2..] {
        let left = (v - v0).checked_mul(i1 - i0).ok_or_else(overflow)?;
        let right = (v1 - v0).checked_mul(i - i0).ok_or_else(overflow)?;
        if left != right {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// scrutiny 0.6.1's answers on these columns, where its NA handling is
    /// the one described above: linear, ascending, descending, dispersed
    /// around the middle value (or 3).
    #[test]
    fn agrees_with_scrutiny() -> Result<()> {
        let t = Some(true);
        let f = Some(false);
        let cases: [(&str, [Option<bool>; 4]); 15] = [
            ("1|2|3|4", [t, t, f, f]),
            ("4|3|2|1", [t, f, t, f]),
            ("1|2|4", [f, f, f, f]),
            ("1", [t, f, f, f]),
            ("2|2|2", [t, f, f, t]),
            ("1.5|2|2.5", [t, t, f, t]),
            ("1|NA|3", [None, None, None, None]),
            ("NA|1|2|3", [None, None, f, f]),
            ("5|4|NA|2|1", [None, f, None, None]),
            ("0.5|NA|0.7|0.8", [None, None, f, f]),
            ("4|5|6|5|4", [t, f, f, f]),
            ("1|3|6", [f, f, f, f]),
            ("3|4|5|6|7", [t, t, f, t]),
            ("NA|3|4|5|NA", [None, None, f, None]),
            ("-2|-1|0|1|2", [t, t, f, t]),
        ];
        for (text, expected) in cases {
            let values: Vec<&str> = text.split('|').collect();
            let middle = values[values.len() / 2];
            let from = if values.len() % 2 == 1 && middle != "NA" {
                middle
            } else {
                "3"
            };
            let got = [
                is_seq(&values, Pattern::Linear, true)?,
                is_seq(&values, Pattern::Ascending, true)?,
                is_seq(&values, Pattern::Descending, true)?,
                is_seq(&values, Pattern::Dispersed(from), true)?,
            ];
            assert_eq!(got, expected, "{text}");
        }
        Ok(())
    }

    #[test]
    fn gaps_are_open_where_a_step_of_any_size_fits() -> Result<()> {
        // scrutiny fills gaps with steps of the last digit only, so it says
        // FALSE here; the known values lie on a line of step 10.
        let values = ["10", "20", "30", "NA", "50"];
        assert_eq!(is_seq(&values, Pattern::Linear, true)?, None);
        assert_eq!(is_seq(&["1", "x"], Pattern::Linear, true)?, Some(false));
        assert_eq!(
            is_seq(&["1", "2", "4"], Pattern::Ascending, false)?,
            Some(true)
        );
        assert_eq!(
            is_seq(&["1", "2", "4"], Pattern::Dispersed("2"), false)?,
            Some(false)
        );
        assert_eq!(
            is_seq(&["5", "4", "3"], Pattern::Dispersed("4"), true)?,
            Some(true)
        );
        Ok(())
    }
}
