//! Consistency tests and reconstructions of summary statistics.

pub mod closure;
pub mod grim;
