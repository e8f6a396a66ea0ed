//! `ferrox scan`: papers in, report out.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use ferrox::scan::{COLUMNS, Row, ScanOptions, html_report, scan};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::report::{Cell, Format, Report};

/// The columns an aligned table shows; CSV and JSON have them all.
const SHORT: [&str; 8] = [
    "file",
    "where",
    "found",
    "n",
    "test",
    "consistent",
    "verdict",
    "reason",
];

#[derive(Args)]
pub struct ScanArgs {
    /// Papers (PDF, HTML, DOCX, JATS XML, text) or folders of them, read
    /// recursively.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format; `html` is one self-contained page.
    #[arg(long, value_enum, default_value_t = ScanFormat::Table)]
    format: ScanFormat,
    /// Write the report to this file instead of the screen.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Show only findings that are not consistent.
    #[arg(long)]
    problems: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ScanFormat {
    Table,
    Csv,
    Json,
    Html,
}

pub fn run(args: &ScanArgs, options: &ScanOptions) -> Result<(), Box<dyn std::error::Error>> {
    let files = documents(&args.paths)?;
    let bar = ProgressBar::new(files.len() as u64).with_style(ProgressStyle::with_template(
        "{bar:40} {pos}/{len} papers, {per_sec}, {eta} left",
    )?);
    if files.len() < 2 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let rows: Vec<Row> = files
        .par_iter()
        .map(|path| {
            let name = path.display().to_string();
            let rows = std::fs::read(path)
                .map_err(|e| ferrox::Error::Io(format!("cannot read {name}: {e}")))
                .and_then(|bytes| scan(&bytes, &name, options))
                .unwrap_or_else(|e| vec![Row::unreadable(&name, &e)]);
            bar.inc(1);
            rows
        })
        .flatten_iter()
        .filter(|row| !args.problems || row.consistent != Some(true))
        .collect();
    bar.finish_and_clear();
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let out = &mut std::io::BufWriter::new(&mut out);
    match args.format {
        ScanFormat::Html => {
            let title = match files.as_slice() {
                [one] => format!("ferrox scan of {}", one.display()),
                _ => format!("ferrox scan of {} papers", files.len()),
            };
            out.write_all(html_report(&rows, &title).as_bytes())?;
        }
        ScanFormat::Table => {
            let mut report = Report::new(SHORT.iter().map(|c| c.to_string()).collect());
            for row in &rows {
                let cells = row.cells();
                let place = [("p.", 2), ("¶", 3), ("table ", 4), ("row ", 5), ("col ", 6)]
                    .iter()
                    .filter(|(_, i)| !cells[*i].is_empty())
                    .map(|(label, i)| format!("{label}{}", cells[*i]))
                    .collect::<Vec<_>>()
                    .join(" ");
                let verdict = match row.consistent {
                    Some(c) => Cell::Bool(c),
                    None => Cell::Text(String::new()),
                };
                let reason = if row.error.is_empty() {
                    &row.reason
                } else {
                    &row.error
                };
                report.push(vec![
                    Cell::Text(row.file.clone()),
                    Cell::Text(place),
                    Cell::Text(row.finding.values.clone()),
                    Cell::Text(cells[9].clone()),
                    Cell::Text(row.test.clone()),
                    verdict,
                    Cell::Text(row.verdict.clone()),
                    Cell::Text(reason.clone()),
                ]);
            }
            report.write(Format::Table, out)?;
        }
        ScanFormat::Csv | ScanFormat::Json => {
            let format = if matches!(args.format, ScanFormat::Csv) {
                Format::Csv
            } else {
                Format::Json
            };
            let mut report = Report::new(COLUMNS.iter().map(|c| c.to_string()).collect());
            for row in &rows {
                let cells = row.cells();
                report.push(
                    cells
                        .into_iter()
                        .enumerate()
                        .map(|(i, text)| match (COLUMNS[i], text.as_str()) {
                            ("consistent", "true") => Cell::Bool(true),
                            ("consistent", "false") => Cell::Bool(false),
                            _ => Cell::Text(text),
                        })
                        .collect(),
                );
            }
            report.write(format, out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The documents under `paths`: files as given, folders read recursively
/// (hidden files and folders skipped), in a stable order.
fn documents(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(format!("{} does not exist", path.display()));
        }
    }
    if files.is_empty() {
        return Err("no files to scan".into());
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}
