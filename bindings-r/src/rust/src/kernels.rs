//! The numeric kernels for R: `matrix_power` on double or integer arrays,
//! cubic roots over numeric vectors.
//!
//! R stores arrays column-major, so an R array with dims `(d1, …, dn)` is,
//! read in order, a row-major array with dims `(dn, …, d1)` whose matrices
//! are transposed; since `(Aᵀ)ⁿ = (Aⁿ)ᵀ`, powering that and handing the
//! values back in the same order is exactly R's `Aⁿ`.

use std::sync::atomic::AtomicBool;

use extendr_api::prelude::*;
use ferrox::kernels::cubic::cubic_roots_columns;
use ferrox::kernels::matrix_power::{Element, PowerOptions, matrix_power_until};
use ferrox::{Error, Result};
use ndarray::{ArrayViewD, IxDyn};

use crate::{interruptible, respond};

/// The power on a worker thread while R's thread checks for Esc.
fn power<T: Element>(values: &[T], dims: &[usize], n: i64, opts: &PowerOptions) -> Result<Vec<T>> {
    let view = ArrayViewD::from_shape(IxDyn(dims), values)
        .map_err(|e| Error::invalid("a", e.to_string()))?;
    let stop = AtomicBool::new(false);
    let power = interruptible(&stop, || matrix_power_until(view, n, opts, &stop))?;
    Ok(power.into_iter().collect())
}

/// `matrix_power` of a double or integer array with R dims `dims`; a list
/// with `value` (the same type) or `error`.
/// @noRd
#[extendr]
fn matrix_power_array(
    a: Robj,
    dims: &[i32],
    n: f64,
    overflow: &str,
    nan: &str,
    parallel: bool,
) -> List {
    respond((|| {
        let opts = PowerOptions::from_args(overflow, nan, parallel)?;
        let n = ferrox::input::whole(n, "n")?;
        let dims: Vec<usize> = dims.iter().rev().map(|&d| d.max(0) as usize).collect();
        if let Some(values) = a.as_real_slice() {
            Ok(list!(value = power(values, &dims, n, &opts)?))
        } else if let Some(values) = a.as_integer_slice() {
            if values.contains(&i32::MIN) {
                return Err(Error::InvalidArgument {
                    name: "a",
                    reason: "it contains NA".into(),
                });
            }
            let value = power(values, &dims, n, &opts)?;
            // R's integers have no -2^31: that bit pattern is NA_integer_.
            if value.contains(&i32::MIN) {
                return Err(Error::Unsupported(
                    "the wrapped result holds -2147483648 (-2^31), which R's integers cannot \
                     hold (it is NA_integer_); use a double matrix"
                        .into(),
                ));
            }
            Ok(list!(value = value))
        } else {
            Err(Error::InvalidArgument {
                name: "a",
                reason: "it must be a double or integer matrix".into(),
            })
        }
    })())
}

/// Cubic roots over recycled numeric vectors; a list with the roots (three
/// per equation, in order) and the counts.
/// @noRd
#[extendr]
fn cubic_roots_vectors(a: &[f64], b: &[f64], c: &[f64], d: &[f64]) -> List {
    respond((|| {
        let (roots, counts) = cubic_roots_columns(a, b, c, d)?;
        let counts: Vec<i32> = counts.into_iter().map(i32::from).collect();
        Ok(list!(roots = roots, count = counts))
    })())
}

extendr_module! {
    mod kernels;
    fn matrix_power_array;
    fn cubic_roots_vectors;
}
