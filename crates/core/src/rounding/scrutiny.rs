//! R scrutiny 0.6.1's rounding, replayed in doubles, quirks included.
//!
//! Each function performs the same floating-point operations in the same
//! order as scrutiny's R code (and R's own `round()` for `"even"`), so the
//! results agree bit for bit. Use the exact functions of the parent module
//! for anything but replaying a published audit.
//!
//! ```
//! use ferrox::{rounding::scrutiny, Rounding};
//! // 2.675 is 2.67499999… as a double; scrutiny rounds the double.
//! let r: Vec<f64> = scrutiny::reround(2.675, 2, &Rounding::default()).iter().collect();
//! assert_eq!(r, [2.68, 2.67]);
//! ```

use super::{Procedure, Rounded, Rounding};
use crate::decimal::Decimal;
use crate::error::{Error, Result};

/// `.Machine$double.eps^0.5`: scrutiny's tolerance for comparisons and the
/// nudge its `*_from` functions give to `threshold`.
///
/// ```
/// assert_eq!(ferrox::rounding::scrutiny::TOLERANCE, f64::EPSILON.sqrt());
/// ```
pub const TOLERANCE: f64 = 1.490_116_119_384_765_6e-8;

/// scrutiny's `dust`: its `dustify()` turns each value `x` into
/// `x − DUST` and `x + DUST` before comparing.
///
/// ```
/// assert_eq!(ferrox::rounding::scrutiny::DUST, 1e-12);
/// ```
pub const DUST: f64 = 1e-12;

/// Rounds the double `x` to `digits` decimals as scrutiny's `reround()` does.
///
/// ```
/// use ferrox::{rounding::scrutiny, Rounding};
/// let r: Vec<f64> = scrutiny::reround(2.675, 2, &Rounding::default()).iter().collect();
/// assert_eq!(r, [2.68, 2.67]);
/// ```
pub fn reround(x: f64, digits: i32, rounding: &Rounding) -> Rounded<f64> {
    let round = |procedure| round_single(x, digits, procedure, rounding);
    match rounding.procedure.split() {
        Some((a, b)) => Rounded::pair(round(a), round(b)),
        None => Rounded::one(round(rounding.procedure)),
    }
}

fn round_single(x: f64, digits: i32, procedure: Procedure, rounding: &Rounding) -> f64 {
    let p10 = r_pow(10.0, digits);
    let threshold = match procedure {
        Procedure::Up | Procedure::Down => 5.0,
        _ => f64::from(rounding.threshold),
    };
    // scrutiny lowers the threshold by its tolerance before using it.
    let offset = 1.0 - ((threshold - TOLERANCE) / 10.0);
    let negative = rounding.symmetric && x < 0.0;
    match procedure {
        Procedure::Up | Procedure::UpFrom if negative => -((-x * p10 + offset).floor() / p10),
        Procedure::Up | Procedure::UpFrom => (x * p10 + offset).floor() / p10,
        Procedure::Down | Procedure::DownFrom if negative => -((-x * p10 - offset).ceil() / p10),
        Procedure::Down | Procedure::DownFrom => (x * p10 - offset).ceil() / p10,
        Procedure::Ceiling => (x * p10).ceil() / p10,
        Procedure::Floor => (x * p10).floor() / p10,
        Procedure::Trunc => trunc(x, p10),
        Procedure::AntiTrunc => anti_trunc(x * p10) / p10,
        Procedure::Even => r_round(x, digits),
        Procedure::UpOrDown | Procedure::UpFromOrDownFrom | Procedure::CeilingOrFloor => f64::NAN,
    }
}

/// scrutiny's `round_trunc()`: the absolute value truncated, then the sign
/// put back only for `x < 0`, so that −0 comes back as +0.
fn trunc(x: f64, p10: f64) -> f64 {
    let core = (x.abs() * p10).trunc() / p10;
    if x < 0.0 { -core } else { core }
}

/// scrutiny's `anti_trunc()`: `trunc(|x|) + 1` with the sign of `x`, so
/// whole numbers move too (`anti_trunc(2)` is 3) and so does zero
/// (`anti_trunc(0)` is 1: `x < 0` is false for zero).
fn anti_trunc(x: f64) -> f64 {
    let core = x.abs().trunc() + 1.0;
    if x < 0.0 { -core } else { core }
}

/// R's `^` operator for a power of ten: C's `pow()`, correctly rounded.
pub(crate) fn r_pow(base: f64, exp: i32) -> f64 {
    if base == 10.0 {
        format!("1e{exp}").parse().unwrap_or(f64::NAN)
    } else {
        base.powi(exp)
    }
}

/// R's `R_pow_di()`: binary powering, then one division for negative powers.
fn r_pow_di(mut x: f64, n: i32) -> f64 {
    let mut result = 1.0;
    let invert = n < 0;
    let mut n = n.unsigned_abs();
    loop {
        if n & 1 == 1 {
            result *= x;
        }
        n >>= 1;
        if n == 0 {
            break;
        }
        x *= x;
    }
    if invert { 1.0 / result } else { result }
}

/// `logb()`: the binary exponent of a positive finite double.
fn logb(x: f64) -> f64 {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        // Subnormal: scale into the normal range first.
        return logb(x * 2f64.powi(54)) - 54.0;
    }
    f64::from(exponent - 1023)
}

/// R's `round(x, digits)` (the algorithm of R 4.0.0 and later): of the two
/// candidates `floor` and `ceiling` at that decimal, the one nearer to `x`
/// in double arithmetic, ties to the even last digit.
///
/// ```
/// use ferrox::rounding::scrutiny::r_round;
/// assert_eq!(r_round(0.15, 1), 0.1);  // 0.15 is slightly below the tie
/// assert_eq!(r_round(2.5, 0), 2.0);
/// ```
pub fn r_round(x: f64, digits: i32) -> f64 {
    const DBL_DIG: f64 = 15.0;
    const MAX10E: i32 = 308;
    if x.is_nan() || !x.is_finite() || x == 0.0 || digits > MAX10E + 15 {
        return x;
    }
    if digits < -MAX10E {
        return 0.0;
    }
    if digits == 0 {
        return x.round_ties_even();
    }
    let (sign, x) = if x < 0.0 { (-1.0, -x) } else { (1.0, x) };
    let l10x = std::f64::consts::LOG10_2 * (0.5 + logb(x));
    if l10x + f64::from(digits) > DBL_DIG {
        return sign * x;
    }
    let (x10, down, up) = if digits <= MAX10E {
        let pow10 = r_pow_di(10.0, digits);
        let x10 = x * pow10;
        (x10, x10.floor() / pow10, x10.ceil() / pow10)
    } else {
        let p10 = r_pow_di(10.0, digits - MAX10E);
        let pow10 = r_pow_di(10.0, MAX10E);
        let x10 = (x * pow10) * p10;
        (x10, x10.floor() / pow10 / p10, x10.ceil() / pow10 / p10)
    };
    let (du, dd) = (up - x, x - down);
    let odd = x10.floor() % 2.0 == 1.0;
    sign * if du < dd || (odd && du == dd) {
        up
    } else {
        down
    }
}

/// The interval scrutiny 0.6.1's `unround()` reports, as doubles.
///
/// ```
/// use ferrox::{rounding::scrutiny, Decimal, Rounding};
/// let b = scrutiny::unround(&Decimal::parse("0.36")?, &Rounding::default())?;
/// assert!(b.incl_lower && b.incl_upper);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FloatBounds {
    /// Lower end (NaN where scrutiny gives `NA`).
    pub lower: f64,
    /// Upper end (NaN where scrutiny gives `NA`).
    pub upper: f64,
    /// Whether the lower end is closed.
    pub incl_lower: bool,
    /// Whether the upper end is closed.
    pub incl_upper: bool,
}

/// scrutiny 0.6.1's `unround()`: only the eight single procedures it
/// supports, half-width `threshold / 10^(digits + 1)` for the up/down
/// family, `NA` bounds for `anti_trunc` of zero.
///
/// ```
/// use ferrox::{rounding::scrutiny, Decimal, Rounding};
/// let b = scrutiny::unround(&Decimal::parse("2.7")?, &Rounding::default())?;
/// assert_eq!((b.lower, b.upper), (2.6500000000000004, 2.75));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn unround(x: &Decimal, rounding: &Rounding) -> Result<FloatBounds> {
    let value = x.to_f64();
    let p10 = r_pow(10.0, x.scale() as i32 + 1);
    let half = f64::from(rounding.threshold) / p10;
    let step = 10.0 / p10;
    let bounds = |lower, upper, incl_lower, incl_upper| FloatBounds {
        lower,
        upper,
        incl_lower,
        incl_upper,
    };
    Ok(match rounding.procedure {
        Procedure::UpOrDown => bounds(value - half, value + half, true, true),
        Procedure::Up => bounds(value - half, value + half, true, false),
        Procedure::Down => bounds(value - half, value + half, false, true),
        Procedure::Even => bounds(value - 5.0 / p10, value + 5.0 / p10, false, false),
        Procedure::Ceiling => bounds(value - step, value, false, true),
        Procedure::Floor => bounds(value, value + step, true, false),
        Procedure::Trunc if value > 0.0 => bounds(value, value + step, true, false),
        Procedure::Trunc if value < 0.0 => bounds(value - step, value, false, true),
        Procedure::Trunc => bounds(value - step, value + step, false, false),
        Procedure::AntiTrunc if value > 0.0 => bounds(value - step, value, true, false),
        Procedure::AntiTrunc if value < 0.0 => bounds(value, value + step, true, false),
        Procedure::AntiTrunc => bounds(f64::NAN, f64::NAN, false, false),
        other => {
            return Err(Error::Unsupported(format!(
                "scrutiny's unround() does not support rounding \"{other}\"; \
                 use one of up_or_down, up, down, even, ceiling, floor, trunc, anti_trunc, \
                 or exact mode, which supports all twelve"
            )));
        }
    })
}
