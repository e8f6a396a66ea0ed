//! Numeric kernels that scientific code calls in hot loops: integer and
//! floating-point [`matrix_power`](matrix_power::matrix_power) and robust
//! real [cubic roots](cubic).
//!
//! ```
//! let r = ferrox::kernels::cubic::cubic_roots(1.0, -6.0, 11.0, -6.0);
//! assert_eq!(r.count, 3);
//! ```

pub mod cubic;
pub mod matrix_power;
