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

/// Rows [`chunked`] handles between two looks at its stop flag: tens of
/// milliseconds of GRIMMER, a few of GRIM.
pub const CHUNK: usize = 1 << 16;

/// `work` over `items` one chunk of [`CHUNK`] at a time, stopping with
/// [`Error::Interrupted`] between chunks once `stop` is set: a table of a
/// hundred million rows stops as soon as one of a few. An error's row is
/// counted from the start of `items`.
///
/// ```
/// use std::sync::atomic::AtomicBool;
/// use ferrox::run::chunked;
/// let doubled = chunked(&[1, 2, 3], &AtomicBool::new(false), |c| Ok(c.iter().map(|x| x * 2).collect()))?;
/// assert_eq!(doubled, [2, 4, 6]);
/// assert!(chunked(&[1], &AtomicBool::new(true), |c| Ok(c.to_vec())).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn chunked<T, R>(
    items: &[T],
    stop: &AtomicBool,
    work: impl Fn(&[T]) -> Result<Vec<R>>,
) -> Result<Vec<R>> {
    let mut out = Vec::with_capacity(items.len());
    for (i, chunk) in items.chunks(CHUNK).enumerate() {
        if stop.load(Ordering::Relaxed) {
            return Err(Error::Interrupted);
        }
        let done = i * CHUNK;
        let rows = work(chunk).map_err(|e| match e {
            // A chunk of one row names none; the table has more.
            e if chunk.len() == 1 && items.len() > 1 && !matches!(e, Error::InRow { .. }) => {
                e.in_row(done)
            }
            e => e.map_row(|row| done + row),
        })?;
        out.extend(rows);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_errors_name_rows_of_the_whole_input() {
        let items: Vec<usize> = (0..CHUNK + 2).collect();
        let fail_at = |bad: usize| {
            chunked(&items, &AtomicBool::new(false), |chunk| {
                match chunk.iter().position(|&x| x == bad) {
                    Some(at) if chunk.len() > 1 => Err(Error::Interrupted.in_row(at)),
                    Some(_) => Err(Error::Interrupted),
                    None => Ok(chunk.to_vec()),
                }
            })
        };
        for bad in [0, CHUNK, CHUNK + 1] {
            let e = fail_at(bad).expect_err("a bad row");
            assert_eq!(e.to_string(), format!("row {}: interrupted", bad + 1));
        }
    }

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
