//! Rounding on columns: `reround`, `unround`, the `round_*` procedures,
//! `restore_zeros`, `reround_to_fraction` and `rounding_bias`.

use extendr_api::prelude::*;
use ferrox::rounding::columns;

use crate::consistency::settings;
use crate::{respond, texts};

/// Each value rounded; a list of `values` (two per value for a pair).
/// @noRd
#[extendr]
fn reround_values(
    x: Robj,
    digits: &[f64],
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: &str,
) -> List {
    respond((|| {
        let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
        let values = columns::reround_column(&texts(&x)?, digits, &rounding, mode)?;
        Ok(list!(values = values))
    })())
}

/// The intervals reports were rounded from; a list of `range`, `lower`,
/// `upper`, `incl_lower`, `incl_upper` (NA where a report is missing).
/// @noRd
#[extendr]
fn unround_values(x: Robj, rounding: &str, threshold: f64, compat: &str) -> List {
    respond((|| {
        let (rounding, mode) = settings(rounding, threshold, false, compat)?;
        let rows = columns::unround_column(&texts(&x)?, &rounding, mode)?;
        let end = |f: fn(&columns::Unrounded) -> f64| -> Vec<f64> {
            rows.iter()
                .map(|r| r.as_ref().map_or(f64::NAN, f))
                .collect()
        };
        let flag = |f: fn(&columns::Unrounded) -> bool| -> Logicals {
            rows.iter()
                .map(|r| r.as_ref().map_or(Rbool::na(), |r| f(r).into()))
                .collect()
        };
        let range: Strings = rows
            .iter()
            .map(|r| r.as_ref().map_or(Rstr::na(), |r| r.range.as_str().into()))
            .collect();
        Ok(list!(
            range = range,
            lower = end(|r| r.bounds.lower),
            upper = end(|r| r.bounds.upper),
            incl_lower = flag(|r| r.bounds.incl_lower),
            incl_upper = flag(|r| r.bounds.incl_upper)
        ))
    })())
}

/// Values written with their trailing zeros; a list of `values`.
/// @noRd
#[extendr]
fn restore_zeros_values(x: Robj, width: Nullable<f64>, sep_in: &str, sep_out: &str) -> List {
    respond((|| {
        let width = width.into_option();
        let out = columns::restore_zeros(&texts(&x)?, width, sep_in, sep_out)?;
        let values: Strings = out
            .iter()
            .map(|v| v.as_deref().map_or(Rstr::na(), Rstr::from))
            .collect();
        Ok(list!(values = values))
    })())
}

/// Each value rounded to a fraction; a list of `values`.
/// @noRd
#[extendr]
#[allow(clippy::too_many_arguments)]
fn reround_to_fraction_values(
    x: Robj,
    denominator: &[f64],
    digits: f64,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: &str,
) -> List {
    respond((|| {
        let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
        let digits = digits.is_finite().then_some(digits);
        let values =
            columns::reround_to_fraction(&texts(&x)?, denominator, digits, &rounding, mode)?;
        Ok(list!(values = values))
    })())
}

/// Rounding's bias; a list of `values` and `mean`.
/// @noRd
#[extendr]
fn rounding_bias_values(
    x: Robj,
    digits: &[f64],
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: &str,
) -> List {
    respond((|| {
        let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
        let bias = columns::rounding_bias(&texts(&x)?, digits, &rounding, mode)?;
        Ok(list!(values = bias.values, mean = bias.mean))
    })())
}

extendr_module! {
    mod rounding;
    fn reround_values;
    fn unround_values;
    fn restore_zeros_values;
    fn reround_to_fraction_values;
    fn rounding_bias_values;
}
