//! Python front door: converts types, releases the GIL, maps errors. Every
//! computation happens in the `ferrox` core.

use ferrox::Error;
use ferrox::closure::{Batches, Closure, ClosureInput, Next, Restrictions, Samples};
use ferrox::decimal::{Decimal, column_from_f64, parse_column};
use ferrox::error::ErrorKind;
use ferrox::input::{ClosureArgs, SpriteArgs};
use ferrox::sprite::{SpriteOptions, sprite};
use numpy::{IntoPyArray, PyArray1, PyArray2, PyReadonlyArray1, PyReadonlyArray2};
use pyo3::create_exception;
use pyo3::exceptions::{
    PyKeyboardInterrupt, PyMemoryError, PyOSError, PyUserWarning, PyValueError,
};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyString};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

mod carlisle;
mod consistency;
mod kernels;
mod rounding;
mod scan;
mod seq;
#[cfg(feature = "serve")]
mod serve;
mod stats;

create_exception!(
    ferrox,
    FerroxError,
    PyValueError,
    "Base class of every ferrox error."
);
create_exception!(
    ferrox,
    InvalidInputError,
    FerroxError,
    "An argument or a reported value is not valid."
);
create_exception!(
    ferrox,
    UnsupportedError,
    FerroxError,
    "The chosen mode does not support this."
);
create_exception!(
    ferrox,
    TooLargeError,
    FerroxError,
    "The case is too large to decide exactly, or over the memory or work allowed."
);
create_exception!(
    ferrox,
    IntegerOverflowError,
    TooLargeError,
    "An integer matrix product left its type's range."
);
create_exception!(
    ferrox,
    SingularMatrixError,
    FerroxError,
    "A matrix to invert is singular."
);
create_exception!(
    ferrox,
    InternalError,
    FerroxError,
    "A bug in ferrox: please report it with the call that caused it."
);
create_exception!(
    ferrox,
    FerroxIOError,
    PyOSError,
    "Reading or writing a file failed."
);
create_exception!(
    ferrox,
    FerroxMemoryError,
    PyMemoryError,
    "The system refused the memory a result needs."
);

/// Each kind of error to its Python class.
fn to_py(error: Error) -> PyErr {
    let message = error.to_string();
    match error.kind() {
        ErrorKind::InvalidInput => InvalidInputError::new_err(message),
        ErrorKind::Unsupported => UnsupportedError::new_err(message),
        ErrorKind::TooLarge => TooLargeError::new_err(message),
        ErrorKind::IntegerOverflow => IntegerOverflowError::new_err(message),
        ErrorKind::Singular => SingularMatrixError::new_err(message),
        ErrorKind::Io => FerroxIOError::new_err(message),
        ErrorKind::OutOfMemory => FerroxMemoryError::new_err(message),
        ErrorKind::Interrupted => PyKeyboardInterrupt::new_err(message),
        ErrorKind::Internal => InternalError::new_err(message),
    }
}

/// Reported values: strings keep their trailing zeros; numbers are read as
/// their shortest decimal, with a warning that zeros may have been lost.
#[derive(FromPyObject)]
enum Reported<'py> {
    Numbers(PyReadonlyArray1<'py, f64>),
    /// Any sequence: strings are read in place, anything else through
    /// `str()` (so `None` reads as "None" and is refused with its row).
    Values(Bound<'py, PyAny>),
}

impl Reported<'_> {
    /// The values, taken from Python (texts borrowed in place); reading
    /// them as decimals waits for [`Column::decimals`], off the GIL.
    fn column(&self, py: Python<'_>, name: &str) -> PyResult<Column> {
        if matches!(self, Reported::Numbers(_)) {
            warn_numbers(py, &format!("`{name}` was"))?;
        }
        self.values()
    }

    /// The values as [`Reported::column`] takes them, without its warning:
    /// for functions where a number is as good as its text.
    fn values(&self) -> PyResult<Column> {
        match self {
            Reported::Values(values) => values
                .try_iter()?
                .map(|item| {
                    let item = item?;
                    match item.cast_into::<PyString>() {
                        Ok(text) => PyBackedStr::try_from(text),
                        Err(other) => PyBackedStr::try_from(other.into_inner().str()?),
                    }
                })
                .collect::<PyResult<Vec<_>>>()
                .map(Column::Texts),
            Reported::Numbers(values) => Ok(Column::Numbers(column(values))),
        }
    }

    fn decimals(&self, py: Python<'_>, name: &str) -> PyResult<Vec<Decimal>> {
        let never = AtomicBool::new(false);
        self.column(py, name)?.decimals(&never).map_err(to_py)
    }
}

/// A column of reported values out of Python, ready to be read without the
/// GIL.
enum Column {
    Texts(Vec<PyBackedStr>),
    Numbers(Vec<f64>),
}

impl Column {
    fn len(&self) -> usize {
        match self {
            Column::Texts(texts) => texts.len(),
            Column::Numbers(numbers) => numbers.len(),
        }
    }

    /// The values as text: numbers as their shortest decimals, NaN as `NA`.
    fn texts(&self) -> ferrox::Result<Vec<String>> {
        match self {
            Column::Texts(texts) => Ok(texts.iter().map(|t| t.to_string()).collect()),
            Column::Numbers(numbers) => numbers
                .iter()
                .map(|&v| match v.is_nan() {
                    true => Ok("NA".to_owned()),
                    false => Decimal::from_f64(v).map(|d| d.to_string()),
                })
                .collect(),
        }
    }

    /// The values as decimals, chunk by chunk until `stop` is set.
    fn decimals(&self, stop: &AtomicBool) -> ferrox::Result<Vec<Decimal>> {
        match self {
            Column::Texts(texts) => ferrox::run::chunked(texts, stop, parse_column),
            Column::Numbers(numbers) => ferrox::run::chunked(numbers, stop, column_from_f64),
        }
    }
}

fn column(values: &PyReadonlyArray1<'_, f64>) -> Vec<f64> {
    values.as_array().to_vec()
}

/// One reported number: a string as written, or a float read as its
/// shortest decimal.
#[derive(FromPyObject)]
enum Number {
    Text(String),
    Float(f64),
}

impl Number {
    fn decimal(&self) -> PyResult<Decimal> {
        match self {
            Number::Text(text) => Decimal::parse(text),
            Number::Float(x) => Decimal::from_f64(*x),
        }
        .map_err(to_py)
    }
}

fn warn_numbers(py: Python<'_>, names: &str) -> PyResult<()> {
    let message = format!(
        "{names} given as numbers, so trailing zeros are lost (5.20 reads as 5.2); pass strings as reported"
    );
    PyErr::warn(
        py,
        &py.get_type::<PyUserWarning>(),
        &std::ffi::CString::new(message)?,
        2,
    )
}

/// Runs `work` on another thread without the GIL while this thread checks
/// for Ctrl-C every 50 ms (`ferrox::run::polling`); an interrupt stops the
/// work and raises `KeyboardInterrupt`.
fn interruptible<T: Send>(
    py: Python<'_>,
    stop: &AtomicBool,
    work: impl FnOnce() -> ferrox::Result<T> + Send,
) -> PyResult<T> {
    interruptible_with(py, stop, work, |_, _| Ok(()))
}

/// [`interruptible`], calling `tick` with the time elapsed at every check.
fn interruptible_with<T: Send>(
    py: Python<'_>,
    stop: &AtomicBool,
    work: impl FnOnce() -> ferrox::Result<T> + Send,
    mut tick: impl FnMut(Python<'_>, Duration) -> PyResult<()> + Send,
) -> PyResult<T> {
    let outcome = py.detach(|| {
        ferrox::run::polling(stop, work, |elapsed| {
            Python::attach(|py| py.check_signals().and_then(|()| tick(py, elapsed)))
        })
    });
    outcome?.map_err(to_py)
}

/// [`interruptible`] work that counts what it has done in `done`: after
/// `after`, and once more at the end if it was called at all, `progress`
/// gets the count (a tqdm bar's update, or the user's callback).
fn counted<T: Send>(
    py: Python<'_>,
    stop: &AtomicBool,
    done: &AtomicU64,
    progress: Option<Bound<'_, PyAny>>,
    after: f64,
    work: impl FnOnce() -> ferrox::Result<T> + Send,
) -> PyResult<T> {
    let after = Duration::from_secs_f64(after.max(0.0));
    let shown = AtomicBool::new(after.is_zero());
    let progress = progress.map(Bound::unbind);
    let report = |py: Python<'_>, elapsed: Duration| match &progress {
        Some(callback) if elapsed >= after => {
            shown.store(true, Ordering::Relaxed);
            callback
                .call1(py, (done.load(Ordering::Relaxed),))
                .map(drop)
        }
        _ => Ok(()),
    };
    let result = interruptible_with(py, stop, work, report)?;
    if let (Some(callback), true) = (&progress, shown.load(Ordering::Relaxed)) {
        callback.call1(py, (done.load(Ordering::Relaxed),))?;
    }
    Ok(result)
}

/// A CLOSURE problem, validated; long runs release the GIL and stop on
/// Ctrl-C.
#[pyclass(module = "ferrox._ferrox", frozen)]
struct ClosureProblem {
    input: ClosureInput,
    closure: Closure,
    stop: Arc<AtomicBool>,
}

#[pymethods]
impl ClosureProblem {
    #[new]
    #[pyo3(signature = (mean, sd, n, scale_min, scale_max, items, rounding, threshold, error_mean, error_sd, population))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        mean: Number,
        sd: Number,
        n: f64,
        scale_min: f64,
        scale_max: f64,
        items: f64,
        rounding: &str,
        threshold: f64,
        error_mean: Option<Number>,
        error_sd: Option<Number>,
        population: bool,
    ) -> PyResult<Self> {
        let explicit = error_mean.is_some() && error_sd.is_some();
        if !explicit && (matches!(mean, Number::Float(_)) || matches!(sd, Number::Float(_))) {
            warn_numbers(py, "`mean` or `sd` was")?;
        }
        let decimal = |x: Option<Number>| x.map(|x| x.decimal()).transpose();
        let input = ClosureArgs {
            items,
            rounding,
            threshold,
            error_mean: decimal(error_mean)?,
            error_sd: decimal(error_sd)?,
            population,
            ..ClosureArgs::new(mean.decimal()?, sd.decimal()?, n, scale_min, scale_max)
        }
        .input()
        .map_err(to_py)?;
        let stop = Arc::new(AtomicBool::new(false));
        let closure = Closure::new(&input).map_err(to_py)?.stop_when(stop.clone());
        Ok(ClosureProblem {
            input,
            closure,
            stop,
        })
    }

    fn count(&self, py: Python<'_>) -> PyResult<u128> {
        interruptible(py, &self.stop, || self.closure.count())
    }

    fn exists(&self, py: Python<'_>) -> PyResult<bool> {
        interruptible(py, &self.stop, || self.closure.exists())
    }

    /// Every sample, in batches of at most `batch` frequency vectors, made
    /// on another thread as they are consumed.
    fn batches(&self, batch_size: f64) -> PyResult<SampleBatches> {
        let rows = ferrox::input::count(batch_size, "batch_size").map_err(to_py)?;
        let rows = usize::try_from(rows).unwrap_or(usize::MAX);
        Ok(SampleBatches {
            batches: std::sync::Mutex::new(self.closure.batches(rows)),
        })
    }

    /// Every sample written to a CSV file at `path`; the number written.
    fn write(&self, py: Python<'_>, path: std::path::PathBuf) -> PyResult<u64> {
        interruptible(py, &self.stop, || self.closure.write_csv_file(&path))
    }

    fn values<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        self.closure.scale_values().into_pyarray(py)
    }

    /// Per-value counts and horns extremes without listing, as a dict.
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let summary = interruptible(py, &self.stop, || self.closure.summary())?;
        let out = PyDict::new(py);
        out.set_item("count", summary.count)?;
        out.set_item(
            "count_estimate",
            summary
                .count_estimate
                .map(|e| (e.log10, e.relative_error, e.trials, e.to_string())),
        )?;
        let values = &summary.values;
        out.set_item("value", per_value(values, |v| v.value).into_pyarray(py))?;
        out.set_item(
            "min",
            per_value(values, |v| f64::from(v.min)).into_pyarray(py),
        )?;
        out.set_item(
            "max",
            per_value(values, |v| f64::from(v.max)).into_pyarray(py),
        )?;
        out.set_item("mean", per_value(values, |v| v.mean).into_pyarray(py))?;
        out.set_item(
            "mean_error",
            per_value(values, |v| v.mean_error).into_pyarray(py),
        )?;
        out.set_item(
            "distribution",
            per_value(values, |v| v.distribution.clone()),
        )?;
        out.set_item("horns_min", summary.horns_min)?;
        out.set_item("horns_max", summary.horns_max)?;
        Ok(out)
    }

    /// The listed samples and what is computed from them, as a dict of arrays.
    #[pyo3(signature = (stop_after, max_memory_mb, progress=None, progress_after=1.0))]
    fn samples<'py>(
        &self,
        py: Python<'py>,
        stop_after: Option<f64>,
        max_memory_mb: f64,
        progress: Option<Bound<'py, PyAny>>,
        progress_after: f64,
    ) -> PyResult<Bound<'py, PyDict>> {
        let max_bytes = ferrox::memory::cap_from_mb(max_memory_mb).map_err(to_py)?;
        let stop_after = ferrox::input::limit(stop_after, "stop_after").map_err(to_py)?;
        let listed = Arc::new(AtomicU64::new(0));
        let closure = self.closure.clone().count_listed_in(listed.clone());
        let samples = counted(py, &self.stop, &listed, progress, progress_after, || {
            closure.samples(stop_after, max_bytes)
        })?;
        samples_dict(py, samples)
    }

    /// SPRITE draws from this problem under restrictions (value, count
    /// pairs; `range`: both scale ends at least once), as the samples' dict
    /// with how drawing went.
    #[pyo3(signature = (exact, minimum, range, n_samples, seed, method, replace, max_iterations, max_misses, max_memory_mb, progress=None, progress_after=1.0))]
    #[allow(clippy::too_many_arguments)]
    fn sprite<'py>(
        &self,
        py: Python<'py>,
        exact: Vec<(f64, f64)>,
        minimum: Vec<(f64, f64)>,
        range: bool,
        n_samples: f64,
        seed: f64,
        method: &str,
        replace: bool,
        max_iterations: f64,
        max_misses: f64,
        max_memory_mb: f64,
        progress: Option<Bound<'py, PyAny>>,
        progress_after: f64,
    ) -> PyResult<Bound<'py, PyDict>> {
        let (lo, hi) = (self.input.scale_min, self.input.scale_max);
        let restrictions =
            Restrictions::from_args(&exact, &minimum, range, lo, hi).map_err(to_py)?;
        let args = SpriteArgs {
            n_samples,
            seed,
            method,
            replace,
            max_iterations,
            max_misses,
            max_memory_mb,
        };
        let kept = Arc::new(AtomicU64::new(0));
        let options = SpriteOptions {
            stop: Some(self.stop.clone()),
            drawn: Some(kept.clone()),
            ..args.options().map_err(to_py)?
        };
        let drawn = counted(py, &self.stop, &kept, progress, progress_after, || {
            sprite(&self.input, &restrictions, &options)
        })?;
        let out = samples_dict(py, drawn.samples)?;
        out.set_item("possible", drawn.possible)?;
        out.set_item("method", drawn.method.name())?;
        out.set_item("attempts", drawn.attempts)?;
        out.set_item("failures", drawn.failures)?;
        out.set_item("duplicates", drawn.duplicates)?;
        Ok(out)
    }
}

/// Samples and what is computed from them, as a dict of arrays.
fn samples_dict(py: Python<'_>, samples: Samples) -> PyResult<Bound<'_, PyDict>> {
    let k = samples.values().len();
    let summary = samples.summary();
    let out = PyDict::new(py);
    out.set_item("count", samples.count())?;
    out.set_item("values", samples.values().to_vec().into_pyarray(py))?;
    out.set_item("horns", samples.horns().into_pyarray(py))?;
    out.set_item("min", per_value(&summary, |s| s.min).into_pyarray(py))?;
    out.set_item("max", per_value(&summary, |s| s.max).into_pyarray(py))?;
    out.set_item("mean", per_value(&summary, |s| s.mean).into_pyarray(py))?;
    out.set_item("frequencies", rows(py, samples.into_frequencies(), k)?)?;
    Ok(out)
}

/// One field of every scale value's summary.
fn per_value<S, T>(summary: &[S], field: impl Fn(&S) -> T) -> Vec<T> {
    summary.iter().map(field).collect()
}

/// An iterator over batches of samples (2-D arrays of frequency vectors).
#[pyclass(module = "ferrox._ferrox")]
struct SampleBatches {
    batches: std::sync::Mutex<Batches>,
}

#[pymethods]
impl SampleBatches {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyArray2<u32>>>> {
        let mut guard = self
            .batches
            .lock()
            .map_err(|_| InternalError::new_err("the sample stream failed"))?;
        let width = guard.width();
        // Wait without the GIL, checking for Ctrl-C as other long calls do.
        loop {
            let batches = &mut *guard;
            match py.detach(move || batches.next_within(ferrox::run::POLL_EVERY)) {
                Next::Batch(batch) => return rows(py, batch, width).map(Some),
                Next::Waiting => py.check_signals()?,
                Next::Done => return Ok(None),
            }
        }
    }
}

/// Each sample as its `n` sorted values, from its frequency vector.
#[pyfunction]
fn sorted_samples<'py>(
    py: Python<'py>,
    values: PyReadonlyArray1<'py, f64>,
    frequencies: PyReadonlyArray2<'py, u32>,
    n: u64,
) -> PyResult<Bound<'py, PyArray2<f64>>> {
    let flat: Vec<u32> = frequencies.as_array().iter().copied().collect();
    let samples = Samples::from_parts(column(&values), flat, n).map_err(to_py)?;
    rows(py, py.detach(|| samples.sorted_values()), n as usize)
}

/// A flat row-major vector as a 2-D array with `width` columns, moved into
/// NumPy without a copy.
fn rows<T: numpy::Element>(
    py: Python<'_>,
    flat: Vec<T>,
    width: usize,
) -> PyResult<Bound<'_, PyArray2<T>>> {
    let height = flat.len() / width.max(1);
    let array = numpy::ndarray::Array2::from_shape_vec((height, width), flat)
        .map_err(|e| InvalidInputError::new_err(e.to_string()))?;
    Ok(array.into_pyarray(py))
}

/// The compiled core of the `ferrox` package.
#[pymodule]
fn _ferrox(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("FerroxError", py.get_type::<FerroxError>())?;
    m.add("InvalidInputError", py.get_type::<InvalidInputError>())?;
    m.add("UnsupportedError", py.get_type::<UnsupportedError>())?;
    m.add("TooLargeError", py.get_type::<TooLargeError>())?;
    m.add(
        "IntegerOverflowError",
        py.get_type::<IntegerOverflowError>(),
    )?;
    m.add("SingularMatrixError", py.get_type::<SingularMatrixError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add("FerroxIOError", py.get_type::<FerroxIOError>())?;
    m.add("FerroxMemoryError", py.get_type::<FerroxMemoryError>())?;
    carlisle::register(m)?;
    consistency::register(m)?;
    kernels::register(m)?;
    rounding::register(m)?;
    scan::register(m)?;
    seq::register(m)?;
    #[cfg(feature = "serve")]
    serve::register(m)?;
    stats::register(m)?;
    m.add_class::<ClosureProblem>()?;
    m.add_class::<SampleBatches>()?;
    m.add_function(wrap_pyfunction!(sorted_samples, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
