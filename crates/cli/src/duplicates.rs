//! `ferrox duplicates`: values repeated within and across the columns of a
//! CSV table, as scrutiny's `duplicate_count`, `duplicate_tally` and
//! `duplicate_count_colpair`, or their `audit()`.

use std::path::PathBuf;

use clap::Args;
use ferrox::audit::{Audited, duplicate_audit};
use ferrox::duplicates::{duplicate_count, duplicate_count_colpair, duplicate_tally};

use crate::csv_table::CsvTable;
use crate::report::{Cell, Format, Report};

/// Which table of duplicates to print.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Every value with how often and in which columns it occurs.
    Count,
    /// The table with each cell's count after each column.
    Tally,
    /// Every pair of columns with how many values they share.
    Colpair,
}

#[derive(Args)]
pub struct DuplicatesArgs {
    /// A CSV file with a header row.
    table: PathBuf,
    /// Which table to print.
    #[arg(long, value_enum, default_value_t = Kind::Count)]
    kind: Kind,
    /// A value not to count; repeat for several.
    #[arg(long, allow_hyphen_values = true)]
    ignore: Vec<String>,
    /// Print the table's summary statistics (scrutiny's `audit()`) instead.
    #[arg(long)]
    audit: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(args: &DuplicatesArgs) -> Result<(), Box<dyn std::error::Error>> {
    let table = CsvTable::read(&args.table)?;
    let (names, rows) = match args.kind {
        Kind::Count => count(&table, &args.ignore),
        Kind::Tally => tally(&table, &args.ignore),
        Kind::Colpair => colpair(&table, &args.ignore),
    };
    let report = if args.audit {
        audit(&names, &rows)?
    } else {
        report(names, rows)
    };
    report.write(args.format, &mut std::io::stdout().lock())?;
    Ok(())
}

type Rows = Vec<Vec<Cell>>;

fn count(table: &CsvTable, ignore: &[String]) -> (Vec<String>, Rows) {
    let rows = duplicate_count(&table.cells, ignore)
        .into_iter()
        .map(|d| {
            let locations: Vec<&str> = d
                .locations
                .iter()
                .map(|&c| table.header[c].as_str())
                .collect();
            vec![
                Cell::Text(d.value),
                Cell::Float(d.frequency as f64),
                Cell::Text(locations.join(", ")),
                Cell::Float(locations.len() as f64),
            ]
        })
        .collect();
    (
        owned(&["value", "frequency", "locations", "locations_n"]),
        rows,
    )
}

fn tally(table: &CsvTable, ignore: &[String]) -> (Vec<String>, Rows) {
    let counts = duplicate_tally(&table.cells, ignore);
    let names = table
        .header
        .iter()
        .flat_map(|h| [h.clone(), format!("{h}_n")])
        .collect();
    let height = table.cells.first().map_or(0, Vec::len);
    let rows = (0..height)
        .map(|row| {
            table
                .cells
                .iter()
                .zip(&counts)
                .flat_map(|(cells, counts)| {
                    let count = counts[row].map_or(f64::NAN, |c| c as f64);
                    [Cell::Text(cells[row].clone()), Cell::Float(count)]
                })
                .collect()
        })
        .collect();
    (names, rows)
}

fn colpair(table: &CsvTable, ignore: &[String]) -> (Vec<String>, Rows) {
    let rows = duplicate_count_colpair(&table.cells, ignore)
        .into_iter()
        .map(|p| {
            vec![
                Cell::Text(table.header[p.x].clone()),
                Cell::Text(table.header[p.y].clone()),
                Cell::Float(p.count as f64),
                Cell::Float(p.total_x as f64),
                Cell::Float(p.total_y as f64),
                Cell::Float(p.count as f64 / p.total_x as f64),
                Cell::Float(p.count as f64 / p.total_y as f64),
            ]
        })
        .collect();
    let columns = ["x", "y", "count", "total_x", "total_y", "rate_x", "rate_y"];
    (owned(&columns), rows)
}

fn owned(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|&c| c.to_owned()).collect()
}

fn report(names: Vec<String>, rows: Rows) -> Report {
    let mut report = Report::new(names);
    rows.into_iter().for_each(|row| report.push(row));
    report
}

/// The summary statistics of the numeric columns the core picks.
fn audit(names: &[String], rows: &Rows) -> Result<Report, ferrox::Error> {
    let kind = Audited::detect(names)?;
    let picked = kind.summarised(names);
    let columns: Vec<Vec<f64>> = picked
        .iter()
        .map(|&c| {
            rows.iter()
                .map(|row| match row[c] {
                    Cell::Float(x) => x,
                    _ => f64::NAN,
                })
                .collect()
        })
        .collect();
    let terms: Vec<&str> = picked.iter().map(|&c| names[c].as_str()).collect();
    let columns_out = [
        "term", "mean", "sd", "median", "min", "max", "na_count", "na_rate",
    ];
    let mut out = Report::new(owned(&columns_out));
    for row in duplicate_audit(kind, &terms, &columns)? {
        let mut cells = vec![Cell::Text(row.term)];
        cells.extend(row.stats.map(Cell::Float));
        cells.extend([Cell::Float(row.na_count as f64), Cell::Float(row.na_rate)]);
        out.push(cells);
    }
    Ok(out)
}
