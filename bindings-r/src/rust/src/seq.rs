//! Nearby values and two-group splits: the core of `*_map_seq`,
//! `audit_seq`, `*_map_total_n`, `audit_total_n` and `disperse_total`.

use extendr_api::prelude::*;
use ferrox::seq::{self, Dispersion};
use ferrox::{Error, Result};

use crate::{respond, texts};

/// A list of character vectors as columns of text.
fn columns(list: &List) -> Result<Vec<Vec<String>>> {
    list.values().map(|column| texts(&column)).collect()
}

/// 1-based case numbers or column indexes back to 0-based.
fn indexes(values: &[i32], name: &'static str) -> Result<Vec<usize>> {
    values
        .iter()
        .map(|&v| {
            usize::try_from(v - 1)
                .map_err(|_| Error::invalid(name, "it must hold whole numbers from 1"))
        })
        .collect()
}

fn ints(values: impl IntoIterator<Item = impl TryInto<i32>>) -> Vec<Option<i32>> {
    values.into_iter().map(|v| v.try_into().ok()).collect()
}

/// A text argument that may be `NULL` (`Nullable::into_option` needs an
/// owned type).
fn optional(value: Nullable<&str>) -> Option<&str> {
    match value {
        Nullable::NotNull(v) => Some(v),
        Nullable::Null => None,
    }
}

/// The variants of a table; a list of `columns`, `case`, `var` (both
/// 1-based) and `diff`.
/// @noRd
#[extendr]
fn disperse_values(
    data: List,
    vary: &[i32],
    steps: &[f64],
    out_min: Nullable<&str>,
    out_max: Nullable<&str>,
    include_reported: bool,
) -> List {
    respond((|| {
        let d = Dispersion::from_args(
            steps,
            optional(out_min),
            optional(out_max),
            include_reported,
        )?;
        let v = seq::disperse_columns(&columns(&data)?, &indexes(vary, "var")?, &d)?;
        Ok(list!(
            columns = List::from_values(v.columns),
            case = ints(v.case.iter().map(|c| c + 1)),
            var = ints(v.var.iter().map(|c| c + 1)),
            diff = ints(v.diff)
        ))
    })())
}

/// Values moved back by their steps; a list of `values`.
/// @noRd
#[extendr]
fn undisperse_values(values: Robj, diff: &[i32]) -> List {
    respond((|| {
        let back = texts(&values)?
            .iter()
            .zip(diff)
            .map(|(v, &d)| seq::undisperse(v, i64::from(d)))
            .collect::<Result<Vec<String>>>()?;
        Ok(list!(values = back))
    })())
}

/// Per case of a tested `*_map_seq` table; a list of `case` (1-based),
/// `hits_total`, `hits` (a list per column) and `nearest` (per column, a
/// list of either, up, down).
/// @noRd
#[extendr]
fn audit_seq_values(
    case: &[i32],
    var: Vec<String>,
    diff: &[i32],
    consistency: &[Rbool],
    vars: Vec<String>,
) -> List {
    respond((|| {
        let verdicts: Vec<bool> = consistency.iter().map(|v| v.is_true()).collect();
        let diff: Vec<i64> = diff.iter().map(|&d| i64::from(d)).collect();
        let audits = seq::audit_seq(&indexes(case, "case")?, &var, &diff, &verdicts, &vars)?;
        let hits = (0..vars.len()).map(|j| ints(audits.iter().map(|a| a.hits[j])));
        let nearest = (0..vars.len()).map(|j| {
            List::from_values((0..3).map(|k| {
                audits
                    .iter()
                    .map(|a| a.nearest[j][k].and_then(|d| i32::try_from(d).ok()))
                    .collect::<Vec<_>>()
            }))
        });
        Ok(list!(
            case = ints(audits.iter().map(|a| a.case + 1)),
            hits_total = ints(audits.iter().map(|a| a.hits_total)),
            hits = List::from_values(hits),
            nearest = List::from_values(nearest)
        ))
    })())
}

/// The splits of a total; a list of `n` and `n_change`, a row per group.
/// @noRd
#[extendr]
fn disperse_total_values(total: f64, steps: &[f64], n_min: f64, n_max: Nullable<f64>) -> List {
    respond((|| {
        let n_max = n_max.into_option();
        let (steps, n_min, n_max) = seq::split_limits(steps, n_min, n_max)?;
        let splits = seq::disperse_total(ferrox::input::count(total, "n")?, &steps, n_min, n_max)?;
        Ok(list!(
            n = ints(splits.iter().flat_map(|&(a, b, _)| [a, b])),
            n_change = ints(splits.iter().flat_map(|&(_, _, d)| [-d, d]))
        ))
    })())
}

/// Two-group scenarios; `groups` is a list of pairs of columns. A list of
/// `columns`, `n`, `n_change`, `case` (1-based) and `forth`.
/// @noRd
#[extendr]
fn scenarios_values(
    groups: List,
    total: &[f64],
    steps: &[f64],
    n_min: f64,
    n_max: Nullable<f64>,
) -> List {
    respond((|| {
        let n_max = n_max.into_option();
        let (steps, n_min, n_max) = seq::split_limits(steps, n_min, n_max)?;
        let pairs = groups
            .values()
            .map(|pair| {
                let pair = List::try_from(pair).map_err(|_| {
                    Error::invalid("data", "each statistic needs a list of two columns")
                })?;
                let mut both = columns(&pair)?.into_iter();
                match (both.next(), both.next()) {
                    (Some(a), Some(b)) => Ok([a, b]),
                    _ => Err(Error::invalid(
                        "data",
                        "each statistic needs a column per group",
                    )),
                }
            })
            .collect::<Result<Vec<[Vec<String>; 2]>>>()?;
        let s = seq::scenarios(&pairs, total, &steps, n_min, n_max)?;
        Ok(list!(
            columns = List::from_values(s.columns),
            n = ints(s.n),
            n_change = ints(s.n_change),
            case = ints(s.case.iter().map(|c| c + 1)),
            forth = s.forth
        ))
    })())
}

/// Per case of a tested `*_map_total_n` table; a list of `case`
/// (1-based), `hits_forth`, `hits_back` and `scenarios`.
/// @noRd
#[extendr]
fn audit_total_n_values(case: &[i32], forth: &[Rbool], consistency: &[Rbool]) -> List {
    respond((|| {
        let truth = |v: &[Rbool]| v.iter().map(|b| b.is_true()).collect::<Vec<bool>>();
        let audits =
            seq::audit_total_n(&indexes(case, "case")?, &truth(forth), &truth(consistency))?;
        Ok(list!(
            case = ints(audits.iter().map(|a| a.case + 1)),
            hits_forth = ints(audits.iter().map(|a| a.hits_forth)),
            hits_back = ints(audits.iter().map(|a| a.hits_back)),
            scenarios = ints(audits.iter().map(|a| a.scenarios))
        ))
    })())
}

extendr_module! {
    mod seq;
    fn disperse_values;
    fn undisperse_values;
    fn audit_seq_values;
    fn disperse_total_values;
    fn scenarios_values;
    fn audit_total_n_values;
}
