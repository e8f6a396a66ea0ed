//! The numeric kernels: `matrix_power` on NumPy arrays of four dtypes, and
//! cubic roots for scalars (compiled, so a call costs no more than a peer's)
//! or broadcast arrays (on all cores, without the GIL).

use std::sync::atomic::AtomicBool;

use ferrox::kernels::cubic::{self, Roots};
use ferrox::kernels::matrix_power::{self as power_kernel, Element, PowerOptions};
use numpy::{IntoPyArray, PyArray1, PyArray2, PyReadonlyArray1, PyReadonlyArrayDyn};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyTuple};

use crate::{InvalidInputError, interruptible, to_py};

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
    // Releasing and retaking the GIL costs more than a few small products;
    // larger work runs on another thread, and Ctrl-C stops it.
    let result = if view.len() <= SMALL_WORK {
        power_kernel::matrix_power(view, n, opts).map_err(to_py)?
    } else {
        let stop = AtomicBool::new(false);
        interruptible(py, &stop, || {
            power_kernel::matrix_power_until(view, n, opts, &stop)
        })?
    };
    Ok(result.into_pyarray(py).into_any())
}

/// Inputs up to this many elements (one 32 × 32 matrix) keep the GIL.
const SMALL_WORK: usize = 1024;

/// Raise square matrices to an integer power, like numpy.linalg.matrix_power.
///
/// n = 0 gives the identity, n = 1 a copy, and a negative n inverts first
/// (floats only). Stacked input of shape (..., M, M) is raised matrix by
/// matrix; any memory layout is read in place.
///
/// Args:
///     a: A NumPy array of float64, float32, int64 or int32, shape
///         (..., M, M). Other array-likes go through numpy.asarray; other
///         dtypes are refused.
///     n: The exponent.
///     overflow: For integers: "raise" (the default) makes overflow a
///         ferrox.TooLargeError, so the result is exact or an error; "wrap"
///         wraps around silently, as NumPy does.
///     nan: "propagate" (NumPy's behaviour) or "raise" (NaN is an error).
///     parallel: Use every core (False for one thread).
///
/// Returns:
///     An array of the same shape and dtype.
///
/// Raises:
///     ferrox.FerroxError: for non-square input, a singular matrix with a
///         negative n, integer overflow, or an unsupported dtype.
///
/// >>> import numpy as np
/// >>> matrix_power(np.array([[1, 1], [1, 0]]), 10)
/// array([[89, 55],
///        [55, 34]])
/// >>> matrix_power(np.array([[2.0, 0.0], [0.0, 4.0]]), -1)
/// array([[0.5 , 0.  ],
///        [0.  , 0.25]])
#[pyfunction]
#[pyo3(signature = (a, n, overflow = "raise", nan = "propagate", parallel = true))]
fn matrix_power<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    n: &Bound<'py, PyAny>,
    overflow: &str,
    nan: &str,
    parallel: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let opts = PowerOptions::from_args(overflow, nan, parallel).map_err(to_py)?;
    let n: i64 = match n.is_instance_of::<PyBool>() {
        true => Err(()),
        false => n.extract().map_err(drop),
    }
    .map_err(|()| {
        InvalidInputError::new_err("`n` must be a whole number from -2^63 to 2^63 - 1")
    })?;
    let matrices = match a.extract::<Matrices<'py>>() {
        Ok(matrices) => Ok(matrices),
        Err(_) if !a.hasattr("dtype")? => py
            .import("numpy")?
            .call_method1("asarray", (a,))?
            .extract::<Matrices<'py>>(),
        // Another byte order: the same values in this machine's.
        Err(e) if a.getattr("dtype")?.getattr("isnative")?.is_truthy()? => Err(e),
        Err(_) => {
            let native = a.getattr("dtype")?.call_method1("newbyteorder", ("=",))?;
            a.call_method1("astype", (native,))?
                .extract::<Matrices<'py>>()
        }
    };
    match matrices {
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

/// A Python number as a double, or `None` for anything else (an array).
fn number(x: &Bound<'_, PyAny>) -> Option<f64> {
    let boolean = x.is_instance_of::<PyBool>();
    if x.is_instance_of::<PyFloat>() || x.is_instance_of::<PyInt>() && !boolean {
        x.extract().ok()
    } else {
        None
    }
}

/// Arrays go to the Python `helper` that broadcasts them.
fn broadcast<'py>(
    py: Python<'py>,
    helper: &str,
    args: impl pyo3::call::PyCallArgs<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    py.import("ferrox._kernels")?.getattr(helper)?.call1(args)
}

/// All real roots of a·y³ + b·y² + c·y + d = 0, ascending.
///
/// Robust where the usual formulas are not: near-double roots come out real
/// and accurate (to about √ε or better) instead of NaN, coefficients from
/// 1e-300 to 1e300 neither overflow nor lose roots, a zero leading
/// coefficient falls back to the quadratic or linear case, and NaN or
/// infinite input gives no roots. Missing roots are NaN, never 0.
///
/// Args:
///     a, b, c, d: Coefficients: numbers, or arrays that broadcast together.
///
/// Returns:
///     For numbers, a tuple ((r1, r2, r3), count). For arrays, a pair
///     (roots, counts): roots of shape broadcast_shape + (3,) and the counts
///     of real roots, computed on all cores without the GIL.
///
/// >>> roots, count = cubic_roots(1, 0, -7, 6)
/// >>> [round(r, 12) for r in roots], count
/// ([-3.0, 1.0, 2.0], 3)
/// >>> roots, counts = cubic_roots([1.0, 1.0], 0.0, [-7.0, 1.0], [6.0, 0.0])
/// >>> counts.tolist()
/// [3, 1]
#[pyfunction]
fn cubic_roots<'py>(
    py: Python<'py>,
    a: &Bound<'py, PyAny>,
    b: &Bound<'py, PyAny>,
    c: &Bound<'py, PyAny>,
    d: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    match (number(a), number(b), number(c), number(d)) {
        (Some(a), Some(b), Some(c), Some(d)) => {
            Ok(roots_tuple(py, cubic::cubic_roots(a, b, c, d))?.into_any())
        }
        _ => broadcast(py, "_broadcast", (a, b, c, d)),
    }
}

/// The real roots of x0·y³ + 1.5·y − y0 = 0, McFACTS's orbital cubic.
///
/// The same as cubic_roots(x0, 0, 1.5, -y0); near-circular orbits
/// (x0 = -(1 - e²)/2, y0 = 1 with tiny e), whose two roots near 1 make
/// other solvers return NaN, are solved accurately.
///
/// >>> cubic_y_root(-0.5, 1.0)
/// ((-2.0, 1.0, 1.0), 3)
#[pyfunction]
fn cubic_y_root<'py>(
    py: Python<'py>,
    x0: &Bound<'py, PyAny>,
    y0: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    match (number(x0), number(y0)) {
        (Some(x0), Some(y0)) => Ok(roots_tuple(py, cubic::cubic_y_root(x0, y0))?.into_any()),
        _ => broadcast(py, "_y_root", (x0, y0)),
    }
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
    let array = numpy::ndarray::Array2::from_shape_vec((counts.len(), 3), roots)
        .map_err(|e| InvalidInputError::new_err(e.to_string()))?;
    Ok((array.into_pyarray(py), counts.into_pyarray(py)))
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(matrix_power, m)?)?;
    m.add_function(wrap_pyfunction!(cubic_roots, m)?)?;
    m.add_function(wrap_pyfunction!(cubic_y_root, m)?)?;
    m.add_function(wrap_pyfunction!(cubic_roots_columns, m)?)?;
    Ok(())
}
