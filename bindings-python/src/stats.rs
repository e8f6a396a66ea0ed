//! Reported test statistics: the p check on columns or on APA strings, the
//! APA parser, GRIM-U and t-tests from summary statistics.

use ferrox::Decimal;
use ferrox::input::{PArgs, RoundingArgs, at_row, count};
use std::fmt::Write;

use ferrox::stats::apa::{
    ApaResult, Cells, ReportedP, TestKind, char_spans, find_results, parse_results,
};
use ferrox::stats::pcheck::{COLUMNS, PCheck, POptions, check_p_map, check_p_rows};
use ferrox::stats::ranks::{GrimU, GrimUCase, GrimUOptions, grim_u_map};
use ferrox::stats::summary_t::{TCase, TRange, t_from_summary_map};
use numpy::{IntoPyArray, PyReadonlyArray1};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString};

use crate::to_py;

/// The p check's settings, in the order the Python wrappers pass them:
/// rounding, threshold, symmetric, alpha, p_equal_alpha_significant,
/// p_truncation, one_tailed.
#[derive(FromPyObject)]
pub(crate) struct Settings(String, f64, bool, f64, bool, bool, bool);

impl Settings {
    pub(crate) fn options(&self) -> PyResult<POptions> {
        PArgs {
            rounding: RoundingArgs {
                rounding: &self.0,
                threshold: self.1,
                symmetric: self.2,
                compat: None,
            },
            alpha: self.3,
            p_equal_alpha_significant: self.4,
            p_truncation: self.5,
            one_tailed: self.6,
        }
        .options()
        .map_err(to_py)
    }
}

/// A table cell: text as written, a number as its shortest decimal, or
/// missing (`None`, NaN).
enum Cell {
    Text(PyBackedStr),
    Owned(String),
    Missing,
}

impl Cell {
    fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(text) => Some(text),
            Cell::Owned(text) => Some(text),
            Cell::Missing => None,
        }
    }

    fn or_empty(&self) -> &str {
        self.text().unwrap_or("")
    }
}

impl AsRef<str> for Cell {
    fn as_ref(&self) -> &str {
        self.or_empty()
    }
}

/// The cells of any sequence (a list, a NumPy array, a pandas or polars
/// column), cheapest kinds first: text, None, int, float; anything else
/// (NumPy scalars, pandas' NA) as a float if it is one, else as its `str()`.
fn cells(values: &Bound<'_, PyAny>) -> PyResult<Vec<Cell>> {
    let float = |x: f64| {
        if x.is_nan() {
            Ok(Cell::Missing)
        } else if x.fract() == 0.0 && x.abs() < 9e15 {
            // A whole number (a df, a count): no decimals to recover.
            Ok(Cell::Owned((x as i64).to_string()))
        } else {
            Decimal::from_f64(x)
                .map(|d| Cell::Owned(d.to_string()))
                .map_err(to_py)
        }
    };
    let read = |item: Bound<'_, PyAny>| -> PyResult<Cell> {
        if let Ok(text) = item.cast::<PyString>() {
            return PyBackedStr::try_from(text.clone()).map(Cell::Text);
        }
        if item.is_none() {
            return Ok(Cell::Missing);
        }
        if item.is_instance_of::<PyBool>() {
            return Ok(Cell::Owned(item.str()?.to_string()));
        }
        if let Ok(int) = item.cast::<PyInt>() {
            return Ok(Cell::Owned(int.to_string()));
        }
        if let Ok(x) = item.cast::<PyFloat>() {
            return float(x.value());
        }
        match item.extract::<f64>() {
            Ok(x) => float(x),
            Err(_) => Ok(Cell::Owned(item.str()?.to_string())),
        }
    };
    // A list (what the Python side passes) is read by index, anything else
    // through the iterator protocol.
    match values.cast::<PyList>() {
        Ok(list) => list.iter().map(read).collect(),
        Err(_) => values.try_iter()?.map(|item| read(item?)).collect(),
    }
}

/// The p check over columns of cells.
#[pyfunction]
#[pyo3(signature = (test, value, df1, df2, p, settings))]
fn p_check_columns<'py>(
    py: Python<'py>,
    test: &Bound<'py, PyAny>,
    value: &Bound<'py, PyAny>,
    df1: &Bound<'py, PyAny>,
    df2: &Bound<'py, PyAny>,
    p: &Bound<'py, PyAny>,
    settings: Settings,
) -> PyResult<Bound<'py, PyDict>> {
    let options = settings.options()?;
    let columns = [test, value, df1, df2, p].map(cells);
    let [test, value, df1, df2, p] = columns;
    let (test, value, df1, df2, p) = (test?, value?, df1?, df2?, p?);
    let rows = test.len();
    if [value.len(), df1.len(), df2.len(), p.len()]
        .iter()
        .any(|&len| len != rows)
    {
        return Err(to_py(ferrox::Error::invalid(
            "data",
            "the columns test, value, df1, df2 and p must have the same length",
        )));
    }
    let checks = py.detach(|| {
        let row = |i: usize| {
            Cells {
                test: test[i].or_empty(),
                value: value[i].or_empty(),
                df1: df1[i].text(),
                df2: df2[i].text(),
                p: p[i].or_empty(),
            }
            .parse()
        };
        check_p_rows(rows, row, &options)
    });
    checks_dict(py, checks.map_err(to_py)?)
}

/// The p check over APA result strings; the parts read are returned too.
#[pyfunction]
#[pyo3(signature = (results, settings))]
fn p_check_results<'py>(
    py: Python<'py>,
    results: &Bound<'py, PyAny>,
    settings: Settings,
) -> PyResult<Bound<'py, PyDict>> {
    let options = settings.options()?;
    let texts = cells(results)?;
    let (parsed, checks) = py
        .detach(|| {
            let parsed = parse_results(&texts)?;
            let checks = check_p_map(&parsed, &options)?;
            Ok((parsed, checks))
        })
        .map_err(to_py)?;
    let out = parts_dict(py, &parsed)?;
    out.update(checks_dict(py, checks)?.as_mapping())?;
    Ok(out)
}

fn checks_dict(py: Python<'_>, checks: Vec<PCheck>) -> PyResult<Bound<'_, PyDict>> {
    let column = |f: fn(&PCheck) -> f64| checks.iter().map(f).collect::<Vec<_>>();
    let flag = |f: fn(&PCheck) -> bool| checks.iter().map(f).collect::<Vec<_>>();
    let out = PyDict::new(py);
    let [p, low, high, consistency, decision, one_tailed, reason] = COLUMNS;
    out.set_item(p, column(|c| c.computed_p).into_pyarray(py))?;
    out.set_item(low, column(|c| c.computed_p_low).into_pyarray(py))?;
    out.set_item(high, column(|c| c.computed_p_high).into_pyarray(py))?;
    out.set_item(consistency, flag(|c| c.consistency).into_pyarray(py))?;
    out.set_item(decision, flag(|c| c.decision_error).into_pyarray(py))?;
    out.set_item(one_tailed, flag(|c| c.one_tailed_possible).into_pyarray(py))?;
    // One Python string for every row that is simply consistent.
    let consistent = PyString::new(py, "consistent");
    let reasons = PyList::empty(py);
    for check in &checks {
        if check.reason == "consistent" {
            reasons.append(&consistent)?;
        } else {
            reasons.append(check.reason.as_ref())?;
        }
    }
    out.set_item(reason, reasons)?;
    Ok(out)
}

/// The parts of parsed results as columns: `test` as codes into
/// `test_names`, the df as doubles (NaN where absent), the statistic and p
/// as written.
fn parts_dict<'py>(py: Python<'py>, results: &[ApaResult]) -> PyResult<Bound<'py, PyDict>> {
    let df = |d: Option<Decimal>| d.map_or(f64::NAN, |d| d.to_f64());
    let out = PyDict::new(py);
    let codes: Vec<u8> = results
        .iter()
        .map(|r| TestKind::ALL.iter().position(|&k| k == r.test).unwrap_or(0) as u8)
        .collect();
    out.set_item("test", codes.into_pyarray(py))?;
    out.set_item("test_names", TestKind::ALL.map(TestKind::name).to_vec())?;
    out.set_item(
        "df1",
        results
            .iter()
            .map(|r| df(r.df1))
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    out.set_item(
        "df2",
        results
            .iter()
            .map(|r| df(r.df2))
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    let mut buffer = String::new();
    let mut strings = |text: &dyn Fn(&ApaResult, &mut String)| -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for r in results {
            buffer.clear();
            text(r, &mut buffer);
            list.append(PyString::new(py, &buffer))?;
        }
        Ok(list)
    };
    out.set_item(
        "value",
        strings(&|r, out| {
            let _ = write!(out, "{}", r.value_cell());
        })?,
    )?;
    out.set_item(
        "p",
        strings(&|r, out| {
            let _ = write!(out, "{}", r.p);
        })?,
    )?;
    Ok(out)
}

/// Every APA result in a text, checked: the parts read, where each is
/// (character offsets and the text as written), and the p check's columns.
#[pyfunction]
#[pyo3(signature = (text, settings))]
fn p_check_text<'py>(
    py: Python<'py>,
    text: &str,
    settings: Settings,
) -> PyResult<Bound<'py, PyDict>> {
    let options = settings.options()?;
    let (found, results, checks) = py
        .detach(|| {
            let found = find_results(text);
            let results: Vec<ApaResult> = found.iter().map(|f| f.result).collect();
            check_p_map(&results, &options).map(|checks| (found, results, checks))
        })
        .map_err(to_py)?;
    let out = parts_dict(py, &results)?;
    let spans = char_spans(text, &found);
    let start: Vec<usize> = spans.iter().map(|s| s.start).collect();
    let end: Vec<usize> = spans.iter().map(|s| s.end).collect();
    out.set_item("start", start.into_pyarray(py))?;
    out.set_item("end", end.into_pyarray(py))?;
    let snippets: Vec<&str> = found.iter().map(|f| &text[f.span.clone()]).collect();
    out.set_item("text", snippets)?;
    out.update(checks_dict(py, checks)?.as_mapping())?;
    Ok(out)
}

/// One result's parts as a dict.
fn result_dict<'py>(py: Python<'py>, result: &ApaResult) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    out.set_item("test", result.test.name())?;
    out.set_item("df1", result.df1.map(|d| d.to_string()))?;
    out.set_item("df2", result.df2.map(|d| d.to_string()))?;
    out.set_item("n", result.n)?;
    out.set_item("comparison", result.comparison.symbol())?;
    out.set_item("value", result.value.to_string())?;
    out.set_item("p_comparison", result.p.sign())?;
    out.set_item("p", result.p.value().map(|p| p.to_string()))?;
    Ok(out)
}

/// One APA result string, read into its parts.
#[pyfunction]
fn parse_result<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyDict>> {
    let result = ferrox::stats::apa::parse_result(text).map_err(to_py)?;
    result_dict(py, &result)
}

/// Every APA result in a text, with its place (character offsets).
#[pyfunction]
#[pyo3(name = "find_results")]
fn find_results_py<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
    let found = py.detach(|| find_results(text));
    let out = PyList::empty(py);
    for (f, span) in found.iter().zip(char_spans(text, &found)) {
        let item = result_dict(py, &f.result)?;
        item.set_item("start", span.start)?;
        item.set_item("end", span.end)?;
        item.set_item("text", &text[f.span.clone()])?;
        out.append(item)?;
    }
    Ok(out)
}

/// Reported values from cells: a missing one is an error naming its row.
fn decimals(cells: &[Cell], name: &'static str) -> ferrox::Result<Vec<Decimal>> {
    cells
        .iter()
        .enumerate()
        .map(|(row, cell)| {
            cell.text()
                .ok_or_else(|| ferrox::Error::invalid(name, "it is missing"))
                .and_then(Decimal::parse)
                .map_err(at_row(cells.len(), row))
        })
        .collect()
}

/// Optional reported values from cells (missing: `None`).
fn optional<T>(
    cells: &[Cell],
    read: impl Fn(&str) -> ferrox::Result<T>,
) -> ferrox::Result<Vec<Option<T>>> {
    cells
        .iter()
        .enumerate()
        .map(|(row, cell)| {
            cell.text()
                .map(&read)
                .transpose()
                .map_err(at_row(cells.len(), row))
        })
        .collect()
}

/// Counts from a float64 column.
fn counts(values: &[f64], name: &'static str) -> ferrox::Result<Vec<u64>> {
    values.iter().map(|&n| count(n, name)).collect()
}

/// GRIM-U over columns of equal length, as a dict of columns.
#[pyfunction]
#[pyo3(signature = (u, n1, n2, p, ties, settings))]
fn grim_u_columns<'py>(
    py: Python<'py>,
    u: &Bound<'py, PyAny>,
    n1: PyReadonlyArray1<'py, f64>,
    n2: PyReadonlyArray1<'py, f64>,
    p: &Bound<'py, PyAny>,
    ties: bool,
    settings: Settings,
) -> PyResult<Bound<'py, PyDict>> {
    let options = GrimUOptions {
        p: settings.options()?,
        ties,
    };
    let (u, p) = (cells(u)?, cells(p)?);
    let (n1, n2) = (n1.as_array().to_vec(), n2.as_array().to_vec());
    let verdicts = py
        .detach(|| {
            let (u, p) = (decimals(&u, "u")?, optional(&p, ReportedP::parse)?);
            let (n1, n2) = (counts(&n1, "n1")?, counts(&n2, "n2")?);
            let cases: Vec<GrimUCase> = (0..u.len())
                .map(|i| GrimUCase {
                    u: u[i],
                    n1: n1[i],
                    n2: n2[i],
                    p: p[i],
                })
                .collect();
            grim_u_map(&cases, &options)
        })
        .map_err(to_py)?;
    let out = PyDict::new(py);
    let pick = |f: fn(&GrimU) -> f64| verdicts.iter().map(f).collect::<Vec<_>>();
    out.set_item(
        "u_consistency",
        verdicts
            .iter()
            .map(|v| v.u_consistency)
            .collect::<Vec<_>>()
            .into_pyarray(py),
    )?;
    out.set_item(
        "p_consistency",
        verdicts.iter().map(|v| v.p_consistency).collect::<Vec<_>>(),
    )?;
    out.set_item(
        "methods",
        verdicts
            .iter()
            .map(|v| v.methods.as_str())
            .collect::<Vec<_>>(),
    )?;
    out.set_item("computed_p", pick(|v| v.computed_p).into_pyarray(py))?;
    out.set_item("p_low", pick(|v| v.p_low).into_pyarray(py))?;
    out.set_item("p_high", pick(|v| v.p_high).into_pyarray(py))?;
    Ok(out)
}

/// t from summary statistics over columns of equal length (`m2` missing
/// for the one-sample and paired forms), as a dict of columns.
#[pyfunction]
#[pyo3(signature = (m1, sd1, n1, m2, sd2, n2, test, mu, t, p, settings))]
#[allow(clippy::too_many_arguments)]
fn t_summary_columns<'py>(
    py: Python<'py>,
    m1: &Bound<'py, PyAny>,
    sd1: &Bound<'py, PyAny>,
    n1: PyReadonlyArray1<'py, f64>,
    m2: &Bound<'py, PyAny>,
    sd2: &Bound<'py, PyAny>,
    n2: PyReadonlyArray1<'py, f64>,
    test: &Bound<'py, PyAny>,
    mu: &Bound<'py, PyAny>,
    t: &Bound<'py, PyAny>,
    p: &Bound<'py, PyAny>,
    settings: Settings,
) -> PyResult<Bound<'py, PyDict>> {
    let options = settings.options()?;
    let [m1, sd1, m2, sd2, test, mu, t, p] = [m1, sd1, m2, sd2, test, mu, t, p].map(cells);
    let (m1, sd1, m2, sd2, test, mu, t, p) = (m1?, sd1?, m2?, sd2?, test?, mu?, t?, p?);
    let (n1, n2) = (n1.as_array().to_vec(), n2.as_array().to_vec());
    let verdicts = py
        .detach(|| {
            let (m1, sd1, mu) = (
                decimals(&m1, "m1")?,
                decimals(&sd1, "sd1")?,
                decimals(&mu, "mu")?,
            );
            let (m2, sd2) = (
                optional(&m2, Decimal::parse)?,
                optional(&sd2, Decimal::parse)?,
            );
            let (t, p) = (
                optional(&t, Decimal::parse)?,
                optional(&p, ReportedP::parse)?,
            );
            let rows = m1.len();
            let cases = (0..rows)
                .map(|i| {
                    let (first, second) = ((m1[i], sd1[i], n1[i]), (m2[i], sd2[i], n2[i]));
                    TCase::from_row(first, second, test[i].or_empty(), mu[i], t[i], p[i])
                        .map_err(at_row(rows, i))
                })
                .collect::<ferrox::Result<Vec<_>>>()?;
            t_from_summary_map(&cases, &options)
        })
        .map_err(to_py)?;
    let out = PyDict::new(py);
    let field = |f: fn(&TRange) -> f64| verdicts.iter().map(|v| f(&v.range)).collect::<Vec<_>>();
    out.set_item("t_low", field(|r| r.t_low).into_pyarray(py))?;
    out.set_item("t_high", field(|r| r.t_high).into_pyarray(py))?;
    out.set_item("df_low", field(|r| r.df_low).into_pyarray(py))?;
    out.set_item("df_high", field(|r| r.df_high).into_pyarray(py))?;
    out.set_item("p_low", field(|r| r.p_low).into_pyarray(py))?;
    out.set_item("p_high", field(|r| r.p_high).into_pyarray(py))?;
    out.set_item(
        "t_consistency",
        verdicts.iter().map(|v| v.t_consistency).collect::<Vec<_>>(),
    )?;
    out.set_item(
        "p_consistency",
        verdicts.iter().map(|v| v.p_consistency).collect::<Vec<_>>(),
    )?;
    Ok(out)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("P_COLUMNS", COLUMNS.to_vec())?;
    m.add_function(wrap_pyfunction!(p_check_columns, m)?)?;
    m.add_function(wrap_pyfunction!(p_check_results, m)?)?;
    m.add_function(wrap_pyfunction!(p_check_text, m)?)?;
    m.add_function(wrap_pyfunction!(parse_result, m)?)?;
    m.add_function(wrap_pyfunction!(find_results_py, m)?)?;
    m.add_function(wrap_pyfunction!(grim_u_columns, m)?)?;
    m.add_function(wrap_pyfunction!(t_summary_columns, m)?)?;
    Ok(())
}
