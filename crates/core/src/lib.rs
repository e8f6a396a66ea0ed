//! # ferrox
//!
//! Summary-data forensics with exact arithmetic: could the means, SDs and
//! sample sizes reported in a paper have come from real data? And two
//! numeric kernels that scientific code calls in hot loops.
//!
//! - [`decimal`]: reported numbers kept as written (`"5.20"` has two decimals).
//! - [`rounding`]: the twelve rounding procedures of R scrutiny, forwards
//!   ([`reround`]) and backwards ([`unround`]), exact or replayed bit for bit.
//! - [`forensics`]: the consistency tests ([`grim`], [`grimmer`], [`debit`]),
//!   their table summaries ([`audit`]) and sample reconstruction ([`closure`],
//!   [`sprite`]).
//! - [`stats`]: reported test statistics (`t(28) = 2.20, p = .03`): the
//!   APA parser, p-values recomputed over whole rounding intervals, GRIM-U.
//! - [`rng`]: the one seeded random-number generator, so that samples are the
//!   same in every language.
//! - [`kernels`]: `matrix_power` (NumPy's semantics, exact integers) and
//!   robust real cubic roots.
//! - [`input`] and [`error`]: what front doors share: checks of counts given
//!   as doubles, and one error type whose messages say what to do.
//!
//! Every decision is made with integers: a float never decides whether a
//! report is consistent. [`Mode::Scrutiny`] replays R scrutiny 0.6.1 instead,
//! so that published audits can be reproduced.
//!
//! ## A guide in six steps
//!
//! GRIM: is a mean of 28 integers possible?
//!
//! ```
//! use ferrox::{Decimal, grim::{grim, GrimCase, GrimOptions}};
//! let case = GrimCase::new(Decimal::parse("5.19")?, 28, 1)?;
//! assert!(!grim(&case, &GrimOptions::default())?);
//! # Ok::<(), ferrox::Error>(())
//! ```
//!
//! GRIMMER: are a mean and an SD possible together? The verdict names the
//! test that failed.
//!
//! ```
//! use ferrox::{Decimal, grimmer::{grimmer, GrimmerCase, GrimmerOptions}};
//! let case = GrimmerCase::new(Decimal::parse("5.23")?, Decimal::parse("2.55")?, 35, 1)?;
//! let verdict = grimmer(&case, &GrimmerOptions::default())?;
//! assert_eq!(verdict.reason(), "GRIMMER inconsistent (test 2)");
//! # Ok::<(), ferrox::Error>(())
//! ```
//!
//! DEBIT: binary data, where the mean fixes the SD.
//!
//! ```
//! use ferrox::{Decimal, debit::{debit, DebitCase, DebitOptions}};
//! let case = DebitCase::new(Decimal::parse("0.5")?, Decimal::parse("0.53")?, 10)?;
//! assert_eq!(debit(&case, &DebitOptions::default())?.consistency, Some(true));
//! # Ok::<(), ferrox::Error>(())
//! ```
//!
//! CLOSURE: every sample behind a mean and SD, counted without listing.
//!
//! ```
//! use ferrox::{Decimal, closure::{Closure, ClosureInput}};
//! let d = Decimal::parse;
//! let input = ClosureInput::new(d("3.5")?, d("1.2")?, 50, 0, 7).with_errors(d("0.05")?, d("0.005")?);
//! assert_eq!(Closure::new(&input)?.count()?, 7980);
//! # Ok::<(), ferrox::Error>(())
//! ```
//!
//! SPRITE: samples drawn exactly uniformly through the counts, the same for
//! a seed in every language.
//!
//! ```
//! use ferrox::{Decimal, closure::{ClosureInput, Restrictions}, sprite::{sprite, SpriteOptions}};
//! let input = ClosureInput::new(Decimal::parse("5.5")?, Decimal::parse("2.1")?, 200, 1, 10);
//! let drawn = sprite(&input, &Restrictions::default(), &SpriteOptions { seed: 1, ..Default::default() })?;
//! assert_eq!((drawn.samples.len(), drawn.possible), (10, Some(2_220_451_966_158)));
//! # Ok::<(), ferrox::Error>(())
//! ```
//!
//! The kernels (feature `kernels`, on by default): an exact Fibonacci
//! number and a near-double cubic root.
//!
//! ```
//! use ferrox::kernels::{cubic::cubic_y_root, matrix_power::{matrix_power, PowerOptions}};
//! let fib = ndarray::array![[1i64, 1], [1, 0]].into_dyn();
//! assert_eq!(matrix_power(fib.view(), 90, &PowerOptions::default())?[[0, 1]], 2_880_067_194_370_816_120);
//! assert_eq!(cubic_y_root(-0.499_999_999_999_999_94, 1.0).count, 3);
//! # Ok::<(), ferrox::Error>(())
//! ```

pub mod decimal;
pub mod error;
pub mod extract;
pub mod forensics;
pub mod input;
#[cfg(feature = "kernels")]
pub mod kernels;
pub mod memory;
pub mod rng;
pub mod rounding;
pub mod run;
#[cfg(feature = "scan")]
pub mod scan;
pub mod stats;
#[cfg(feature = "table")]
pub mod table;

pub use decimal::Decimal;
pub use error::{Error, Result};
pub use forensics::{
    audit, check, closure, debit, duplicates, grim, grimmer, sd_bounds, seq, sequence, sprite,
};
pub use rounding::{Bounds, Mode, Procedure, Rounded, Rounding, reround, unround};
