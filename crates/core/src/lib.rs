//! # ferrox
//!
//! Summary-data forensics with exact arithmetic: could the means, SDs and
//! sample sizes reported in a paper have come from real data?
//!
//! - [`decimal`]: reported numbers kept as written (`"5.20"` has two decimals).
//! - [`rounding`]: the twelve rounding procedures of R scrutiny, forwards
//!   ([`reround`]) and backwards ([`unround`]), exact or replayed bit for bit.
//! - [`forensics`]: the consistency tests ([`grim`], [`grimmer`], [`debit`]),
//!   their table summaries ([`audit`]) and sample reconstruction ([`closure`]).
//!
//! Every decision is made with integers: a float never decides whether a
//! report is consistent. [`Mode::Scrutiny`] replays R scrutiny 0.6.1 instead,
//! so that published audits can be reproduced.
//!
//! ```
//! use ferrox::{Decimal, grim::{grim, GrimCase, GrimOptions}};
//! let case = GrimCase::new(Decimal::parse("5.19")?, 28, 1)?;
//! assert!(!grim(&case, &GrimOptions::default())?);
//! # Ok::<(), ferrox::Error>(())
//! ```

pub mod decimal;
pub mod error;
pub mod forensics;
pub mod input;
pub mod kernels;
pub mod rounding;

pub use decimal::Decimal;
pub use error::{Error, Result};
pub use forensics::{audit, closure, debit, grim, grimmer};
pub use rounding::{Bounds, Mode, Procedure, Rounded, Rounding, reround, unround};
