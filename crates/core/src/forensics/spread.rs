//! The spread of a sample in integers: for `n` integers with sum `S` and
//! sum of squares `Q`, `D = n·Q − S²` is `n(n − 1)` times their sample
//! variance, so an SD interval becomes an integer range of `D` and every
//! decision about an SD is made with integers.

use crate::decimal::pow10;
use crate::error::{Error, Result};
use crate::rounding::{Bounds, ceil_div};

/// Which standard deviation the report is.
///
/// ```
/// use ferrox::{closure::{Closure, ClosureInput, SdKind}, Decimal};
/// let d = Decimal::parse;
/// let mut input = ClosureInput::new(d("2.0")?, d("1.0")?, 2, 1, 3);
/// assert_eq!(Closure::new(&input)?.count()?, 0); // sample SD of two values: √2 · |a − b|/2
/// input.sd_kind = SdKind::Population;
/// assert_eq!(Closure::new(&input)?.count()?, 1); // 1 and 3
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SdKind {
    /// Denominator `n − 1` (what papers report).
    #[default]
    Sample,
    /// Denominator `n`.
    Population,
}

/// The range of `D = n·Q − S²` that the SD interval admits, in integers.
pub(crate) fn spread_range(
    sd: &Bounds,
    n: i128,
    items: i128,
    kind: SdKind,
) -> Result<Option<(i128, i128)>> {
    let factor = match kind {
        SdKind::Sample => n.checked_mul(n - 1),
        SdKind::Population => n.checked_mul(n),
    }
    .and_then(|f| f.checked_mul(items * items))
    .ok_or(Error::Overflow("n squared times items squared"))?;
    let lower_mantissa = sd.lower.mantissa().max(0);
    let lower_closed = sd.incl_lower || sd.lower.mantissa() < 0;
    if factor == 0 {
        // One value: no spread, so D = 0, consistent iff 0 is in the interval.
        let zero_in = (lower_mantissa == 0 && lower_closed) || sd.lower.mantissa() < 0;
        let zero_in =
            zero_in && (sd.upper.mantissa() > 0 || sd.incl_upper && sd.upper.mantissa() == 0);
        return Ok(zero_in.then_some((0, 0)));
    }
    let den = pow10(2 * sd.lower.scale())?;
    let scaled = |m: i128| {
        m.checked_mul(m)
            .and_then(|m2| m2.checked_mul(factor))
            .ok_or(Error::Overflow("the SD bounds times n"))
    };
    let (lo_num, hi_num) = (scaled(lower_mantissa)?, scaled(sd.upper.mantissa())?);
    let mut lo = ceil_div(lo_num, den);
    if !lower_closed && lo * den == lo_num {
        lo += 1;
    }
    let mut hi = hi_num.div_euclid(den);
    if !sd.incl_upper && hi * den == hi_num {
        hi -= 1;
    }
    Ok((sd.upper.mantissa() >= 0 && lo <= hi).then_some((lo, hi)))
}

/// The integer sums of squares `Q` for which `n·Q − sum²` lies in the
/// spread range `(d_lo, d_hi)`: those the SD admits for this sum; `None`
/// when there are none.
pub(crate) fn squares_range(
    sum: i128,
    n: i128,
    (d_lo, d_hi): (i128, i128),
) -> Result<Option<(i128, i128)>> {
    let square = sum
        .checked_mul(sum)
        .ok_or(Error::Overflow("a squared sum"))?;
    let shifted = |d: i128| {
        square
            .checked_add(d)
            .ok_or(Error::Overflow("a squared sum"))
    };
    let lo = ceil_div(shifted(d_lo)?, n);
    let hi = shifted(d_hi)?.div_euclid(n);
    Ok((lo <= hi).then_some((lo, hi)))
}
