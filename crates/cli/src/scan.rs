//! `ferrox scan`: papers in, report out.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use ferrox::scan::{COLUMNS, Row, ScanOptions, files_under, html_report, scan_files};
use indicatif::{ProgressBar, ProgressStyle};

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
    let files = files_under(&args.paths)?;
    let bar = ProgressBar::new(files.len() as u64).with_style(ProgressStyle::with_template(
        "{bar:40} {pos}/{len} papers, {per_sec}, {eta} left",
    )?);
    if files.len() < 2 {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let rows: Vec<Row> = scan_files(&files, options, || bar.inc(1))
        .into_iter()
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
                let p = &row.finding.place;
                let place = [
                    ("p.", p.page),
                    ("¶", p.paragraph),
                    ("table ", p.table),
                    ("row ", p.row),
                    ("col ", p.column),
                ]
                .iter()
                .filter_map(|(label, value)| value.map(|v| format!("{label}{v}")))
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
                    Cell::Text(row.finding.n.map(|n| n.to_string()).unwrap_or_default()),
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
                report.push(row.table_cells());
            }
            report.write(format, out)?;
        }
    }
    out.flush()?;
    Ok(())
}
