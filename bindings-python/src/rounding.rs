//! Rounding on columns: `reround`, `unround`, the `round_*` procedures,
//! `restore_zeros`, `reround_to_fraction` and `rounding_bias`.

use ferrox::rounding::columns;
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::consistency::settings;
use crate::{Reported, column, to_py};

type Floats<'py> = Bound<'py, PyArray1<f64>>;
/// `unround`'s columns: range, lower, upper, incl_lower, incl_upper, and
/// the reports as text.
type Unrounded<'py> = (
    Vec<Option<String>>,
    Floats<'py>,
    Floats<'py>,
    Vec<Option<bool>>,
    Vec<Option<bool>>,
    Vec<String>,
);

/// The values as text: numbers are as good as their shortest decimals here.
fn texts(x: &Reported<'_>) -> PyResult<Vec<String>> {
    x.values()?.texts().map_err(to_py)
}

#[pyfunction]
#[pyo3(signature = (x, digits, rounding, threshold, symmetric, compat))]
fn reround_column<'py>(
    py: Python<'py>,
    x: Reported<'py>,
    digits: PyReadonlyArray1<'py, f64>,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: Option<&str>,
) -> PyResult<Floats<'py>> {
    let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
    let (x, digits) = (texts(&x)?, column(&digits));
    let out = py.detach(|| columns::reround_column(&x, &digits, &rounding, mode));
    Ok(out.map_err(to_py)?.into_pyarray(py))
}

#[pyfunction]
#[pyo3(signature = (x, rounding, threshold, compat))]
fn unround_column<'py>(
    py: Python<'py>,
    x: Reported<'py>,
    rounding: &str,
    threshold: f64,
    compat: Option<&str>,
) -> PyResult<Unrounded<'py>> {
    let (rounding, mode) = settings(rounding, threshold, false, compat)?;
    let x = x.column(py, "x")?.texts().map_err(to_py)?;
    let rows = py
        .detach(|| columns::unround_column(&x, &rounding, mode))
        .map_err(to_py)?;
    let end = |f: fn(&columns::Unrounded) -> f64| -> Vec<f64> {
        rows.iter()
            .map(|r| r.as_ref().map_or(f64::NAN, f))
            .collect()
    };
    let flag =
        |f: fn(&columns::Unrounded) -> bool| rows.iter().map(|r| r.as_ref().map(f)).collect();
    Ok((
        rows.iter()
            .map(|r| r.as_ref().map(|r| r.range.clone()))
            .collect(),
        end(|r| r.bounds.lower).into_pyarray(py),
        end(|r| r.bounds.upper).into_pyarray(py),
        flag(|r| r.bounds.incl_lower),
        flag(|r| r.bounds.incl_upper),
        x,
    ))
}

#[pyfunction]
#[pyo3(signature = (x, width, sep_in, sep_out))]
fn restore_zeros_column(
    x: Reported<'_>,
    width: Option<f64>,
    sep_in: &str,
    sep_out: &str,
) -> PyResult<Vec<Option<String>>> {
    columns::restore_zeros(&texts(&x)?, width, sep_in, sep_out).map_err(to_py)
}

#[pyfunction]
#[pyo3(signature = (x, denominator, digits, rounding, threshold, symmetric, compat))]
#[allow(clippy::too_many_arguments)]
fn reround_to_fraction_column<'py>(
    py: Python<'py>,
    x: Reported<'py>,
    denominator: PyReadonlyArray1<'py, f64>,
    digits: Option<f64>,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: Option<&str>,
) -> PyResult<Floats<'py>> {
    let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
    let (x, den) = (texts(&x)?, column(&denominator));
    let out = py.detach(|| columns::reround_to_fraction(&x, &den, digits, &rounding, mode));
    Ok(out.map_err(to_py)?.into_pyarray(py))
}

#[pyfunction]
#[pyo3(signature = (x, digits, rounding, threshold, symmetric, compat))]
fn rounding_bias_column<'py>(
    py: Python<'py>,
    x: Reported<'py>,
    digits: PyReadonlyArray1<'py, f64>,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: Option<&str>,
) -> PyResult<(Floats<'py>, f64)> {
    let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
    let (x, digits) = (texts(&x)?, column(&digits));
    let bias = py
        .detach(|| columns::rounding_bias(&x, &digits, &rounding, mode))
        .map_err(to_py)?;
    Ok((bias.values.into_pyarray(py), bias.mean))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(reround_column, m)?)?;
    m.add_function(wrap_pyfunction!(unround_column, m)?)?;
    m.add_function(wrap_pyfunction!(restore_zeros_column, m)?)?;
    m.add_function(wrap_pyfunction!(reround_to_fraction_column, m)?)?;
    m.add_function(wrap_pyfunction!(rounding_bias_column, m)?)?;
    Ok(())
}
