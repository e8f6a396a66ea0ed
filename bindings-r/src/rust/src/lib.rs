//! R front door: converts types and maps errors. Every computation happens
//! in the `ferrox` core; the R functions users call live in `R/`.

use extendr_api::prelude::*;
use ferrox::decimal::{Decimal, column_from_f64, parse_column};
use ferrox::grim::{GrimCase, GrimOptions};
use ferrox::{Error, Mode, Result, Rounding};

/// Every function hands R a list: its values, or `error` with the message.
/// Returning (not raising) keeps extendr from printing a panic for what is
/// only bad input; the R side re-signals it as a `ferrox_error`.
fn respond(result: Result<List>) -> List {
    result.unwrap_or_else(|e| list!(error = e.to_string()))
}

/// Reported values: a character vector keeps trailing zeros; a double vector
/// is read as shortest decimals (the R side has already warned).
fn reported(x: &Robj) -> Result<Vec<Decimal>> {
    if let Some(text) = x.as_str_iter() {
        let values: Vec<&str> = text.map(|s| if s.is_na() { "NA" } else { s }).collect();
        parse_column(&values)
    } else if let Some(numbers) = x.as_real_slice() {
        column_from_f64(numbers)
    } else {
        Err(Error::InvalidArgument {
            name: "x",
            reason: "it must be a character or double vector".into(),
        })
    }
}

/// GRIM on columns; returns a list of `consistency` and `probability`.
/// @noRd
#[extendr]
#[allow(clippy::too_many_arguments)]
fn grim_columns(
    x: Robj,
    n: &[f64],
    items: &[f64],
    percent: bool,
    rounding_name: &str,
    threshold: f64,
    symmetric: bool,
    compat: &str,
) -> List {
    respond((|| {
        let opts = GrimOptions {
            percent,
            rounding: Rounding::parse(rounding_name, threshold, symmetric)?,
            mode: Mode::from_compat(Some(compat))?,
        };
        let cases = GrimCase::from_columns(&reported(&x)?, n, items)?;
        let rows = ferrox::grim::grim_map(&cases, &opts)?;
        let consistency: Vec<bool> = rows.iter().map(|r| r.consistency).collect();
        let probability: Vec<f64> = rows.iter().map(|r| r.probability).collect();
        Ok(list!(consistency = consistency, probability = probability))
    })())
}

extendr_module! {
    mod ferrox;
    fn grim_columns;
}
