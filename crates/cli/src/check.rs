//! Reading a table of reported statistics and testing every row.

use std::path::Path;

use ferrox::grim::{GrimCase, GrimOptions, grim_map};
use ferrox::{Decimal, Error};

use crate::report::{Cell, Report};

/// A table as text: trailing zeros stay where the author put them.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Reads a CSV file with a header row.
    pub fn read(path: &Path) -> Result<Self, Box<dyn std::error::Error>> {
        let mut reader = csv::Reader::from_path(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let headers = reader
            .headers()?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        let rows = reader
            .records()
            .map(|r| r.map(|r| r.iter().map(str::to_owned).collect()))
            .collect::<Result<_, _>>()?;
        Ok(Table { headers, rows })
    }

    /// A one-row table from named values.
    pub fn single(cells: &[(&str, String)]) -> Self {
        Table {
            headers: cells.iter().map(|(h, _)| (*h).to_owned()).collect(),
            rows: vec![cells.iter().map(|(_, v)| v.clone()).collect()],
        }
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// The table's own columns, to which results are appended.
    fn report(&self) -> Report {
        let mut report = Report::new(self.headers.clone());
        for row in &self.rows {
            report.push(row.iter().cloned().map(Cell::Text).collect());
        }
        report
    }

    /// The GRIM cases: columns `x` and `n`, and `items` where present.
    fn grim_cases(&self) -> ferrox::Result<Vec<GrimCase>> {
        let (Some(x), Some(n)) = (self.column("x"), self.column("n")) else {
            return Err(Error::InvalidArgument {
                name: "table",
                reason: "GRIM needs the columns `x` and `n`".into(),
            });
        };
        let items = self.column("items");
        self.rows
            .iter()
            .enumerate()
            .map(|(row, fields)| {
                let field = |i: usize| fields.get(i).map_or("", String::as_str);
                let case = (|| {
                    let items = items.map_or(Ok(1), |i| whole(field(i), "items"))?;
                    let items = u32::try_from(items).map_err(|_| Error::Overflow("items"))?;
                    GrimCase::new(Decimal::parse(field(x))?, whole(field(n), "n")?, items)
                })();
                case.map_err(|e| e.in_row(row))
            })
            .collect()
    }
}

fn whole(text: &str, name: &'static str) -> ferrox::Result<u64> {
    text.trim().parse().map_err(|_| Error::InvalidArgument {
        name,
        reason: format!("{text:?} is not a whole number"),
    })
}

/// The table with GRIM's verdict and the chance that a random report would
/// have been inconsistent appended to every row.
pub fn grim_report(table: &Table, opts: &GrimOptions) -> ferrox::Result<Report> {
    let cases = table.grim_cases()?;
    let rows = grim_map(&cases, opts)?;
    let consistency = rows.iter().map(|r| Cell::Bool(r.consistency)).collect();
    let probability = rows.iter().map(|r| Cell::Float(r.probability)).collect();
    let mut report = table.report();
    report.add_column("consistency", consistency);
    report.add_column("probability", probability);
    Ok(report)
}
