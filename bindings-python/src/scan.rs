//! `ferrox.scan`: papers in, one row per finding and test out.

use std::path::PathBuf;

use ferrox::scan::{COLUMNS, Row, ScanOptions, files_under, scan, scan_files};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::stats::Settings;
use crate::to_py;

fn options(settings: &Settings) -> PyResult<ScanOptions> {
    Ok(ScanOptions {
        p: settings.options()?,
        ..ScanOptions::default()
    })
}

/// The rows as columns named as in `COLUMNS`: whole numbers and the
/// verdict typed (`None` where missing), the rest text.
fn columns<'py>(py: Python<'py>, rows: &[Row]) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    let cells: Vec<[String; 20]> = rows.iter().map(Row::cells).collect();
    for (i, name) in COLUMNS.iter().enumerate() {
        let column = PyList::empty(py);
        for row in &cells {
            let text = &row[i];
            match *name {
                "page" | "paragraph" | "table" | "row" | "column" | "n" => {
                    column.append(text.parse::<u64>().ok())?
                }
                "consistent" => column.append(text.parse::<bool>().ok())?,
                _ => column.append(text)?,
            }
        }
        out.set_item(*name, column)?;
    }
    Ok(out)
}

/// Scans files and folders (recursively, in parallel, without the GIL);
/// a file that cannot be read is a row with its error.
#[pyfunction]
fn scan_paths<'py>(
    py: Python<'py>,
    paths: Vec<PathBuf>,
    settings: Settings,
) -> PyResult<Bound<'py, PyDict>> {
    let options = options(&settings)?;
    let rows = py
        .detach(|| files_under(&paths).map(|files| scan_files(&files, &options, || {})))
        .map_err(to_py)?;
    columns(py, &rows)
}

/// Scans one document's bytes (any format); an unreadable document is an
/// error.
#[pyfunction]
fn scan_bytes<'py>(
    py: Python<'py>,
    data: &[u8],
    name: &str,
    settings: Settings,
) -> PyResult<Bound<'py, PyDict>> {
    let options = options(&settings)?;
    let rows = py.detach(|| scan(data, name, &options)).map_err(to_py)?;
    columns(py, &rows)
}

/// The scan's rows as one self-contained HTML page.
#[pyfunction]
fn scan_html(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    title: &str,
    settings: Settings,
) -> PyResult<String> {
    let options = options(&settings)?;
    py.detach(|| {
        files_under(&paths)
            .map(|files| ferrox::scan::html_report(&scan_files(&files, &options, || {}), title))
    })
    .map_err(to_py)
}

pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(scan_paths, m)?)?;
    m.add_function(wrap_pyfunction!(scan_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(scan_html, m)?)?;
    m.add("SCAN_COLUMNS", COLUMNS.to_vec())?;
    Ok(())
}
