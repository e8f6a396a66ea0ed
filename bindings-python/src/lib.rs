//! Python front door: converts types, releases the GIL, maps errors. Every
//! computation happens in the `ferrox` core.

use ferrox::decimal::{Decimal, column_from_f64, parse_column};
use ferrox::grim::{GrimCase, GrimOptions};
use ferrox::{Error, Mode, Rounding};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::create_exception;
use pyo3::exceptions::{PyUserWarning, PyValueError};
use pyo3::prelude::*;

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
    "The numbers are too large to decide exactly."
);

fn to_py(error: Error) -> PyErr {
    let message = error.to_string();
    let mut root = &error;
    while let Error::InRow { source, .. } = root {
        root = source;
    }
    match root {
        Error::Unsupported(_) => UnsupportedError::new_err(message),
        Error::Overflow(_) => TooLargeError::new_err(message),
        _ => InvalidInputError::new_err(message),
    }
}

/// Reported values: strings keep their trailing zeros; numbers are read as
/// their shortest decimal, with a warning that zeros may have been lost.
#[derive(FromPyObject)]
enum Reported<'py> {
    Text(Vec<String>),
    Numbers(PyReadonlyArray1<'py, f64>),
}

impl Reported<'_> {
    fn decimals(&self, py: Python<'_>, name: &str) -> PyResult<Vec<Decimal>> {
        match self {
            Reported::Text(values) => parse_column(values).map_err(to_py),
            Reported::Numbers(values) => {
                let message = format!(
                    "`{name}` was given as numbers, so trailing zeros are lost (5.20 reads as 5.2); \
                     pass strings as reported"
                );
                PyErr::warn(
                    py,
                    &py.get_type::<PyUserWarning>(),
                    &std::ffi::CString::new(message)?,
                    2,
                )?;
                column_from_f64(&column(values)).map_err(to_py)
            }
        }
    }
}

fn column(values: &PyReadonlyArray1<'_, f64>) -> Vec<f64> {
    values.as_array().to_vec()
}

/// GRIM's answer for a table: consistency and probability columns.
type GrimColumns<'py> = (Bound<'py, PyArray1<bool>>, Bound<'py, PyArray1<f64>>);

/// GRIM on columns: returns (consistency, probability) arrays.
#[pyfunction]
#[pyo3(signature = (x, n, items, percent, rounding, threshold, symmetric, compat))]
#[allow(clippy::too_many_arguments)]
fn grim_columns<'py>(
    py: Python<'py>,
    x: Reported<'py>,
    n: PyReadonlyArray1<'py, f64>,
    items: PyReadonlyArray1<'py, f64>,
    percent: bool,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: Option<&str>,
) -> PyResult<GrimColumns<'py>> {
    let opts = GrimOptions {
        percent,
        rounding: Rounding::parse(rounding, threshold, symmetric).map_err(to_py)?,
        mode: Mode::from_compat(compat).map_err(to_py)?,
    };
    let x = x.decimals(py, "x")?;
    let (n, items) = (column(&n), column(&items));
    let rows = py
        .detach(|| {
            let cases = GrimCase::from_columns(&x, &n, &items)?;
            ferrox::grim::grim_map(&cases, &opts)
        })
        .map_err(to_py)?;
    let consistency: Vec<bool> = rows.iter().map(|r| r.consistency).collect();
    let probability: Vec<f64> = rows.iter().map(|r| r.probability).collect();
    Ok((consistency.into_pyarray(py), probability.into_pyarray(py)))
}

/// The compiled core of the `ferrox` package.
#[pymodule]
fn _ferrox(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("FerroxError", py.get_type::<FerroxError>())?;
    m.add("InvalidInputError", py.get_type::<InvalidInputError>())?;
    m.add("UnsupportedError", py.get_type::<UnsupportedError>())?;
    m.add("TooLargeError", py.get_type::<TooLargeError>())?;
    m.add_function(wrap_pyfunction!(grim_columns, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
