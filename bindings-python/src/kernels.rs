//! The numeric kernels: `matrix_power` on NumPy arrays of four dtypes, and
//! cubic roots for scalars (compiled, so a call costs no more than a peer's)
//! or broadcast arrays (on all cores, without the GIL).

use ferrox::kernels::cubic::{self, Roots};
use ferrox::kernels::matrix_power::{Element, NanPolicy, Overflow, PowerOptions, matrix_power};
use numpy::{IntoPyArray, PyArray1, PyArray2, PyReadonlyArray1, PyReadonlyArrayDyn};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::{InvalidInputError, to_py};

/// The arrays `matrix_power` takes, without conversion.
#[derive(FromPyObject)]
enum Matrices<'py> {
    F64(PyReadonlyArrayDyn<'py, f64>),
    F32(PyReadonlyArrayDyn<'py, f32>),
    I64(PyReadonlyArrayDyn<'py, i64>),
    I32(PyReadonlyArrayDyn<'py, i32>),
}

fn power<'py, T: Element + numpy::Element>(
    py: Python<'py>,
    a: &PyReadonlyArrayDyn<'py, T>,
    n: i64,
    opts: &PowerOptions,
) -> PyResult<Bound<'py, PyAny>> {
    let view = a.as_array();
    let result = py.detach(|| matrix_power(view, n, opts)).map_err(to_py)?;
    Ok(result.into_pyarray(py).into_any())
}

/// `matrix_power(a, n, overflow, nan, parallel)` on a float64, float32,
/// int64 or int32 array of shape (..., M, M); the result has its dtype.
#[pyfunction]
#[pyo3(signature = (a, n, overflow, nan, parallel))]
fn matrix_power_array<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    n: i64,
    overflow: &str,
    nan: &str,
    parallel: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let opts = PowerOptions {
        overflow: match overflow {
            "raise" => Overflow::Raise,
            "wrap" => Overflow::Wrap,
            other => {
                return Err(InvalidInputError::new_err(format!(
                    "invalid `overflow`: {other:?}; use \"raise\" or \"wrap\""
                )));
            }
        },
        nan: match nan {
            "propagate" => NanPolicy::Propagate,
            "raise" => NanPolicy::Raise,
            other => {
                return Err(InvalidInputError::new_err(format!(
                    "invalid `nan`: {other:?}; use \"propagate\" or \"raise\""
                )));
            }
        },
        parallel,
    };
    match a.extract::<Matrices<'py>>() {
        Ok(Matrices::F64(a)) => power(py, &a, n, &opts),
        Ok(Matrices::F32(a)) => power(py, &a, n, &opts),
        Ok(Matrices::I64(a)) => power(py, &a, n, &opts),
        Ok(Matrices::I32(a)) => power(py, &a, n, &opts),
        Err(_) => Err(InvalidInputError::new_err(
            "`a` must be a NumPy array of float64, float32, int64 or int32; convert it with .astype()",
        )),
    }
}

fn roots_tuple<'py>(py: Python<'py>, roots: Roots) -> PyResult<Bound<'py, PyTuple>> {
    (PyTuple::new(py, roots.values)?, roots.count).into_pyobject(py)
}

/// The real roots of `a·y³ + b·y² + c·y + d = 0` for scalars: a tuple of
/// the three roots (ascending, NaN for missing ones) and their count.
#[pyfunction]
fn cubic_roots_scalar(
    py: Python<'_>,
    a: f64,
    b: f64,
    c: f64,
    d: f64,
) -> PyResult<Bound<'_, PyTuple>> {
    roots_tuple(py, cubic::cubic_roots(a, b, c, d))
}

/// The real roots of `x0·y³ + 1.5·y − y0 = 0` for scalars.
#[pyfunction]
fn cubic_y_root_scalar(py: Python<'_>, x0: f64, y0: f64) -> PyResult<Bound<'_, PyTuple>> {
    roots_tuple(py, cubic::cubic_y_root(x0, y0))
}

/// Roots (N, 3) and counts (N).
type RootColumns<'py> = (Bound<'py, PyArray2<f64>>, Bound<'py, PyArray1<u8>>);

fn contiguous<'a>(x: &'a PyReadonlyArray1<'_, f64>) -> PyResult<&'a [f64]> {
    x.as_slice()
        .map_err(|e| InvalidInputError::new_err(e.to_string()))
}

/// Cubic roots over equal-length (or length-1) float64 columns: an (N, 3)
/// array of roots and the counts.
#[pyfunction]
fn cubic_roots_columns<'py>(
    py: Python<'py>,
    a: PyReadonlyArray1<'py, f64>,
    b: PyReadonlyArray1<'py, f64>,
    c: PyReadonlyArray1<'py, f64>,
    d: PyReadonlyArray1<'py, f64>,
) -> PyResult<RootColumns<'py>> {
    let (a, b, c, d) = (
        contiguous(&a)?,
        contiguous(&b)?,
        contiguous(&c)?,
        contiguous(&d)?,
    );
    let (roots, counts) = py
        .detach(|| cubic::cubic_roots_columns(a, b, c, d))
        .map_err(to_py)?;
    let n = roots.len();
    let flat: Vec<f64> = roots.into_iter().flatten().collect();
    let array = numpy::ndarray::Array2::from_shape_vec((n, 3), flat)
        .map_err(|e| InvalidInputError::new_err(e.to_string()))?;
    Ok((array.into_pyarray(py), counts.into_pyarray(py)))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(matrix_power_array, m)?)?;
    m.add_function(wrap_pyfunction!(cubic_roots_scalar, m)?)?;
    m.add_function(wrap_pyfunction!(cubic_y_root_scalar, m)?)?;
    m.add_function(wrap_pyfunction!(cubic_roots_columns, m)?)?;
    Ok(())
}
