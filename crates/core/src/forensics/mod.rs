//! Consistency tests and reconstructions of summary statistics.

pub mod audit;
pub mod closure;
pub mod debit;
pub mod grim;
pub mod grimmer;
mod spread;
