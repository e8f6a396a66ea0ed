//! Reported test statistics: distribution tails, the APA result parser, the
//! p-value check (statcheck's question, over whole rounding intervals),
//! GRIM-U for Mann–Whitney U, and t-tests rebuilt from summary statistics.
//!
//! ```
//! use ferrox::stats::{apa::parse_result, pcheck::{check_p, POptions}};
//! let check = check_p(&parse_result("t(28) = 2.20, p = .03")?, &POptions::default())?;
//! assert!(!check.consistency);
//! assert!((check.computed_p - 0.0363).abs() < 1e-4);
//! # Ok::<(), ferrox::Error>(())
//! ```

pub mod apa;
pub mod carlisle;
pub mod pcheck;
pub mod ranks;
pub mod summary_t;
pub mod tails;

/// The sizes `|x|` of every `x` in `[low, high]`, as `(least, greatest)`:
/// what a signed statistic's interval means for its p, whose sign does not
/// count.
pub(crate) fn magnitudes(low: f64, high: f64) -> (f64, f64) {
    if low <= 0.0 && high >= 0.0 {
        (0.0, high.max(-low))
    } else {
        let (a, b) = (low.abs(), high.abs());
        (a.min(b), a.max(b))
    }
}
