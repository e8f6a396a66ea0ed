//! The one error type of the crate.
//!
//! ```
//! let e = ferrox::grim::GrimCase::new(ferrox::Decimal::parse("5.19")?, 0, 1).unwrap_err();
//! assert_eq!(e.to_string(), "invalid `n`: the sample size must be at least 1");
//! # Ok::<(), ferrox::Error>(())
//! ```

use thiserror::Error;

/// Everything that can go wrong with user input or with a computation.
///
/// Each variant says what was wrong and, where there is one, what to do
/// instead; front doors map it to their language's error (a `FerroxError`
/// subclass in Python, a `ferrox_error` condition in R).
///
/// ```
/// let e = ferrox::Decimal::parse("1e-3").unwrap_err();
/// assert!(e.to_string().contains("scientific notation"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Error {
    /// A reported number could not be read as a decimal.
    #[error("cannot read {} as a reported number: {reason}", quoted(input))]
    InvalidNumber {
        /// The text as given.
        input: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// An argument is outside the values it may take.
    #[error("invalid `{name}`: {reason}")]
    InvalidArgument {
        /// The argument's name, as the front doors spell it.
        name: &'static str,
        /// What is wrong and what is allowed.
        reason: String,
    },
    /// A rounding procedure name that ferrox does not know.
    #[error(
        "unknown rounding procedure {}; use one of up_or_down, up_from_or_down_from, \
         ceiling_or_floor, even, up, down, up_from, down_from, ceiling, floor, trunc, anti_trunc",
        quoted(.0)
    )]
    UnknownRounding(String),
    /// A procedure that the chosen mode does not support.
    #[error("{0}")]
    Unsupported(String),
    /// An error in one row of a table (rows count from 1).
    #[error("row {row}: {source}")]
    InRow {
        /// The row, counting from 1.
        row: usize,
        /// What went wrong there.
        source: Box<Error>,
    },
    /// The result would not fit in the memory allowed for it (the
    /// `max_memory_mb` of CLOSURE's listing and of SPRITE alike).
    #[error(
        "{what} would take about {needed_mb} MB, over the {cap_mb} MB allowed (max_memory_mb); \
         {advice}, or raise the memory cap"
    )]
    OverMemoryCap {
        /// What would take the memory, in words.
        what: String,
        /// Memory it would need, in MB.
        needed_mb: u128,
        /// The cap, in MB.
        cap_mb: u128,
        /// What to do instead.
        advice: &'static str,
    },
    /// Counting needed more intermediate states or steps than allowed.
    #[error(
        "counting stopped after {states} intermediate states (about {mb} MB) and billions of \
         steps: this case is too large to count exactly here{}; a smaller n, a narrower scale \
         or narrower rounding errors make it feasible",
        table_size(*.table_cells)
    )]
    TooMuchWork {
        /// Intermediate states stored when counting stopped.
        states: usize,
        /// Their memory, in MB.
        mb: usize,
        /// About how many cells a counting table would need, where one
        /// applies: how far out of reach the case is.
        table_cells: Option<u128>,
    },
    /// Counting is out of reach, decided from the case's size before any
    /// work: neither the counting table nor the recursion fits.
    #[error(
        "this case is too large to count exactly{}: the recursion would need about {states:.1e} \
         intermediate states; closure_summary still gives exact ranges and extremes with \
         estimated mean occurrences, and sprite draws uniform samples by a Markov chain",
        table_size(*.table_cells)
    )]
    OutOfReach {
        /// About how many intermediate states the recursion would need.
        states: u64,
        /// About how many cells a counting table would need.
        table_cells: Option<u128>,
    },
    /// The uniform chain would need more moves than it may make before its
    /// first draws.
    #[error(
        "drawing by the Markov chain would take about {moves:.1e} moves before the first \
         samples for n = {n}, far more than can be done here; a smaller n makes it feasible"
    )]
    ChainTooLong {
        /// Moves needed before the first draws, over all chains.
        moves: u64,
        /// The number of values searched.
        n: u64,
    },
    /// The uniform chain's starting samples would take too long to find.
    #[error(
        "drawing by the Markov chain is limited to n = {max} (finding its starting samples \
         takes about half a minute there); n = {n} is over it"
    )]
    ChainTooLarge {
        /// The number of values searched.
        n: u64,
        /// The largest the chain takes.
        max: u64,
    },
    /// Reading or writing a file failed.
    #[error("cannot write the results: {0}")]
    Io(String),
    /// Memory for a result could not be had from the system.
    #[error("could not get {mb} MB of memory for {what}; ask for fewer samples or a smaller case")]
    OutOfMemory {
        /// What the memory was for.
        what: &'static str,
        /// How much was asked for, in MB.
        mb: u128,
    },
    /// A bug in ferrox: a computation failed where it never should. The
    /// message is worth reporting.
    #[error("internal error in ferrox ({0}); please report it with the call that caused it")]
    Internal(String),
    /// The caller asked a long computation to stop (Ctrl-C, Esc).
    #[error("interrupted")]
    Interrupted,
    /// Exact integer arithmetic would leave the range ferrox computes in.
    #[error(
        "the numbers are too large to decide exactly ({0}); report fewer decimals or a smaller n"
    )]
    Overflow(&'static str),
    /// An integer matrix product left its type's range.
    #[error(
        "{dtype} overflow: the exact result does not fit in {dtype}; use overflow = \"wrap\" to \
         wrap around as NumPy does, or a wider or floating-point type"
    )]
    IntegerOverflow {
        /// The element type, as NumPy names it.
        dtype: &'static str,
    },
    /// A matrix to invert is singular.
    #[error("the matrix is singular, so it has no inverse (a negative exponent needs one)")]
    Singular,
    /// A document that cannot be read: not a format ferrox reads, damaged
    /// or encrypted.
    #[error("cannot read this {format}: {reason}")]
    Unreadable {
        /// The format it was read as (`"PDF"`, `"DOCX"`, `"file"`, …).
        format: &'static str,
        /// What is wrong, and what to do where something can be done.
        reason: String,
    },
    /// A document over one of the reading limits that keep hostile files
    /// bounded.
    #[error("{what} is over the limit of {limit}; split the document or raise the limit")]
    OverLimit {
        /// What is too large, in words.
        what: String,
        /// The limit, in words.
        limit: String,
    },
}

/// The kinds of failure: each front door maps each kind, explicitly, to one
/// error class of its language (Python: `InvalidInputError`, …; R: a
/// condition of class `ferrox_error_<name>` and `ferrox_error`).
///
/// ```
/// use ferrox::error::{Error, ErrorKind};
/// assert_eq!(Error::Interrupted.kind(), ErrorKind::Interrupted);
/// assert_eq!(ErrorKind::TooLarge.name(), "too_large");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// An argument or a reported value is not valid.
    InvalidInput,
    /// The chosen mode or method does not do this.
    Unsupported,
    /// The case is too large to decide exactly, or its result is over the
    /// memory or work allowed.
    TooLarge,
    /// An integer matrix product left its type.
    IntegerOverflow,
    /// A matrix to invert is singular.
    Singular,
    /// Reading or writing a file failed.
    Io,
    /// The system refused memory.
    OutOfMemory,
    /// The caller stopped the work.
    Interrupted,
    /// A bug in ferrox.
    Internal,
}

impl ErrorKind {
    /// The kind in snake case, as R's condition classes spell it
    /// (`ferrox_error_<name>`).
    ///
    /// ```
    /// assert_eq!(ferrox::error::ErrorKind::InvalidInput.name(), "invalid_input");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::IntegerOverflow => "integer_overflow",
            ErrorKind::Singular => "singular",
            ErrorKind::Io => "io",
            ErrorKind::OutOfMemory => "out_of_memory",
            ErrorKind::Interrupted => "interrupted",
            ErrorKind::Internal => "internal",
        }
    }
}

/// Shorthand for results with [`enum@Error`].
///
/// ```
/// fn half(x: &str) -> ferrox::Result<f64> {
///     Ok(ferrox::Decimal::parse(x)?.to_f64() / 2.0)
/// }
/// assert_eq!(half("5.0")?, 2.5);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// This error, attributed to the 0-based `row` of a table.
    ///
    /// ```
    /// let e = ferrox::Error::Interrupted.in_row(0);
    /// assert_eq!(e.to_string(), "row 1: interrupted");
    /// ```
    pub fn in_row(self, row: usize) -> Self {
        Error::InRow {
            row: row + 1,
            source: Box::new(self),
        }
    }

    /// The same error attributed to another row: `to` takes its 0-based row
    /// (of a chunk, of one test's cases) to the row of the whole input. An
    /// error without a row is left as it is.
    ///
    /// ```
    /// let e = ferrox::Error::Interrupted.in_row(2).map_row(|row| row + 100);
    /// assert_eq!(e.to_string(), "row 103: interrupted");
    /// ```
    pub fn map_row(self, to: impl FnOnce(usize) -> usize) -> Self {
        match self {
            Error::InRow { row, source } => source.in_row(to(row - 1)),
            other => other,
        }
    }

    /// An invalid argument `name`, with what is wrong and what is allowed.
    ///
    /// ```
    /// let e = ferrox::Error::invalid("seed", "it must be a whole number");
    /// assert_eq!(e.to_string(), "invalid `seed`: it must be a whole number");
    /// ```
    pub fn invalid(name: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidArgument {
            name,
            reason: reason.into(),
        }
    }

    /// What kind of failure this is; a row's error is of its cause's kind.
    ///
    /// ```
    /// use ferrox::error::{Error, ErrorKind};
    /// let e = Error::Overflow("n").in_row(3);
    /// assert_eq!(e.kind(), ErrorKind::TooLarge);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidNumber { .. }
            | Error::InvalidArgument { .. }
            | Error::UnknownRounding(_)
            | Error::Unreadable { .. } => ErrorKind::InvalidInput,
            Error::Unsupported(_) => ErrorKind::Unsupported,
            Error::InRow { source, .. } => source.kind(),
            Error::OverMemoryCap { .. }
            | Error::TooMuchWork { .. }
            | Error::OutOfReach { .. }
            | Error::ChainTooLong { .. }
            | Error::ChainTooLarge { .. }
            | Error::Overflow(_)
            | Error::OverLimit { .. } => ErrorKind::TooLarge,
            Error::IntegerOverflow { .. } => ErrorKind::IntegerOverflow,
            Error::Singular => ErrorKind::Singular,
            Error::Io(_) => ErrorKind::Io,
            Error::OutOfMemory { .. } => ErrorKind::OutOfMemory,
            Error::Interrupted => ErrorKind::Interrupted,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }
}

/// Input quoted for a message, cut to its first and last characters when
/// long: a 10-million-character field must not become the message.
///
/// ```
/// let e = ferrox::Decimal::parse(&"1".repeat(10_000_000).replace("11", "1x")).unwrap_err();
/// assert!(e.to_string().len() < 300);
/// ```
pub(crate) fn quoted(input: &str) -> String {
    const KEEP: usize = 40;
    let chars = input.chars().count();
    if chars <= 2 * KEEP {
        return format!("{input:?}");
    }
    let head: String = input.chars().take(KEEP).collect();
    let tail: String = input.chars().skip(chars - KEEP).collect();
    format!("{head:?} … {tail:?} ({chars} characters)")
}

/// `table_cells` in words, for [`Error::TooMuchWork`].
fn table_size(cells: Option<u128>) -> String {
    let Some(cells) = cells else {
        return String::new();
    };
    let (cells, bytes) = (cells as f64, cells as f64 * 4.0);
    let (amount, unit) = [(1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB")]
        .into_iter()
        .find(|&(size, _)| bytes >= size)
        .map_or((bytes / 1e6, "MB"), |(size, unit)| (bytes / size, unit));
    format!(" (a counting table would need about {cells:.1e} cells, {amount:.0} {unit})")
}
