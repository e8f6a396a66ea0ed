//! The twelve rounding procedures of R scrutiny, forwards (`reround`) and
//! backwards (`unround`).
//!
//! Everything at the top level of this module is exact: values are rationals,
//! reports are [`Decimal`]s, and ties are ties. [`scrutiny`] reproduces
//! scrutiny 0.6.1's floating-point versions bit for bit, for replaying
//! published audits.
//!
//! ```
//! use ferrox::{unround, Decimal, Rounding};
//! let b = unround(&Decimal::parse("0.13")?, &Rounding::default())?;
//! assert!(b.contains(1, 8)?); // 0.125 rounds up to 0.13
//! # Ok::<(), ferrox::Error>(())
//! ```

pub mod columns;
pub mod scrutiny;

use std::fmt;
use std::str::FromStr;

use crate::decimal::{Decimal, pow10};
use crate::error::{Error, Result};

/// Which computation decides: exact arithmetic, or a replay of R scrutiny.
///
/// ```
/// use ferrox::Mode;
/// assert_eq!(Mode::from_compat(Some("scrutiny"))?, Mode::Scrutiny);
/// assert_eq!(Mode::default(), Mode::Exact);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Exact integer and rational arithmetic: the correct answer.
    #[default]
    Exact,
    /// R scrutiny 0.6.1's floating-point computation, quirks included.
    Scrutiny,
}

impl Mode {
    /// Reads the front doors' `compat` argument: none means exact,
    /// `"scrutiny"` the replay.
    ///
    /// ```
    /// use ferrox::Mode;
    /// assert_eq!(Mode::from_compat(None)?, Mode::Exact);
    /// assert_eq!(Mode::from_compat(Some("scrutiny"))?, Mode::Scrutiny);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn from_compat(compat: Option<&str>) -> Result<Self> {
        match compat {
            None | Some("" | "exact" | "none") => Ok(Mode::Exact),
            Some("scrutiny") => Ok(Mode::Scrutiny),
            Some(other) => Err(Error::invalid(
                "compat",
                format!(
                    "{} is not a known mode; leave it unset for exact results or use \"scrutiny\"",
                    crate::error::quoted(other)
                ),
            )),
        }
    }
}

/// A rounding procedure, by scrutiny's name.
///
/// ```
/// use ferrox::Procedure;
/// assert_eq!(Procedure::ALL.len(), 12);
/// assert_eq!(Procedure::Even.name(), "even");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Procedure {
    /// Either half up or half down: a report counts if it matches either.
    UpOrDown,
    /// Either up from or down from `threshold`.
    UpFromOrDownFrom,
    /// Either ceiling or floor.
    CeilingOrFloor,
    /// Half to even (R's `round()` in scrutiny mode).
    Even,
    /// Half up: ties go up the number line.
    Up,
    /// Half down: ties go down the number line.
    Down,
    /// Up when the cut-off part is at least `threshold` tenths of a step.
    UpFrom,
    /// Down when the cut-off part is at most `10 - threshold` tenths of a step.
    DownFrom,
    /// Towards +∞.
    Ceiling,
    /// Towards −∞.
    Floor,
    /// Towards zero.
    Trunc,
    /// Away from zero.
    AntiTrunc,
}

impl Procedure {
    /// All twelve, in scrutiny's documentation order.
    pub const ALL: [Procedure; 12] = [
        Procedure::UpOrDown,
        Procedure::UpFromOrDownFrom,
        Procedure::CeilingOrFloor,
        Procedure::Even,
        Procedure::Up,
        Procedure::Down,
        Procedure::UpFrom,
        Procedure::DownFrom,
        Procedure::Ceiling,
        Procedure::Floor,
        Procedure::Trunc,
        Procedure::AntiTrunc,
    ];

    /// scrutiny's name for the procedure.
    ///
    /// ```
    /// assert_eq!(ferrox::Procedure::UpOrDown.name(), "up_or_down");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Procedure::UpOrDown => "up_or_down",
            Procedure::UpFromOrDownFrom => "up_from_or_down_from",
            Procedure::CeilingOrFloor => "ceiling_or_floor",
            Procedure::Even => "even",
            Procedure::Up => "up",
            Procedure::Down => "down",
            Procedure::UpFrom => "up_from",
            Procedure::DownFrom => "down_from",
            Procedure::Ceiling => "ceiling",
            Procedure::Floor => "floor",
            Procedure::Trunc => "trunc",
            Procedure::AntiTrunc => "anti_trunc",
        }
    }

    /// The two single procedures a pair stands for, in scrutiny's order.
    ///
    /// ```
    /// use ferrox::Procedure;
    /// assert_eq!(Procedure::UpOrDown.split(), Some((Procedure::Up, Procedure::Down)));
    /// assert_eq!(Procedure::Even.split(), None);
    /// ```
    pub const fn split(self) -> Option<(Procedure, Procedure)> {
        match self {
            Procedure::UpOrDown => Some((Procedure::Up, Procedure::Down)),
            Procedure::UpFromOrDownFrom => Some((Procedure::UpFrom, Procedure::DownFrom)),
            Procedure::CeilingOrFloor => Some((Procedure::Ceiling, Procedure::Floor)),
            _ => None,
        }
    }

    const fn takes_threshold(self) -> bool {
        matches!(
            self,
            Procedure::UpFrom | Procedure::DownFrom | Procedure::UpFromOrDownFrom
        )
    }

    /// How `symmetric` rounds a negative number: like its absolute value,
    /// which is what the mirror procedure does to the negative number itself.
    const fn mirrored(self) -> Procedure {
        match self {
            Procedure::Up => Procedure::Down,
            Procedure::Down => Procedure::Up,
            Procedure::UpFrom => Procedure::DownFrom,
            Procedure::DownFrom => Procedure::UpFrom,
            other => other,
        }
    }

    const fn is_up_down_family(self) -> bool {
        matches!(
            self,
            Procedure::UpOrDown
                | Procedure::Up
                | Procedure::Down
                | Procedure::UpFromOrDownFrom
                | Procedure::UpFrom
                | Procedure::DownFrom
        )
    }
}

impl FromStr for Procedure {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Procedure::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| Error::UnknownRounding(s.to_owned()))
    }
}

impl fmt::Display for Procedure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A rounding procedure with its `threshold` and `symmetric` settings, as
/// scrutiny's `rounding`, `threshold` and `symmetric` arguments give them.
///
/// ```
/// use ferrox::{Procedure, Rounding};
/// let r = Rounding::new(Procedure::UpFrom, 4, false)?;
/// assert_eq!((r.procedure(), r.threshold()), (Procedure::UpFrom, 4));
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rounding {
    procedure: Procedure,
    threshold: u8,
    symmetric: bool,
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding {
            procedure: Procedure::UpOrDown,
            threshold: 5,
            symmetric: false,
        }
    }
}

impl Rounding {
    /// Validates a combination: `threshold` is a digit from 1 to 9, and the
    /// `*_from` procedures need one other than 5 (scrutiny's rule: for 5, use
    /// `up`, `down` or `up_or_down`).
    ///
    /// ```
    /// use ferrox::{Procedure, Rounding};
    /// assert!(Rounding::new(Procedure::UpFrom, 4, false).is_ok());
    /// assert!(Rounding::new(Procedure::UpFrom, 5, false).is_err());
    /// ```
    pub fn new(procedure: Procedure, threshold: u8, symmetric: bool) -> Result<Self> {
        if !(1..=9).contains(&threshold) {
            return Err(Error::invalid(
                "threshold",
                format!("it is {threshold}; it must be a whole number from 1 to 9"),
            ));
        }
        if procedure.takes_threshold() && threshold == 5 {
            return Err(Error::invalid(
                "threshold",
                format!(
                    "rounding \"{procedure}\" needs a threshold other than 5; to round up or down \
                     from 5, use \"up\", \"down\" or \"up_or_down\" instead"
                ),
            ));
        }
        Ok(Rounding {
            procedure,
            threshold,
            symmetric,
        })
    }

    /// The front doors' form: a procedure name and a numeric threshold.
    ///
    /// ```
    /// let r = ferrox::Rounding::parse("up_from", 4.0, false)?;
    /// assert_eq!(r.threshold(), 4);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn parse(name: &str, threshold: f64, symmetric: bool) -> Result<Self> {
        let procedure = name.parse()?;
        if threshold.fract() != 0.0 || !(1.0..=9.0).contains(&threshold) {
            return Err(Error::invalid(
                "threshold",
                format!("it is {threshold}; it must be a whole number from 1 to 9"),
            ));
        }
        Rounding::new(procedure, threshold as u8, symmetric)
    }

    /// The procedure.
    ///
    /// ```
    /// use ferrox::{Procedure, Rounding};
    /// assert_eq!(Rounding::default().procedure(), Procedure::UpOrDown);
    /// ```
    pub const fn procedure(&self) -> Procedure {
        self.procedure
    }

    /// The threshold digit.
    ///
    /// ```
    /// assert_eq!(ferrox::Rounding::parse("up_from", 4.0, false)?.threshold(), 4);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub const fn threshold(&self) -> u8 {
        self.threshold
    }

    /// Whether negative numbers round like their absolute values.
    ///
    /// ```
    /// assert!(!ferrox::Rounding::default().symmetric());
    /// ```
    pub const fn symmetric(&self) -> bool {
        self.symmetric
    }

    fn with_procedure(self, procedure: Procedure) -> Self {
        Rounding { procedure, ..self }
    }
}

/// One or two rounded values: pair procedures give both of theirs, in
/// scrutiny's order (up before down, ceiling before floor).
///
/// ```
/// use ferrox::{reround, Rounding};
/// let r = reround(1, 8, 2, &Rounding::default())?;
/// assert_eq!(r.iter().map(|d| d.to_string()).collect::<Vec<_>>(), ["0.13", "0.12"]);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rounded<T> {
    first: T,
    second: Option<T>,
}

impl<T: Copy> Rounded<T> {
    fn one(value: T) -> Self {
        Rounded {
            first: value,
            second: None,
        }
    }

    fn pair(first: T, second: T) -> Self {
        Rounded {
            first,
            second: Some(second),
        }
    }

    /// The values, first to last.
    ///
    /// ```
    /// use ferrox::{rounding::scrutiny, Rounding};
    /// let both: Vec<f64> = scrutiny::reround(0.125, 2, &Rounding::default()).iter().collect();
    /// assert_eq!(both, [0.13, 0.12]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = T> + '_ {
        std::iter::once(self.first).chain(self.second)
    }
}

/// The interval a reported value can have been rounded from.
///
/// Both ends are decimals with one more decimal than the report (every
/// bound of every procedure falls on a tenth of the report's last digit).
///
/// ```
/// use ferrox::{unround, Decimal, Rounding};
/// let b = unround(&Decimal::parse("5.19")?, &Rounding::default())?;
/// assert_eq!((b.lower.to_string(), b.upper.to_string()), ("5.185".into(), "5.195".into()));
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The lower end.
    pub lower: Decimal,
    /// The upper end.
    pub upper: Decimal,
    /// Whether `lower` itself rounds to the report.
    pub incl_lower: bool,
    /// Whether `upper` itself rounds to the report.
    pub incl_upper: bool,
}

impl Bounds {
    /// The closed interval `[x − error, x + error]`: the explicit-error
    /// convention of scrutipy and closure-core.
    ///
    /// ```
    /// use ferrox::{Bounds, Decimal};
    /// let b = Bounds::around(Decimal::parse("3.5")?, Decimal::parse("0.05")?)?;
    /// assert_eq!((b.lower.to_string(), b.upper.to_string()), ("3.45".into(), "3.55".into()));
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn around(x: Decimal, error: Decimal) -> Result<Self> {
        if error.mantissa() < 0 {
            return Err(Error::invalid(
                "rounding_error",
                "a rounding error cannot be negative",
            ));
        }
        let scale = x.scale().max(error.scale());
        let (x, error) = (x.rescale(scale)?, error.rescale(scale)?);
        Ok(Bounds {
            lower: Decimal::new(x.mantissa() - error.mantissa(), scale),
            upper: Decimal::new(x.mantissa() + error.mantissa(), scale),
            incl_lower: true,
            incl_upper: true,
        })
    }

    /// The integers `s` for which `s / n` lies in the bounds, as a closed
    /// range `(first, last)`; `None` when there are none.
    ///
    /// This is GRIM's question, answered without division: `s / n ≥ L / 10^k`
    /// is `s · 10^k ≥ n · L`.
    ///
    /// ```
    /// use ferrox::{unround, Decimal, Rounding};
    /// let b = unround(&Decimal::parse("5.19")?, &Rounding::default())?;
    /// assert_eq!(b.integers_over(32)?, Some((166, 166)));
    /// assert_eq!(b.integers_over(28)?, None);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn integers_over(&self, n: u64) -> Result<Option<(i128, i128)>> {
        let den = pow10(self.lower.scale())?;
        let n = i128::from(n);
        let scaled = |end: &Decimal| {
            end.mantissa()
                .checked_mul(n)
                .ok_or(Error::Overflow("n times a bound"))
        };
        let (lo_num, hi_num) = (scaled(&self.lower)?, scaled(&self.upper)?);
        let mut first = ceil_div(lo_num, den);
        if !self.incl_lower && first * den == lo_num {
            first += 1;
        }
        let mut last = hi_num.div_euclid(den);
        if !self.incl_upper && last * den == hi_num {
            last -= 1;
        }
        Ok((first <= last).then_some((first, last)))
    }

    /// Whether the rational `num / den` (with `den > 0`) lies in the bounds.
    ///
    /// ```
    /// use ferrox::{unround, Decimal, Rounding};
    /// let b = unround(&Decimal::parse("5.19")?, &Rounding::default())?;
    /// assert!(b.contains(166, 32)?);
    /// assert!(!b.contains(145, 28)?);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn contains(&self, num: i128, den: i128) -> Result<bool> {
        let scale = pow10(self.lower.scale())?;
        let lhs = num
            .checked_mul(scale)
            .ok_or(Error::Overflow("a value times a power of ten"))?;
        let side = |end: &Decimal| {
            end.mantissa()
                .checked_mul(den)
                .map(|rhs| lhs.cmp(&rhs))
                .ok_or(Error::Overflow("a bound times a denominator"))
        };
        let above_lower = match side(&self.lower)? {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => self.incl_lower,
            std::cmp::Ordering::Less => false,
        };
        let below_upper = match side(&self.upper)? {
            std::cmp::Ordering::Less => true,
            std::cmp::Ordering::Equal => self.incl_upper,
            std::cmp::Ordering::Greater => false,
        };
        Ok(above_lower && below_upper)
    }
}

impl Bounds {
    /// The bounds as doubles, for display.
    ///
    /// ```
    /// use ferrox::{unround, Decimal, Rounding};
    /// let b = unround(&Decimal::parse("2.7")?, &Rounding::default())?.to_floats();
    /// assert_eq!((b.lower, b.upper), (2.65, 2.75));
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn to_floats(&self) -> scrutiny::FloatBounds {
        scrutiny::FloatBounds {
            lower: self.lower.to_f64(),
            upper: self.upper.to_f64(),
            incl_lower: self.incl_lower,
            incl_upper: self.incl_upper,
        }
    }
}

/// The interval a report was rounded from, as doubles: the exact bounds, or
/// scrutiny's `unround()` in [`Mode::Scrutiny`]. Tables show it on request.
///
/// ```
/// use ferrox::{rounding::interval, Decimal, Mode, Rounding};
/// let b = interval(&Decimal::parse("2.7")?, &Rounding::default(), Mode::Exact)?;
/// assert_eq!((b.lower, b.upper), (2.65, 2.75));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn interval(x: &Decimal, rounding: &Rounding, mode: Mode) -> Result<scrutiny::FloatBounds> {
    match mode {
        Mode::Exact => Ok(unround(x, rounding)?.to_floats()),
        Mode::Scrutiny => scrutiny::unround(x, rounding),
    }
}

pub(crate) fn ceil_div(a: i128, b: i128) -> i128 {
    -((-a).div_euclid(b))
}

/// `⌈√x⌉`, and 0 for `x ≤ 0`.
pub(crate) fn ceil_sqrt(x: i128) -> i128 {
    let root = x.max(0).isqrt();
    if root * root < x { root + 1 } else { root }
}

/// Rounds the exact rational `num / den` to `digits` decimals.
///
/// `den` must be positive. Pair procedures give both of their values.
///
/// ```
/// use ferrox::{reround, Procedure, Rounding};
/// let up = Rounding::new(Procedure::Up, 5, false)?;
/// // 2.675 is a tie when it is exact, so it rounds up to 2.68:
/// let r: Vec<String> = reround(2675, 1000, 2, &up)?.iter().map(|d| d.to_string()).collect();
/// assert_eq!(r, ["2.68"]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn reround(num: i128, den: i128, digits: u32, rounding: &Rounding) -> Result<Rounded<Decimal>> {
    if den <= 0 {
        return Err(Error::invalid("den", "the denominator must be positive"));
    }
    let round = |procedure| round_single(num, den, digits, &rounding.with_procedure(procedure));
    Ok(match rounding.procedure.split() {
        Some((a, b)) => Rounded::pair(round(a)?, round(b)?),
        None => Rounded::one(round(rounding.procedure)?),
    })
}

fn round_single(num: i128, den: i128, digits: u32, rounding: &Rounding) -> Result<Decimal> {
    if rounding.symmetric && num < 0 && rounding.procedure.is_up_down_family() {
        let mirrored = round_single(-num, den, digits, rounding)?;
        return Ok(Decimal::new(-mirrored.mantissa(), digits));
    }
    let shifted = num
        .checked_mul(pow10(digits)?)
        .ok_or(Error::Overflow("a value shifted by its decimals"))?;
    let down = shifted.div_euclid(den);
    let rest = shifted.rem_euclid(den);
    let tenths = |t: u8| i128::from(t) * den;
    let up = match rounding.procedure {
        Procedure::Ceiling => rest > 0,
        Procedure::Floor => false,
        Procedure::Trunc => num < 0 && rest > 0,
        Procedure::AntiTrunc => num > 0 && rest > 0,
        Procedure::Up => 10 * rest >= tenths(5),
        Procedure::Down => 10 * rest > tenths(5),
        Procedure::UpFrom => 10 * rest >= tenths(rounding.threshold),
        Procedure::DownFrom => 10 * rest > tenths(10 - rounding.threshold),
        Procedure::Even => 2 * rest > den || (2 * rest == den && down % 2 != 0),
        pair => {
            return Err(Error::Unsupported(format!(
                "{pair} names two procedures; round with each of them"
            )));
        }
    };
    Ok(Decimal::new(down + i128::from(up), digits))
}

/// The interval of exact values that round to the report `x`.
///
/// Ends are open or closed exactly as the procedure treats them: `up` keeps
/// its lower tie (`2.65` rounds up to `2.7`) and excludes its upper one.
///
/// ```
/// use ferrox::{unround, Decimal, Procedure, Rounding};
/// let b = unround(&Decimal::parse("2.7")?, &Rounding::new(Procedure::Up, 5, false)?)?;
/// assert_eq!((b.lower.to_string(), b.incl_lower), ("2.65".into(), true));
/// assert_eq!((b.upper.to_string(), b.incl_upper), ("2.75".into(), false));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn unround(x: &Decimal, rounding: &Rounding) -> Result<Bounds> {
    let sign = x.mantissa().signum();
    let procedure = if rounding.symmetric && sign < 0 {
        rounding.procedure.mirrored()
    } else {
        rounding.procedure
    };
    let t = i128::from(rounding.threshold);
    let even_report = x.mantissa() % 2 == 0;
    let (mut lo, hi, mut incl_lo, incl_hi) = match procedure {
        Procedure::UpOrDown => (-5, 5, true, true),
        Procedure::Up => (-5, 5, true, false),
        Procedure::Down => (-5, 5, false, true),
        Procedure::UpFrom => (t - 10, t, true, false),
        Procedure::DownFrom => (-t, 10 - t, false, true),
        Procedure::UpFromOrDownFrom => ((t - 10).min(-t), t.max(10 - t), t - 10 <= -t, 10 - t >= t),
        Procedure::Even => (-5, 5, even_report, even_report),
        Procedure::Ceiling => (-10, 0, false, true),
        Procedure::Floor => (0, 10, true, false),
        Procedure::CeilingOrFloor => (-10, 10, false, false),
        Procedure::Trunc => match sign {
            1 => (0, 10, true, false),
            -1 => (-10, 0, false, true),
            _ => (-10, 10, false, false),
        },
        Procedure::AntiTrunc => match sign {
            1 => (-10, 0, false, true),
            -1 => (0, 10, true, false),
            _ => (0, 0, true, true),
        },
    };
    if rounding.symmetric && sign == 0 && procedure.is_up_down_family() {
        (lo, incl_lo) = (-hi, incl_hi);
    }
    let scale = x.scale() + 1;
    let centre = x
        .mantissa()
        .checked_mul(10)
        .ok_or(Error::Overflow("a report shifted by one decimal"))?;
    Ok(Bounds {
        lower: Decimal::new(centre + lo, scale),
        upper: Decimal::new(centre + hi, scale),
        incl_lower: incl_lo,
        incl_upper: incl_hi,
    })
}
