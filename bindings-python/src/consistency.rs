//! The consistency tests on table columns: GRIM, GRIMMER, DEBIT, their
//! audits, the report intervals tables show on request, and "M (SD)" cells.

use std::sync::atomic::AtomicBool;

use ferrox::audit::{Audited, Stat};
use ferrox::debit::{
    DebitCase, DebitOptions, SdBinary, sd_binary_columns as sd_binary_columns_core,
};
use ferrox::decimal::Texts;
use ferrox::grim::{GrimCase, GrimOptions, GrimStats};
use ferrox::grimmer::{GrimmerCase, GrimmerOptions, GrimmerVerdict};
use ferrox::input::RoundingArgs;
use ferrox::rounding::scrutiny::FloatBounds;
use ferrox::run::chunked;
use ferrox::sd_bounds::{SdBoundsCase, SdRange, sd_bounds_map};
use ferrox::{Mode, Rounding};
use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::{Reported, column, interruptible, to_py};

type Bools<'py> = Bound<'py, PyArray1<bool>>;
type Floats<'py> = Bound<'py, PyArray1<f64>>;
/// GRIMMER's columns: consistency, reason codes, the reasons they index.
type GrimmerColumns<'py> = (Bools<'py>, Bound<'py, PyArray1<u8>>, Vec<&'static str>);
/// Interval columns: lower, upper, incl_lower, incl_upper.
type Intervals<'py> = (Floats<'py>, Floats<'py>, Bools<'py>, Bools<'py>);

pub(crate) fn settings(
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: Option<&str>,
) -> PyResult<(Rounding, Mode)> {
    let args = RoundingArgs {
        rounding,
        threshold,
        symmetric,
        compat,
    };
    args.settings().map_err(to_py)
}

/// A table's work (`rows` of it) without the GIL: a small table at once, a
/// large one on another thread whose chunked steps stop on Ctrl-C.
fn over_table<T: Send>(
    py: Python<'_>,
    rows: usize,
    work: impl FnOnce(&AtomicBool) -> ferrox::Result<T> + Send,
) -> PyResult<T> {
    let stop = AtomicBool::new(false);
    if rows <= ferrox::run::CHUNK {
        return py.detach(|| work(&stop)).map_err(to_py);
    }
    interruptible(py, &stop, || work(&stop))
}

/// GRIM on columns: (consistency, probability).
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
) -> PyResult<(Bools<'py>, Floats<'py>)> {
    let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
    let opts = GrimOptions {
        percent,
        rounding,
        mode,
    };
    let x = x.column(py, "x")?;
    let (n, items) = (column(&n), column(&items));
    let rows = over_table(py, x.len().max(n.len()), |stop| {
        let cases = GrimCase::from_columns(&x.decimals(stop)?, &n, &items)?;
        chunked(&cases, stop, |c| ferrox::grim::grim_map(c, &opts))
    })?;
    let consistency: Vec<bool> = rows.iter().map(|r| r.consistency).collect();
    let probability: Vec<f64> = rows.iter().map(|r| r.probability).collect();
    Ok((consistency.into_pyarray(py), probability.into_pyarray(py)))
}

/// GRIM's statistics on columns: (total, ratio, probability); totals as
/// doubles (exact below 2^53).
#[pyfunction]
#[pyo3(signature = (x, n, items, percent))]
fn grim_stats_columns<'py>(
    py: Python<'py>,
    x: Reported<'py>,
    n: PyReadonlyArray1<'py, f64>,
    items: PyReadonlyArray1<'py, f64>,
    percent: bool,
) -> PyResult<(Floats<'py>, Floats<'py>, Floats<'py>)> {
    let x = x.column(py, "x")?;
    let (n, items) = (column(&n), column(&items));
    let stats = over_table(py, x.len().max(n.len()), |stop| {
        let cases = GrimCase::from_columns(&x.decimals(stop)?, &n, &items)?;
        ferrox::grim::grim_stats(&cases, percent)
    })?;
    let pick = |f: fn(&GrimStats) -> f64| stats.iter().map(f).collect::<Vec<_>>().into_pyarray(py);
    Ok((
        pick(|s| s.total as f64),
        pick(|s| s.ratio),
        pick(|s| s.probability),
    ))
}

/// scrutiny's `sd_binary_*` on columns; `what` is `groups`, `group_of_n`
/// or `mean_of_n`.
#[pyfunction]
fn sd_binary_columns<'py>(
    py: Python<'py>,
    what: &str,
    first: PyReadonlyArray1<'py, f64>,
    second: PyReadonlyArray1<'py, f64>,
) -> PyResult<Floats<'py>> {
    let what = match what {
        "groups" => SdBinary::Groups,
        "group_of_n" => SdBinary::GroupOfN,
        _ => SdBinary::MeanOfN,
    };
    let sds = sd_binary_columns_core(what, &column(&first), &column(&second)).map_err(to_py)?;
    Ok(sds.into_pyarray(py))
}

/// GRIMMER on columns: (consistency, reason codes, the reasons the codes
/// index); codes keep a million-row table's reasons cheap.
#[pyfunction]
#[pyo3(signature = (x, sd, n, items, rounding, threshold, symmetric, scale_min, scale_max, compat))]
#[allow(clippy::too_many_arguments)]
fn grimmer_columns<'py>(
    py: Python<'py>,
    x: Reported<'py>,
    sd: Reported<'py>,
    n: PyReadonlyArray1<'py, f64>,
    items: PyReadonlyArray1<'py, f64>,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    scale_min: Option<f64>,
    scale_max: Option<f64>,
    compat: Option<&str>,
) -> PyResult<GrimmerColumns<'py>> {
    let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
    let scale = ferrox::input::scale(scale_min, scale_max).map_err(to_py)?;
    let opts = GrimmerOptions {
        rounding,
        mode,
        scale,
    };
    let (x, sd) = (x.column(py, "x")?, sd.column(py, "sd")?);
    let (n, items) = (column(&n), column(&items));
    let verdicts = over_table(py, x.len().max(n.len()), |stop| {
        let (x, sd) = (x.decimals(stop)?, sd.decimals(stop)?);
        let cases = GrimmerCase::from_columns(&x, &sd, &n, &items)?;
        chunked(&cases, stop, |c| ferrox::grimmer::grimmer_map(c, &opts))
    })?;
    let consistency: Vec<bool> = verdicts.iter().map(|v| v.is_consistent()).collect();
    let codes: Vec<u8> = verdicts.iter().map(|v| v.code()).collect();
    let reasons = GrimmerVerdict::ALL.iter().map(|v| v.reason()).collect();
    Ok((
        consistency.into_pyarray(py),
        codes.into_pyarray(py),
        reasons,
    ))
}

fn interval_columns<'py>(py: Python<'py>, bounds: &[FloatBounds]) -> Intervals<'py> {
    let floats =
        |f: fn(&FloatBounds) -> f64| bounds.iter().map(f).collect::<Vec<_>>().into_pyarray(py);
    let flags =
        |f: fn(&FloatBounds) -> bool| bounds.iter().map(f).collect::<Vec<_>>().into_pyarray(py);
    (
        floats(|b| b.lower),
        floats(|b| b.upper),
        flags(|b| b.incl_lower),
        flags(|b| b.incl_upper),
    )
}

/// DEBIT on columns: (consistency with `None` for scrutiny's NA, the mean's
/// interval, the SD's interval).
#[pyfunction]
#[pyo3(signature = (x, sd, n, rounding, threshold, symmetric, compat))]
#[allow(clippy::too_many_arguments)]
fn debit_columns<'py>(
    py: Python<'py>,
    x: Reported<'py>,
    sd: Reported<'py>,
    n: PyReadonlyArray1<'py, f64>,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: Option<&str>,
) -> PyResult<(Vec<Option<bool>>, Intervals<'py>, Intervals<'py>)> {
    let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
    let opts = DebitOptions { rounding, mode };
    let (x, sd, n) = (x.column(py, "x")?, sd.column(py, "sd")?, column(&n));
    let rows = over_table(py, x.len().max(n.len()), |stop| {
        let (x, sd) = (x.decimals(stop)?, sd.decimals(stop)?);
        let cases = DebitCase::from_columns(&x, &sd, &n)?;
        chunked(&cases, stop, |c| ferrox::debit::debit_map(c, &opts))
    })?;
    let x_bounds: Vec<FloatBounds> = rows.iter().map(|r| r.x).collect();
    let sd_bounds: Vec<FloatBounds> = rows.iter().map(|r| r.sd).collect();
    Ok((
        rows.iter().map(|r| r.consistency).collect(),
        interval_columns(py, &x_bounds),
        interval_columns(py, &sd_bounds),
    ))
}

/// SD bounds on columns: (sd_min, sd_max, consistency or `None` without an
/// SD); `sd` may be `None`.
#[pyfunction]
#[pyo3(signature = (x, sd, n, items, scale_min, scale_max, rounding, threshold, symmetric))]
#[allow(clippy::too_many_arguments)]
fn sd_bounds_columns<'py>(
    py: Python<'py>,
    x: Reported<'py>,
    sd: Option<Reported<'py>>,
    n: PyReadonlyArray1<'py, f64>,
    items: PyReadonlyArray1<'py, f64>,
    scale_min: PyReadonlyArray1<'py, f64>,
    scale_max: PyReadonlyArray1<'py, f64>,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
) -> PyResult<(Floats<'py>, Floats<'py>, Vec<Option<bool>>)> {
    let (rounding, _) = settings(rounding, threshold, symmetric, None)?;
    let x = x.column(py, "x")?;
    let sd = sd.map(|sd| sd.column(py, "sd")).transpose()?;
    let counts = [&n, &items, &scale_min, &scale_max].map(column);
    let rows = over_table(py, x.len().max(counts[0].len()), |stop| {
        let x = x.decimals(stop)?;
        let sd = sd
            .map(|sd| sd.decimals(stop))
            .transpose()?
            .unwrap_or_default();
        let [n, items, low, high] = &counts;
        let cases = SdBoundsCase::from_columns(&x, &sd, n, items, low, high)?;
        chunked(&cases, stop, |c| sd_bounds_map(c, &rounding))
    })?;
    let pick = |f: fn(&SdRange) -> f64| rows.iter().map(f).collect::<Vec<f64>>().into_pyarray(py);
    Ok((
        pick(|r| r.sd_min),
        pick(|r| r.sd_max),
        rows.iter().map(|r| r.consistency).collect(),
    ))
}

/// The intervals reported values were rounded from.
#[pyfunction]
#[pyo3(signature = (x, rounding, threshold, symmetric, compat))]
fn intervals<'py>(
    py: Python<'py>,
    x: Reported<'py>,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: Option<&str>,
) -> PyResult<Intervals<'py>> {
    let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
    let bounds = x
        .decimals(py, "x")?
        .iter()
        .map(|v| ferrox::rounding::interval(v, &rounding, mode))
        .collect::<ferrox::Result<Vec<_>>>()
        .map_err(to_py)?;
    Ok(interval_columns(py, &bounds))
}

#[pyfunction]
fn grim_audit(
    consistency: Vec<String>,
    probability: PyReadonlyArray1<'_, f64>,
) -> PyResult<Vec<Stat>> {
    ferrox::audit::grim_audit_cells(&consistency, &column(&probability)).map_err(to_py)
}

#[pyfunction]
fn grimmer_audit(reasons: Vec<String>) -> PyResult<Vec<Stat>> {
    let verdicts = reasons
        .iter()
        .map(|r| r.parse::<GrimmerVerdict>())
        .collect::<ferrox::Result<Vec<_>>>()
        .map_err(to_py)?;
    Ok(ferrox::audit::grimmer_audit(&verdicts))
}

#[pyfunction]
fn debit_audit(consistency: Vec<String>) -> PyResult<Vec<Stat>> {
    ferrox::audit::debit_audit_cells(&consistency).map_err(to_py)
}

/// The kind of table `audit()` was given, and the columns a duplicate
/// table's audit summarises.
#[pyfunction]
fn audit_kind(names: Vec<String>) -> PyResult<(&'static str, Vec<usize>)> {
    let kind = Audited::detect(&names).map_err(to_py)?;
    Ok((kind.name(), kind.summarised(&names)))
}

/// One row of a duplicate table's audit: the column's name, the five
/// statistics, the missing cells and their share.
type SummaryRow = (String, [f64; 5], usize, f64);

/// A duplicate table's audit, one row per summarised column.
#[pyfunction]
fn duplicate_audit(
    names: Vec<String>,
    summarised: Vec<String>,
    columns: Vec<Vec<f64>>,
) -> PyResult<Vec<SummaryRow>> {
    let kind = Audited::detect(&names).map_err(to_py)?;
    let rows = ferrox::audit::duplicate_audit(kind, &summarised, &columns).map_err(to_py)?;
    Ok(rows
        .into_iter()
        .map(|r| (r.term, r.stats, r.na_count, r.na_rate))
        .collect())
}

/// The text before and inside a pair of separators, per cell; with
/// `whole`, every present cell must have the pair.
#[pyfunction]
fn parens_column(x: Reported<'_>, sep: Vec<String>, whole: bool) -> PyResult<(Texts, Texts)> {
    let sep: Vec<&str> = sep.iter().map(String::as_str).collect();
    let texts = x.values()?.texts().map_err(to_py)?;
    if whole {
        ferrox::decimal::parens_pairs(&texts, &sep).map_err(to_py)
    } else {
        ferrox::decimal::parens_column(&texts, &sep).map_err(to_py)
    }
}

/// Values repeated across a table's columns (as text): value, frequency,
/// locations (column indexes).
#[pyfunction]
fn duplicate_count_columns(
    columns: Vec<Vec<String>>,
    ignore: Vec<String>,
) -> Vec<(String, u64, Vec<usize>)> {
    ferrox::duplicates::duplicate_count(&columns, &ignore)
        .into_iter()
        .map(|d| (d.value, d.frequency, d.locations))
        .collect()
}

/// Per cell, how often its value occurs in the table.
#[pyfunction]
fn duplicate_tally_columns(
    columns: Vec<Vec<String>>,
    ignore: Vec<String>,
) -> Vec<Vec<Option<u64>>> {
    ferrox::duplicates::duplicate_tally(&columns, &ignore)
}

/// Per pair of columns: x, y, count, total_x, total_y.
#[pyfunction]
fn duplicate_colpair_columns(
    columns: Vec<Vec<String>>,
    ignore: Vec<String>,
) -> Vec<(usize, usize, u64, u64, u64)> {
    ferrox::duplicates::duplicate_count_colpair(&columns, &ignore)
        .into_iter()
        .map(|p| (p.x, p.y, p.count, p.total_x, p.total_y))
        .collect()
}

/// Whether a column follows a pattern: `linear`, `ascending`,
/// `descending` or `dispersed` (around `from_`); `None` where gaps leave it
/// open.
#[pyfunction]
#[pyo3(signature = (x, pattern, from_, test_linear))]
fn is_seq_column(
    x: Reported<'_>,
    pattern: &str,
    from_: Option<String>,
    test_linear: bool,
) -> PyResult<Option<bool>> {
    use ferrox::sequence::{Pattern, is_seq};
    let pattern = Pattern::parse(pattern, from_.as_deref()).map_err(to_py)?;
    is_seq(&x.values()?.texts().map_err(to_py)?, pattern, test_linear).map_err(to_py)
}

/// The GRIM plot's background: rows of n, columns of reports.
#[pyfunction]
#[pyo3(signature = (digits, n_max, items, rounding, threshold, symmetric, compat))]
#[allow(clippy::too_many_arguments)]
fn grim_raster<'py>(
    py: Python<'py>,
    digits: u32,
    n_max: u64,
    items: u32,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: Option<&str>,
) -> PyResult<Bools<'py>> {
    let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
    let opts = GrimOptions {
        percent: false,
        rounding,
        mode,
    };
    let out = py.detach(|| ferrox::grim::grim_raster(digits, n_max, items, &opts));
    Ok(out.map_err(to_py)?.into_pyarray(py))
}

/// `1 / (n · other)` per row: `grim_granularity` and `grim_items`.
#[pyfunction]
fn per_granule_columns<'py>(
    py: Python<'py>,
    n: PyReadonlyArray1<'py, f64>,
    other: PyReadonlyArray1<'py, f64>,
    items: bool,
) -> PyResult<Floats<'py>> {
    let names = if items { ("n", "items") } else { ("n", "gran") };
    let out = ferrox::grim::per_granule(&column(&n), &column(&other), names, items);
    Ok(out.map_err(to_py)?.into_pyarray(py))
}

/// How many decimals each report has (`None` where missing); numbers are
/// read as their shortest decimals, with the usual warning.
#[pyfunction]
fn decimal_places_column(py: Python<'_>, x: Reported<'_>) -> PyResult<Vec<Option<u32>>> {
    let texts = x.column(py, "x")?.texts().map_err(to_py)?;
    ferrox::decimal::decimal_places(&texts).map_err(to_py)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(decimal_places_column, m)?)?;
    m.add_function(wrap_pyfunction!(per_granule_columns, m)?)?;
    m.add_function(wrap_pyfunction!(grim_columns, m)?)?;
    m.add_function(wrap_pyfunction!(grim_stats_columns, m)?)?;
    m.add_function(wrap_pyfunction!(sd_binary_columns, m)?)?;
    m.add_function(wrap_pyfunction!(grimmer_columns, m)?)?;
    m.add_function(wrap_pyfunction!(debit_columns, m)?)?;
    m.add_function(wrap_pyfunction!(intervals, m)?)?;
    m.add_function(wrap_pyfunction!(sd_bounds_columns, m)?)?;
    m.add_function(wrap_pyfunction!(grim_audit, m)?)?;
    m.add_function(wrap_pyfunction!(grimmer_audit, m)?)?;
    m.add_function(wrap_pyfunction!(audit_kind, m)?)?;
    m.add_function(wrap_pyfunction!(duplicate_audit, m)?)?;
    m.add_function(wrap_pyfunction!(debit_audit, m)?)?;
    m.add_function(wrap_pyfunction!(parens_column, m)?)?;
    m.add_function(wrap_pyfunction!(grim_raster, m)?)?;
    m.add_function(wrap_pyfunction!(is_seq_column, m)?)?;
    m.add_function(wrap_pyfunction!(duplicate_count_columns, m)?)?;
    m.add_function(wrap_pyfunction!(duplicate_tally_columns, m)?)?;
    m.add_function(wrap_pyfunction!(duplicate_colpair_columns, m)?)?;
    Ok(())
}
