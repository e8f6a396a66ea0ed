//! Samples streamed in batches from another thread, for front doors whose
//! users consume them in their own language (a Python generator, an R
//! callback) while the enumeration runs ahead, in bounded memory.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::time::Duration;

use super::Closure;
use crate::error::{Error, Result};

/// Batches of samples made on another thread: each is at most `rows`
/// frequency vectors, row after row. The thread runs ahead by at most two
/// batches, and stops once this is dropped.
///
/// ```
/// use std::time::Duration;
/// use ferrox::{closure::{Closure, ClosureInput, Next}, Decimal};
/// let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("1.2")?, 50, 0, 7)
///     .with_errors(Decimal::parse("0.05")?, Decimal::parse("0.005")?);
/// let batches = Closure::new(&input)?.batches(5000);
/// let mut rows = Vec::new();
/// while let Next::Batch(batch) = batches.next_within(Duration::from_secs(60)) {
///     rows.push(batch.len() / batches.width());
/// }
/// assert_eq!(rows, [5000, 2980]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub struct Batches {
    receiver: Receiver<Vec<u32>>,
    width: usize,
    /// Set when this is dropped, so that the enumeration stops at once
    /// instead of filling a batch nobody will take.
    stop: Arc<AtomicBool>,
}

impl Drop for Batches {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

impl Batches {
    /// Values per frequency vector (the scale's values).
    pub fn width(&self) -> usize {
        self.width
    }

    /// The next batch, if it comes within `wait`.
    pub fn next_within(&self, wait: Duration) -> Next {
        match self.receiver.recv_timeout(wait) {
            Ok(batch) => Next::Batch(batch),
            Err(RecvTimeoutError::Disconnected) => Next::Done,
            Err(RecvTimeoutError::Timeout) => Next::Waiting,
        }
    }
}

/// What [`Batches::next_within`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// A batch: frequency vectors, row after row.
    Batch(Vec<u32>),
    /// Every sample has been sent.
    Done,
    /// Nothing yet: check for interrupts, then ask again.
    Waiting,
}

impl Closure {
    /// Every sample, in order, as [`Batches`] of at most `rows` frequency
    /// vectors (at least one). A batch holds what exists, not what was asked
    /// for: the buffer grows as samples come.
    pub fn batches(&self, rows: usize) -> Batches {
        let (sender, receiver) = sync_channel::<Vec<u32>>(2);
        let stop = Arc::new(AtomicBool::new(false));
        let closure = self.clone().stop_when(stop.clone());
        let width = closure.scale_values().len();
        let full = rows.max(1).saturating_mul(width);
        std::thread::spawn(move || {
            let mut buffer = Vec::new();
            let flow = closure.for_each(|row| {
                buffer.extend_from_slice(row);
                if buffer.len() >= full && sender.send(std::mem::take(&mut buffer)).is_err() {
                    return ControlFlow::Break(());
                }
                ControlFlow::Continue(())
            });
            if flow.is_continue() && !buffer.is_empty() {
                let _ = sender.send(buffer);
            }
        });
        Batches {
            receiver,
            width,
            stop,
        }
    }

    /// [`Closure::write_csv`] to a new file at `path`.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal, error::ErrorKind};
    /// let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("0.5")?, 12, 1, 5);
    /// let e = Closure::new(&input)?.write_csv_file("no/such/folder/samples.csv").unwrap_err();
    /// assert_eq!(e.kind(), ErrorKind::Io);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn write_csv_file(&self, path: impl AsRef<Path>) -> Result<u64> {
        let path = path.as_ref();
        let file = std::fs::File::create(path)
            .map_err(|e| Error::Io(format!("cannot create {}: {e}", path.display())))?;
        self.write_csv(std::io::BufWriter::new(file))
    }
}
