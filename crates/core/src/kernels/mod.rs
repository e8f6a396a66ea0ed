//! Numeric kernels that scientific code calls in hot loops: integer and
//! floating-point [`matrix_power`](matrix_power::matrix_power) and robust
//! real [cubic roots](cubic).

pub mod cubic;
pub mod matrix_power;
