//! Checks shared by every front door for numbers that arrive as doubles
//! (R has no 64-bit integers, and Python users pass floats freely).
//!
//! ```
//! assert_eq!(ferrox::input::count(28.0, "n")?, 28);
//! assert!(ferrox::input::count(2.5, "n").is_err());
//! # Ok::<(), ferrox::Error>(())
//! ```

use crate::closure::{ClosureInput, SdKind, Tolerance};
use crate::decimal::Decimal;
use crate::error::{Error, Result};
use crate::rounding::{Mode, Rounding};
use crate::sprite::SpriteOptions;

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

/// The rounding arguments of every consistency test, as front doors pass
/// them: the procedure by name, its threshold, symmetry, and `compat`
/// (`None` or `"scrutiny"`).
///
/// ```
/// use ferrox::{input::RoundingArgs, Mode};
/// let args = RoundingArgs { compat: Some("scrutiny"), ..RoundingArgs::default() };
/// assert_eq!(args.settings()?.1, Mode::Scrutiny);
/// let bad = RoundingArgs { rounding: "sideways", ..RoundingArgs::default() };
/// assert!(bad.settings().is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoundingArgs<'a> {
    /// One of the twelve procedures, by name.
    pub rounding: &'a str,
    /// The threshold digit of the `*_from` procedures.
    pub threshold: f64,
    /// Round negative numbers as their absolute values.
    pub symmetric: bool,
    /// `None` for exact mode, `Some("scrutiny")` to replay scrutiny.
    pub compat: Option<&'a str>,
}

impl Default for RoundingArgs<'_> {
    fn default() -> Self {
        RoundingArgs {
            rounding: "up_or_down",
            threshold: 5.0,
            symmetric: false,
            compat: None,
        }
    }
}

impl RoundingArgs<'_> {
    /// The rounding and the mode they name.
    pub fn settings(&self) -> Result<(Rounding, Mode)> {
        Ok((
            Rounding::parse(self.rounding, self.threshold, self.symmetric)?,
            Mode::from_compat(self.compat)?,
        ))
    }
}

/// The settings of GRIM, GRIMMER and DEBIT as every door receives them.
///
/// ```
/// use ferrox::input::{CheckArgs, RoundingArgs};
/// let args = CheckArgs { scale_min: Some(1.0), scale_max: Some(7.0), ..CheckArgs::default() };
/// assert_eq!(args.options()?.grimmer.scale, Some((1, 7)));
/// let lopsided = CheckArgs { scale_min: Some(1.0), ..CheckArgs::default() };
/// assert!(lopsided.options().is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CheckArgs<'a> {
    /// The rounding shared by all three tests.
    pub rounding: RoundingArgs<'a>,
    /// GRIM's `x` is a percentage.
    pub percent: bool,
    /// The lowest possible score, for GRIMMER's reachable SDs.
    pub scale_min: Option<f64>,
    /// The highest possible score.
    pub scale_max: Option<f64>,
}

impl CheckArgs<'_> {
    /// The options of [`check`](crate::check::check).
    pub fn options(&self) -> Result<crate::check::CheckOptions> {
        let (rounding, mode) = self.rounding.settings()?;
        Ok(crate::check::CheckOptions {
            grim: crate::grim::GrimOptions {
                percent: self.percent,
                rounding,
                mode,
            },
            grimmer: crate::grimmer::GrimmerOptions {
                rounding,
                mode,
                scale: scale(self.scale_min, self.scale_max)?,
            },
            debit: crate::debit::DebitOptions { rounding, mode },
        })
    }
}

/// The p check's settings as front doors pass them: the rounding by name,
/// alpha as a double (read as its shortest decimal), and the switches.
///
/// ```
/// use ferrox::input::PArgs;
/// let options = PArgs { alpha: 0.01, ..PArgs::default() }.options()?;
/// assert_eq!(options.alpha.to_string(), "0.01");
/// assert!(PArgs { alpha: 1.5, ..PArgs::default() }.options().is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PArgs<'a> {
    /// How statistics and `=` p-values were rounded.
    pub rounding: RoundingArgs<'a>,
    /// The significance level, between 0 and 1.
    pub alpha: f64,
    /// A p equal to alpha is significant.
    pub p_equal_alpha_significant: bool,
    /// An `=` p may also have been truncated.
    pub p_truncation: bool,
    /// Test t, r and z one-tailed.
    pub one_tailed: bool,
}

impl Default for PArgs<'_> {
    fn default() -> Self {
        PArgs {
            rounding: RoundingArgs::default(),
            alpha: 0.05,
            p_equal_alpha_significant: true,
            p_truncation: false,
            one_tailed: false,
        }
    }
}

impl PArgs<'_> {
    /// The options they name.
    pub fn options(&self) -> Result<crate::stats::pcheck::POptions> {
        if !(self.alpha > 0.0 && self.alpha < 1.0) {
            return Err(Error::invalid(
                "alpha",
                format!(
                    "it is {}; a significance level lies between 0 and 1",
                    self.alpha
                ),
            ));
        }
        let (rounding, mode) = self.rounding.settings()?;
        if mode != Mode::Exact {
            return Err(Error::Unsupported(
                "compat = \"scrutiny\" applies to GRIM, GRIMMER and DEBIT, not to test statistics"
                    .into(),
            ));
        }
        Ok(crate::stats::pcheck::POptions {
            rounding,
            p_truncation: self.p_truncation,
            alpha: Decimal::from_f64(self.alpha)?,
            p_equal_alpha_significant: self.p_equal_alpha_significant,
            one_tailed: self.one_tailed,
        })
    }
}

/// CLOSURE's and SPRITE's case as front doors pass it: reports as decimals,
/// counts and scale ends as doubles, the rounding by name, and explicit
/// rounding errors (both or neither).
///
/// ```
/// use ferrox::{input::ClosureArgs, Decimal};
/// let d = |s| Decimal::parse(s);
/// let args = ClosureArgs {
///     error_mean: Some(d("0.05")?),
///     error_sd: Some(d("0.005")?),
///     ..ClosureArgs::new(d("3.5")?, d("1.2")?, 50.0, 0.0, 7.0)
/// };
/// assert_eq!(args.input()?.n, 50);
/// let half = ClosureArgs { error_sd: None, ..args };
/// assert!(half.input().is_err());
/// assert!(ClosureArgs::new(d("3.5")?, d("1.2")?, 50.0, 1.0, 7.5).input().is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClosureArgs<'a> {
    /// The reported mean.
    pub mean: Decimal,
    /// The reported SD.
    pub sd: Decimal,
    /// The sample size.
    pub n: f64,
    /// The lowest scale value.
    pub scale_min: f64,
    /// The highest scale value.
    pub scale_max: f64,
    /// Items averaged into each score.
    pub items: f64,
    /// The rounding procedure of the reports, by name.
    pub rounding: &'a str,
    /// Its threshold digit.
    pub threshold: f64,
    /// An explicit error of the mean: the closed interval `mean ± error`.
    pub error_mean: Option<Decimal>,
    /// An explicit error of the SD.
    pub error_sd: Option<Decimal>,
    /// The SD is the population SD (denominator `n`).
    pub population: bool,
}

impl ClosureArgs<'_> {
    /// A case with the defaults: one item, `up_or_down` rounding, no
    /// explicit errors, sample SD.
    pub fn new(mean: Decimal, sd: Decimal, n: f64, scale_min: f64, scale_max: f64) -> Self {
        ClosureArgs {
            mean,
            sd,
            n,
            scale_min,
            scale_max,
            items: 1.0,
            rounding: "up_or_down",
            threshold: 5.0,
            error_mean: None,
            error_sd: None,
            population: false,
        }
    }

    /// The case, checked.
    pub fn input(&self) -> Result<ClosureInput> {
        let rounding = Rounding::parse(self.rounding, self.threshold, false)?;
        let tolerance = match (self.error_mean, self.error_sd) {
            (Some(mean), Some(sd)) => Tolerance::Explicit { mean, sd },
            (None, None) => Tolerance::Rounding(rounding),
            _ => {
                return Err(Error::invalid(
                    "rounding_error_mean",
                    "give both rounding_error_mean and rounding_error_sd, or neither",
                ));
            }
        };
        Ok(ClosureInput {
            mean: self.mean,
            sd: self.sd,
            n: count(self.n, "n")?,
            scale_min: whole(self.scale_min, "scale_min")?,
            scale_max: whole(self.scale_max, "scale_max")?,
            items: small_count(self.items, "items")?,
            tolerance,
            sd_kind: if self.population {
                SdKind::Population
            } else {
                SdKind::Sample
            },
        })
    }
}

/// SPRITE's settings as front doors pass them: numbers as doubles (seeds
/// below 2^53, so that R's doubles hold them exactly), the method by name.
///
/// ```
/// use ferrox::input::SpriteArgs;
/// let options = SpriteArgs { n_samples: 100.0, seed: 7.0, method: "sprite", ..SpriteArgs::default() }
///     .options()?;
/// assert_eq!((options.n_samples, options.seed), (100, 7));
/// assert!(SpriteArgs { n_samples: -1.0, ..SpriteArgs::default() }.options().is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpriteArgs<'a> {
    /// How many samples to draw.
    pub n_samples: f64,
    /// The seed.
    pub seed: f64,
    /// `"uniform"` or `"sprite"`.
    pub method: &'a str,
    /// Draw with replacement.
    pub replace: bool,
    /// Most moves of one random walk.
    pub max_iterations: f64,
    /// Failures or duplicates in a row before the walks stop.
    pub max_misses: f64,
    /// Most memory the samples may take, in MB.
    pub max_memory_mb: f64,
}

impl Default for SpriteArgs<'_> {
    fn default() -> Self {
        SpriteArgs {
            n_samples: 10.0,
            seed: 0.0,
            method: "uniform",
            replace: false,
            max_iterations: 1e5,
            max_misses: 100.0,
            max_memory_mb: 1024.0,
        }
    }
}

impl SpriteArgs<'_> {
    /// The options, checked.
    pub fn options(&self) -> Result<SpriteOptions> {
        let natural = |x: f64, name: &'static str| match whole(x, name)? {
            x if x >= 0 => Ok(x as u64),
            _ => Err(Error::invalid(
                name,
                format!("it is {x}; it cannot be negative"),
            )),
        };
        Ok(SpriteOptions {
            n_samples: usize::try_from(natural(self.n_samples, "n_samples")?)
                .map_err(|_| Error::invalid("n_samples", "it is too large for this machine"))?,
            seed: natural(self.seed, "seed")?,
            method: self.method.parse()?,
            replace: self.replace,
            max_iterations: count(self.max_iterations, "max_iterations")?,
            max_misses: count(self.max_misses, "max_misses")?,
            max_bytes: crate::memory::cap_from_mb(self.max_memory_mb)?,
            ..SpriteOptions::default()
        })
    }
}
