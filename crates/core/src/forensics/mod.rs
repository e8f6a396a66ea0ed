//! Consistency tests and reconstructions of summary statistics.
//!
//! ```
//! use ferrox::{grim::{grim, GrimCase, GrimOptions}, Decimal};
//! assert!(grim(&GrimCase::new(Decimal::parse("5.19")?, 32, 1)?, &GrimOptions::default())?);
//! # Ok::<(), ferrox::Error>(())
//! ```

pub mod audit;
pub mod check;
pub mod closure;
pub mod debit;
pub mod duplicates;
pub mod grim;
pub mod grimmer;
pub mod sd_bounds;
pub mod seq;
pub mod sequence;
mod spread;
pub mod sprite;
