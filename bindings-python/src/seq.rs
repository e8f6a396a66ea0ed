//! Nearby values and two-group splits: the core of `*_map_seq`,
//! `audit_seq`, `*_map_total_n`, `audit_total_n` and `disperse_total`.

use ferrox::seq::{self, Dispersion};
use pyo3::prelude::*;

use crate::to_py;

/// `disperse_columns`' answer: the tested columns, case, var, diff_var.
type Varied = (Vec<Vec<String>>, Vec<usize>, Vec<usize>, Vec<i64>);
/// `audit_seq`'s: per case, its index, hits in all, hits per column, and
/// per column the nearest hit either way, up and down.
type SeqSummary = (
    Vec<usize>,
    Vec<u64>,
    Vec<Vec<u64>>,
    Vec<Vec<[Option<i64>; 3]>>,
);
/// `scenarios`': the tested columns, n, n_change, case, forth.
type Split = (Vec<Vec<String>>, Vec<u64>, Vec<i64>, Vec<usize>, Vec<bool>);

#[pyfunction]
#[pyo3(signature = (columns, vary, steps, out_min, out_max, include_reported))]
fn disperse_columns(
    py: Python<'_>,
    columns: Vec<Vec<String>>,
    vary: Vec<usize>,
    steps: Vec<f64>,
    out_min: Option<&str>,
    out_max: Option<&str>,
    include_reported: bool,
) -> PyResult<Varied> {
    let d = Dispersion::from_args(&steps, out_min, out_max, include_reported).map_err(to_py)?;
    let v = py
        .detach(|| seq::disperse_columns(&columns, &vary, &d))
        .map_err(to_py)?;
    Ok((v.columns, v.case, v.var, v.diff))
}

/// Each value moved back by its `diff` steps.
#[pyfunction]
fn undisperse_column(values: Vec<String>, diff: Vec<i64>) -> PyResult<Vec<String>> {
    values
        .iter()
        .zip(&diff)
        .map(|(v, &d)| seq::undisperse(v, d))
        .collect::<ferrox::Result<_>>()
        .map_err(to_py)
}

#[pyfunction]
fn audit_seq_columns(
    case: Vec<usize>,
    var: Vec<String>,
    diff: Vec<i64>,
    consistency: Vec<bool>,
    vars: Vec<String>,
) -> PyResult<SeqSummary> {
    let audits = seq::audit_seq(&case, &var, &diff, &consistency, &vars).map_err(to_py)?;
    Ok((
        audits.iter().map(|a| a.case).collect(),
        audits.iter().map(|a| a.hits_total).collect(),
        audits.iter().map(|a| a.hits.clone()).collect(),
        audits.iter().map(|a| a.nearest.clone()).collect(),
    ))
}

#[pyfunction]
#[pyo3(signature = (total, steps, n_min, n_max))]
fn disperse_total(
    total: f64,
    steps: Vec<f64>,
    n_min: f64,
    n_max: Option<f64>,
) -> PyResult<Vec<(u64, u64, i64)>> {
    let (steps, n_min, n_max) = seq::split_limits(&steps, n_min, n_max).map_err(to_py)?;
    let total = ferrox::input::count(total, "n").map_err(to_py)?;
    seq::disperse_total(total, &steps, n_min, n_max).map_err(to_py)
}

#[pyfunction]
#[pyo3(signature = (groups, total, steps, n_min, n_max))]
fn scenarios_columns(
    py: Python<'_>,
    groups: Vec<[Vec<String>; 2]>,
    total: Vec<f64>,
    steps: Vec<f64>,
    n_min: f64,
    n_max: Option<f64>,
) -> PyResult<Split> {
    let (steps, n_min, n_max) = seq::split_limits(&steps, n_min, n_max).map_err(to_py)?;
    let s = py
        .detach(|| seq::scenarios(&groups, &total, &steps, n_min, n_max))
        .map_err(to_py)?;
    Ok((s.columns, s.n, s.n_change, s.case, s.forth))
}

#[pyfunction]
fn audit_total_n_columns(
    case: Vec<usize>,
    forth: Vec<bool>,
    consistency: Vec<bool>,
) -> PyResult<Vec<(usize, u64, u64, u64)>> {
    let audits = seq::audit_total_n(&case, &forth, &consistency).map_err(to_py)?;
    Ok(audits
        .iter()
        .map(|a| (a.case, a.hits_forth, a.hits_back, a.scenarios))
        .collect())
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(disperse_columns, m)?)?;
    m.add_function(wrap_pyfunction!(undisperse_column, m)?)?;
    m.add_function(wrap_pyfunction!(audit_seq_columns, m)?)?;
    m.add_function(wrap_pyfunction!(disperse_total, m)?)?;
    m.add_function(wrap_pyfunction!(scenarios_columns, m)?)?;
    m.add_function(wrap_pyfunction!(audit_total_n_columns, m)?)?;
    Ok(())
}
