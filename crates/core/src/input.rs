//! Checks shared by every front door for numbers that arrive as doubles
//! (R has no 64-bit integers, and Python users pass floats freely).
//!
//! ```
//! assert_eq!(ferrox::input::count(28.0, "n")?, 28);
//! assert!(ferrox::input::count(2.5, "n").is_err());
//! # Ok::<(), ferrox::Error>(())
//! ```

use crate::error::{Error, Result};

/// The largest sample size ferrox takes, in every front door: 2^53 − 1.
/// Doubles (R's numbers, the floats Python integers pass through) hold
/// every whole number below 2^53 exactly, and none of them rounds to one;
/// from 2^53 on a double may be a rounded larger number. Far beyond any
/// sample a paper reports.
pub const MAX_N: u64 = (1 << 53) - 1;

/// 2^53, as a double: whole numbers given as doubles must be below it.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// A sample size: at least 1 and at most [`MAX_N`].
///
/// ```
/// use ferrox::input::{MAX_N, sample_size};
/// assert_eq!(sample_size(28)?, 28);
/// assert!(sample_size(0).is_err());
/// assert!(sample_size(MAX_N + 1).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn sample_size(n: u64) -> Result<u64> {
    match n {
        0 => Err(Error::invalid("n", "the sample size must be at least 1")),
        n if n > MAX_N => Err(Error::invalid(
            "n",
            format!("it is {n}; ferrox takes sample sizes below 2^53 (up to {MAX_N})"),
        )),
        n => Ok(n),
    }
}

/// A count (sample size, items) given as a double: it must be a whole
/// number of at least 1 that a `u64` holds exactly.
///
/// ```
/// use ferrox::input::count;
/// assert_eq!(count(28.0, "n")?, 28);
/// assert!(count(0.0, "n").is_err());
/// assert!(count(2.5, "n").is_err());
/// assert!(count(f64::NAN, "n").is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn count(value: f64, name: &'static str) -> Result<u64> {
    if value.is_nan() {
        return Err(Error::invalid(name, "it is missing (NA or NaN)"));
    }
    if value.fract() != 0.0 || !(1.0..EXACT).contains(&value) {
        return Err(Error::invalid(
            name,
            format!("it is {value}; it must be a whole number from 1 to 2^53 - 1"),
        ));
    }
    Ok(value as u64)
}

/// A whole number (a scale end) given as a double.
///
/// ```
/// assert_eq!(ferrox::input::whole(-3.0, "scale_min")?, -3);
/// assert!(ferrox::input::whole(1.5, "scale_min").is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn whole(value: f64, name: &'static str) -> Result<i64> {
    if value.fract() != 0.0 || value.abs() >= EXACT {
        return Err(Error::invalid(
            name,
            format!("it is {value}; it must be a whole number below 2^53 in size"),
        ));
    }
    Ok(value as i64)
}

/// An optional limit (`stop_after`): none, or a whole number of at least 0.
///
/// ```
/// use ferrox::input::limit;
/// assert_eq!(limit(None, "stop_after")?, None);
/// assert_eq!(limit(Some(10.0), "stop_after")?, Some(10));
/// assert!(limit(Some(-1.0), "stop_after").is_err());
/// assert!(limit(Some(f64::NAN), "stop_after").is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn limit(value: Option<f64>, name: &'static str) -> Result<Option<usize>> {
    let Some(value) = value else {
        return Ok(None);
    };
    if value.is_nan() || value < 0.0 {
        return Err(Error::invalid(
            name,
            format!("it is {value}; give a whole number of at least 0, or none for no limit"),
        ));
    }
    let whole = whole(value, name)?;
    Ok(Some(usize::try_from(whole).unwrap_or(usize::MAX)))
}

/// A count that must also fit a `u32` (numbers of items).
///
/// ```
/// assert_eq!(ferrox::input::small_count(2.0, "items")?, 2);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn small_count(value: f64, name: &'static str) -> Result<u32> {
    u32::try_from(count(value, name)?)
        .map_err(|_| Error::invalid(name, format!("it is {value}; it must be below 2^32")))
}

/// The value at `row` of a column that is either one value for all rows or
/// one per row: the broadcasting rule of every vectorised front door.
///
/// ```
/// assert_eq!(ferrox::input::recycled(&[7], 3), 7);
/// assert_eq!(ferrox::input::recycled(&[1, 2, 3], 2), 3);
/// ```
pub fn recycled<T: Copy>(column: &[T], row: usize) -> T {
    column[if column.len() == 1 { 0 } else { row }]
}

/// The common length of columns that are each of length 1 or `n`.
///
/// ```
/// use ferrox::input::common_length;
/// assert_eq!(common_length(&[("x", 3), ("n", 1)])?, 3);
/// assert!(common_length(&[("x", 3), ("n", 2)]).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn common_length(columns: &[(&'static str, usize)]) -> Result<usize> {
    let len = columns
        .iter()
        .map(|&(_, l)| l)
        .filter(|&l| l != 1)
        .max()
        .unwrap_or(1);
    match columns.iter().find(|&&(_, l)| l != 1 && l != len) {
        Some(&(name, l)) => Err(Error::invalid(
            name,
            format!("it has {l} values where the other arguments have {len}; give 1 or {len}"),
        )),
        None if columns.iter().any(|&(_, l)| l == 0) => Ok(0),
        None => Ok(len),
    }
}

/// Attributes an error to a row, but only in a column of several values:
/// "row 1" would be noise on a single reported value.
///
/// ```
/// use ferrox::{input::at_row, Error};
/// let e = at_row(10, 2)(Error::Interrupted);
/// assert_eq!(e.to_string(), "row 3: interrupted");
/// ```
pub fn at_row(len: usize, row: usize) -> impl Fn(Error) -> Error {
    move |e| if len > 1 { e.in_row(row) } else { e }
}

/// A yes/no cell of a table (a verdict, a `binary` flag), whatever wrote
/// it: `TRUE`, `true`, `T`, `yes`, `1` (also `1.0`) are yes, their
/// opposites no, and an empty cell, `NA`, `NaN`, `None` or `<NA>` missing.
/// Anything else is an error, never a guess.
///
/// ```
/// use ferrox::input::truth;
/// assert_eq!(truth("FALSE", "consistency")?, Some(false));
/// assert_eq!(truth("1", "binary")?, Some(true));
/// assert_eq!(truth("<NA>", "consistency")?, None);
/// assert!(truth("maybe", "consistency").is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn truth(cell: &str, name: &'static str) -> Result<Option<bool>> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "true" | "t" | "yes" | "1" | "1.0" => Ok(Some(true)),
        "false" | "f" | "no" | "0" | "0.0" => Ok(Some(false)),
        "" | "na" | "nan" | "none" | "<na>" | "null" => Ok(None),
        _ => Err(Error::invalid(
            name,
            format!("{} is not TRUE, FALSE or NA", crate::error::quoted(cell)),
        )),
    }
}

/// Optional scale ends as front doors pass them: both or neither, whole
/// numbers, the maximum not below the minimum.
///
/// ```
/// use ferrox::input::scale;
/// assert_eq!(scale(Some(1.0), Some(7.0))?, Some((1, 7)));
/// assert!(scale(Some(1.0), None).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn scale(min: Option<f64>, max: Option<f64>) -> Result<Option<(i64, i64)>> {
    match (min, max) {
        (None, None) => Ok(None),
        (Some(min), Some(max)) => {
            let (min, max) = (whole(min, "scale_min")?, whole(max, "scale_max")?);
            if max < min {
                return Err(Error::invalid(
                    "scale_max",
                    format!("it is {max}, below scale_min ({min})"),
                ));
            }
            Ok(Some((min, max)))
        }
        _ => Err(Error::invalid(
            "scale_max",
            "give both scale_min and scale_max, or neither",
        )),
    }
}
