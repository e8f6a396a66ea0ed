//! Carlisle's test of baseline tables.

use ferrox::stats::carlisle::{Carlisle, Columns, Uniformity, carlisle_table};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::consistency::settings;
use crate::to_py;

/// The table's columns in, the three tables of the answer out as dicts of
/// lists: per variable, per trial, and uniformity.
#[pyfunction]
#[pyo3(signature = (trial, variable, group, level, n, mean, sd, count, rounding, threshold, symmetric, seed))]
#[allow(clippy::too_many_arguments)]
fn carlisle_columns<'py>(
    py: Python<'py>,
    trial: Vec<String>,
    variable: Vec<String>,
    group: Vec<String>,
    level: Option<Vec<String>>,
    n: Vec<f64>,
    mean: Option<Vec<String>>,
    sd: Option<Vec<String>>,
    count: Option<Vec<f64>>,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    seed: u64,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyDict>, Bound<'py, PyDict>)> {
    let (rounding, _) = settings(rounding, threshold, symmetric, None)?;
    let cols = Columns {
        trial: &trial,
        variable: &variable,
        group: &group,
        level: level.as_deref(),
        n: &n,
        mean: mean.as_deref(),
        sd: sd.as_deref(),
        count: count.as_deref(),
    };
    let out = py
        .detach(|| carlisle_table(&cols, &rounding, seed))
        .map_err(to_py)?;
    Ok((
        variables(py, &out)?,
        trials(py, &out)?,
        uniformity(py, &out)?,
    ))
}

fn variables<'py>(py: Python<'py>, out: &Carlisle) -> PyResult<Bound<'py, PyDict>> {
    let v = &out.variables;
    let dict = PyDict::new(py);
    dict.set_item(
        "trial",
        v.iter().map(|v| v.trial.as_str()).collect::<Vec<_>>(),
    )?;
    dict.set_item(
        "variable",
        v.iter().map(|v| v.variable.as_str()).collect::<Vec<_>>(),
    )?;
    dict.set_item("method", v.iter().map(|v| v.method).collect::<Vec<_>>())?;
    dict.set_item("groups", v.iter().map(|v| v.groups).collect::<Vec<_>>())?;
    dict.set_item(
        "statistic",
        v.iter().map(|v| v.statistic).collect::<Vec<_>>(),
    )?;
    dict.set_item("p", v.iter().map(|v| v.p).collect::<Vec<_>>())?;
    dict.set_item("p_min", v.iter().map(|v| v.p_min).collect::<Vec<_>>())?;
    dict.set_item("p_max", v.iter().map(|v| v.p_max).collect::<Vec<_>>())?;
    dict.set_item("p_drawn", v.iter().map(|v| v.p_drawn).collect::<Vec<_>>())?;
    Ok(dict)
}

fn trials<'py>(py: Python<'py>, out: &Carlisle) -> PyResult<Bound<'py, PyDict>> {
    let t = &out.trials;
    let dict = PyDict::new(py);
    dict.set_item(
        "trial",
        t.iter().map(|t| t.trial.as_str()).collect::<Vec<_>>(),
    )?;
    dict.set_item(
        "variables",
        t.iter().map(|t| t.variables).collect::<Vec<_>>(),
    )?;
    dict.set_item(
        "stouffer_p",
        t.iter().map(|t| t.stouffer).collect::<Vec<_>>(),
    )?;
    dict.set_item("fisher_p", t.iter().map(|t| t.fisher).collect::<Vec<_>>())?;
    Ok(dict)
}

fn uniformity<'py>(py: Python<'py>, out: &Carlisle) -> PyResult<Bound<'py, PyDict>> {
    let rows: [(&str, &Uniformity); 2] = [
        ("variables", &out.across_variables),
        ("trials (Stouffer)", &out.across_trials),
    ];
    let dict = PyDict::new(py);
    dict.set_item("p_values", rows.map(|r| r.0).to_vec())?;
    dict.set_item("n", rows.map(|r| r.1.n).to_vec())?;
    dict.set_item("ks_d", rows.map(|r| r.1.ks_d).to_vec())?;
    dict.set_item("ks_p", rows.map(|r| r.1.ks_p).to_vec())?;
    dict.set_item("auc", rows.map(|r| r.1.auc).to_vec())?;
    Ok(dict)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(carlisle_columns, m)?)?;
    Ok(())
}
