//! Consistency tests and reconstructions of summary statistics.

pub mod grim;
