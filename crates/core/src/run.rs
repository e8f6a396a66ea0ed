//! Long work on a worker thread while the caller's thread stays free to
//! poll: for interrupts (Ctrl-C in Python, Esc in R) and progress bars.
//! Every front door runs CLOSURE and SPRITE this way.
//!
//! ```
//! use std::sync::atomic::AtomicBool;
//! let stop = AtomicBool::new(false);
//! let answer = ferrox::run::polling(&stop, || Ok(42), |_| Ok::<(), ()>(()));
//! assert_eq!(answer, Ok(Ok(42)));
//! ```

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How often the caller's thread polls.
pub const POLL_EVERY: Duration = Duration::from_millis(50);

/// Runs `work` on a worker thread and calls `poll` with the time elapsed
/// every [`POLL_EVERY`] until it ends. When `poll` fails (an interrupt),
/// sets `stop` (which the work must check), waits for the work to end,
/// clears `stop` for the next call and returns `poll`'s error. A panic in
/// the work is [`Error::Internal`], never a crash.
///
/// ```
/// use std::sync::atomic::{AtomicBool, Ordering};
/// let stop = AtomicBool::new(false);
/// let work = || {
///     while !stop.load(Ordering::Relaxed) {
///         std::thread::yield_now();
///     }
///     Err::<(), _>(ferrox::Error::Interrupted)
/// };
/// let stopped = ferrox::run::polling(&stop, work, |_| Err::<(), _>("Ctrl-C"));
/// assert_eq!(stopped, Err("Ctrl-C"));
/// assert!(!stop.load(Ordering::Relaxed));
/// ```
pub fn polling<T: Send, E>(
    stop: &AtomicBool,
    work: impl FnOnce() -> Result<T> + Send,
    mut poll: impl FnMut(Duration) -> std::result::Result<(), E>,
) -> std::result::Result<Result<T>, E> {
    let start = Instant::now();
    let (done, finished) = channel::<()>();
    std::thread::scope(|scope| {
        let handle = scope.spawn(move || {
            let result = work();
            let _ = done.send(());
            result
        });
        while finished.recv_timeout(POLL_EVERY) == Err(RecvTimeoutError::Timeout) {
            if let Err(interrupt) = poll(start.elapsed()) {
                stop.store(true, Ordering::Relaxed);
                let _ = handle.join();
                stop.store(false, Ordering::Relaxed);
                return Err(interrupt);
            }
        }
        Ok(handle
            .join()
            .unwrap_or_else(|_| Err(Error::Internal("the computation panicked".into()))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_an_internal_error() {
        let stop = AtomicBool::new(false);
        let result = polling(
            &stop,
            || -> Result<()> { panic!("bug") },
            |_| Ok::<(), ()>(()),
        );
        assert!(matches!(result, Ok(Err(Error::Internal(_)))));
    }

    #[test]
    fn poll_sees_the_time_pass() {
        let stop = AtomicBool::new(false);
        let mut seen = Vec::new();
        let work = || {
            std::thread::sleep(POLL_EVERY * 3);
            Ok(())
        };
        let result = polling(&stop, work, |t| {
            seen.push(t);
            Ok::<(), ()>(())
        });
        assert_eq!(result, Ok(Ok(())));
        assert!(!seen.is_empty() && seen.windows(2).all(|w| w[0] <= w[1]));
    }
}
