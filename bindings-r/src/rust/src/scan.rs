//! `scan_paper()`: papers in, one row per finding and test out.

use std::path::PathBuf;

use extendr_api::prelude::*;
use ferrox::Result;
use ferrox::scan::{COLUMNS, Row, ScanOptions, files_under, html_report, scan, scan_files};

use crate::respond;

fn options(settings: &List) -> Result<ScanOptions> {
    Ok(ScanOptions {
        p: crate::stats::options(settings)?,
        ..ScanOptions::default()
    })
}

/// The rows as named columns: whole numbers as doubles with `NA`, the
/// verdict as a logical with `NA`, the rest text. Callers wrap them in
/// `list(rows = …)`: an `error` column must not look like a failure.
fn columns(rows: &[Row]) -> List {
    let cells: Vec<[String; 20]> = rows.iter().map(Row::cells).collect();
    let pairs = COLUMNS.iter().enumerate().map(|(i, &name)| {
        let column = cells.iter().map(|row| row[i].as_str());
        let robj = match name {
            "page" | "paragraph" | "table" | "row" | "column" | "n" => column
                .map(|t| t.parse::<f64>().ok())
                .collect::<Vec<_>>()
                .into_robj(),
            "consistent" => column
                .map(|t| t.parse::<bool>().map_or(Rbool::na(), Rbool::from))
                .collect::<Vec<_>>()
                .into_robj(),
            _ => column.collect::<Vec<_>>().into_robj(),
        };
        (name, robj)
    });
    List::from_pairs(pairs)
}

/// Scans files and folders (recursively, in parallel); a file that cannot
/// be read is a row with its error.
/// @noRd
#[extendr]
fn scan_paths(paths: Vec<String>, settings: List) -> List {
    respond((|| {
        let options = options(&settings)?;
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        let files = files_under(&paths)?;
        Ok(list!(rows = columns(&scan_files(&files, &options, || {}))))
    })())
}

/// Scans one document's text or bytes.
/// @noRd
#[extendr]
fn scan_raw(data: Raw, settings: List) -> List {
    respond((|| {
        let rows = scan(data.as_slice(), "", &options(&settings)?)?;
        Ok(list!(rows = columns(&rows)))
    })())
}

/// The scan of files and folders as one self-contained HTML page.
/// @noRd
#[extendr]
fn scan_html(paths: Vec<String>, title: &str, settings: List) -> List {
    respond((|| {
        let options = options(&settings)?;
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        let rows = scan_files(&files_under(&paths)?, &options, || {});
        Ok(list!(page = html_report(&rows, title)))
    })())
}

extendr_module! {
    mod scan;
    fn scan_paths;
    fn scan_raw;
    fn scan_html;
}
