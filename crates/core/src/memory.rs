//! Memory: caps as front doors give them (in MB), and allocations of
//! results that fail with [`Error::OutOfMemory`] instead of aborting the
//! process.
//!
//! ```
//! assert_eq!(ferrox::memory::cap_from_mb(1.0)?, 1 << 20);
//! assert!(ferrox::memory::cap_from_mb(f64::NAN).is_err());
//! # Ok::<(), ferrox::Error>(())
//! ```

use crate::error::{Error, Result};

const MB: f64 = 1_048_576.0;

/// A memory cap given in MB, in bytes: non-negative and not NaN; caps
/// beyond what the address space holds mean "no cap".
///
/// ```
/// use ferrox::memory::cap_from_mb;
/// assert_eq!(cap_from_mb(0.5)?, 1 << 19);
/// assert_eq!(cap_from_mb(1e300)?, usize::MAX);
/// assert!(cap_from_mb(-1.0).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn cap_from_mb(mb: f64) -> Result<usize> {
    if mb.is_nan() || mb < 0.0 {
        return Err(Error::invalid(
            "max_memory_mb",
            format!("it is {mb}; give a number of MB of at least 0"),
        ));
    }
    let bytes = mb * MB;
    Ok(if bytes >= usize::MAX as f64 {
        usize::MAX
    } else {
        bytes as usize
    })
}

/// `len` copies of `value`, or [`Error::OutOfMemory`] when the system
/// refuses the memory.
pub(crate) fn filled<T: Clone>(len: usize, value: T, what: &'static str) -> Result<Vec<T>> {
    let mut out = reserved(len, what)?;
    out.resize(len, value);
    Ok(out)
}

/// An empty vector with room for `len` elements, or [`Error::OutOfMemory`]:
/// when the machine has less memory available than that (Linux tells; a
/// system that promises memory it does not have would otherwise end the
/// process later), or when the allocator refuses.
pub(crate) fn reserved<T>(len: usize, what: &'static str) -> Result<Vec<T>> {
    let bytes = len as u128 * std::mem::size_of::<T>() as u128;
    available_for(bytes, what)?;
    let mut out = Vec::new();
    out.try_reserve_exact(len)
        .map_err(|_| out_of_memory(bytes, what))?;
    Ok(out)
}

/// Checks the memory a result will take before any work starts: over the
/// caller's `cap` (bytes) it is [`Error::OverMemoryCap`], saying what would
/// take it (`holding`) and what to do instead (`advice`); over what the
/// machine has, [`Error::OutOfMemory`] for `what`.
pub(crate) fn budget(
    needed: u128,
    cap: usize,
    holding: impl FnOnce() -> String,
    advice: &'static str,
    what: &'static str,
) -> Result<()> {
    const MB: u128 = 1 << 20;
    if needed > cap as u128 {
        return Err(Error::OverMemoryCap {
            what: holding(),
            needed_mb: needed.div_ceil(MB),
            cap_mb: cap as u128 / MB,
            advice,
        });
    }
    available_for(needed, what)
}

/// Requests below this are left to the allocator: asking the system what
/// it has available costs more than they do.
const ASK_FROM: u128 = 64 << 20;

/// [`Error::OutOfMemory`] up front when `bytes` are more than the machine
/// has available: work that would need them is not started.
fn available_for(bytes: u128, what: &'static str) -> Result<()> {
    if bytes < ASK_FROM {
        return Ok(());
    }
    match available() {
        Some(free) if bytes > free => Err(out_of_memory(bytes, what)),
        _ => Ok(()),
    }
}

fn out_of_memory(bytes: u128, what: &'static str) -> Error {
    Error::OutOfMemory {
        what,
        mb: bytes.div_ceil(1 << 20),
    }
}

/// Memory the system can still give, in bytes, where it says (Linux's
/// `MemAvailable`).
fn available() -> Option<u128> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u128 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn more_than_the_machine_has_is_refused_up_front() {
        let free = available().expect("Linux says how much memory is available");
        let len = usize::try_from(free / 8 + 1).unwrap_or(usize::MAX);
        let e = reserved::<u64>(len, "samples").expect_err("more than available");
        assert!(matches!(e, Error::OutOfMemory { .. }), "{e}");
    }

    #[test]
    fn refused_memory_is_an_error() {
        let e = filled(usize::MAX / 8, 0u64, "samples").expect_err("refused");
        assert!(
            matches!(
                e,
                Error::OutOfMemory {
                    what: "samples",
                    ..
                }
            ),
            "{e}"
        );
        assert_eq!(filled(3, 7u8, "x").ok(), Some(vec![7, 7, 7]));
    }
}
