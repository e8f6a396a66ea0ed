//! What a CLOSURE run starts from: the reports, the scale and how the
//! reports were rounded, and the exact range of spreads the SD admits.

use crate::decimal::Decimal;
use crate::forensics::spread::SdKind;
use crate::rounding::Rounding;

/// How far the true mean and SD may be from the reports.
///
/// ```
/// use ferrox::{closure::{ClosureInput, Tolerance}, Decimal};
/// let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("1.2")?, 50, 0, 7)
///     .with_errors(Decimal::parse("0.05")?, Decimal::parse("0.005")?);
/// assert!(matches!(input.tolerance, Tolerance::Explicit { .. }));
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tolerance {
    /// The reports were rounded by this procedure: bounds from [`unround`](crate::unround),
    /// open or closed as the procedure makes them.
    Rounding(Rounding),
    /// Closed intervals `[x − e, x + e]`, as scrutipy and closure-core take.
    Explicit {
        /// Half-width for the mean.
        mean: Decimal,
        /// Half-width for the SD.
        sd: Decimal,
    },
}

/// A reported mean and SD with everything needed to reconstruct samples.
///
/// ```
/// use ferrox::{closure::ClosureInput, Decimal};
/// let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("1.2")?, 50, 0, 7);
/// assert_eq!((input.n, input.scale_max), (50, 7));
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClosureInput {
    /// The reported mean.
    pub mean: Decimal,
    /// The reported SD.
    pub sd: Decimal,
    /// The sample size.
    pub n: u64,
    /// The lowest scale value.
    pub scale_min: i64,
    /// The highest scale value.
    pub scale_max: i64,
    /// Items averaged into each score: values step by `1 / items`.
    pub items: u32,
    /// Rounding of the reports, or explicit errors.
    pub tolerance: Tolerance,
    /// Sample or population SD.
    pub sd_kind: SdKind,
}

impl ClosureInput {
    /// A case with the defaults: one item, `up_or_down` rounding, sample SD.
    ///
    /// ```
    /// use ferrox::{closure::ClosureInput, Decimal};
    /// let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("1.2")?, 50, 0, 7);
    /// assert_eq!(input.items, 1);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn new(mean: Decimal, sd: Decimal, n: u64, scale_min: i64, scale_max: i64) -> Self {
        ClosureInput {
            mean,
            sd,
            n,
            scale_min,
            scale_max,
            items: 1,
            tolerance: Tolerance::Rounding(Rounding::default()),
            sd_kind: SdKind::Sample,
        }
    }

    /// The same case with explicit rounding errors (closed intervals).
    ///
    /// ```
    /// use ferrox::{closure::{ClosureInput, Tolerance}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("1.2")?, 50, 0, 7).with_errors(d("0.05")?, d("0.005")?);
    /// assert!(matches!(input.tolerance, Tolerance::Explicit { .. }));
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn with_errors(self, mean: Decimal, sd: Decimal) -> Self {
        ClosureInput {
            tolerance: Tolerance::Explicit { mean, sd },
            ..self
        }
    }
}
