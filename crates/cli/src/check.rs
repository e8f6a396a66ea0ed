//! Reading a table of reported statistics and testing every row with each
//! test its columns allow.

use std::path::Path;

use ferrox::debit::{DebitCase, DebitOptions, debit_map};
use ferrox::decimal::split_parens;
use ferrox::grim::{GrimCase, GrimOptions, grim_map};
use ferrox::grimmer::{GrimmerCase, GrimmerOptions, grimmer_map};
use ferrox::{Decimal, Error};

use crate::report::{Cell, Report};

/// A table as text: trailing zeros stay where the author put them.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// The settings of every test `check` may run.
pub struct CheckOptions {
    pub grim: GrimOptions,
    pub grimmer: GrimmerOptions,
    pub debit: DebitOptions,
    /// Every row with an SD is binary data (else only rows whose `binary`
    /// column says so).
    pub binary: bool,
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

    /// Splits the "M (SD)" cells of `column` into new columns `x` and `sd`.
    pub fn split(&mut self, column: &str) -> ferrox::Result<()> {
        let index = self.column(column).ok_or_else(|| missing(&[column]))?;
        // `x` and `sd` columns the table already has are replaced, as in
        // Python's and R's split_parens.
        let [x_at, sd_at] = ["x", "sd"].map(|name| {
            self.column(name).unwrap_or_else(|| {
                self.headers.push(name.to_owned());
                self.headers.len() - 1
            })
        });
        let width = self.headers.len();
        for (row, fields) in self.rows.iter_mut().enumerate() {
            let cell = fields.get(index).map_or("", String::as_str);
            let (x, sd) = split_parens(cell).map_err(|e| e.in_row(row))?;
            let (x, sd) = (x.to_owned(), sd.to_owned());
            fields.resize(width, String::new());
            fields[x_at] = x;
            fields[sd_at] = sd;
        }
        Ok(())
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
}

fn missing(columns: &[&str]) -> Error {
    Error::InvalidArgument {
        name: "table",
        reason: format!("it needs the columns {}", columns.join(", ")),
    }
}

fn whole(text: &str, name: &'static str) -> ferrox::Result<u64> {
    text.trim().parse().map_err(|_| Error::InvalidArgument {
        name,
        reason: format!("{text:?} is not a whole number"),
    })
}

fn is_missing(cell: &str) -> bool {
    matches!(cell.trim(), "" | "NA")
}

fn is_true(cell: &str) -> bool {
    matches!(
        cell.trim().to_ascii_lowercase().as_str(),
        "true" | "t" | "yes" | "1"
    )
}

/// The cases of one test, with the table rows they come from.
struct Group<C> {
    rows: Vec<usize>,
    cases: Vec<C>,
}

impl<C> Default for Group<C> {
    fn default() -> Self {
        Group {
            rows: Vec::new(),
            cases: Vec::new(),
        }
    }
}

impl<C> Group<C> {
    fn push(&mut self, row: usize, case: C) {
        self.rows.push(row);
        self.cases.push(case);
    }

    /// A group-relative row in an error, made a table row again.
    fn table_row(&self, error: Error) -> Error {
        match error {
            Error::InRow { row, source } => match self.rows.get(row - 1) {
                Some(&table_row) => source.in_row(table_row),
                None => Error::InRow { row, source },
            },
            other => other,
        }
    }
}

/// The verdict columns of one row.
struct Verdict {
    test: &'static str,
    consistency: Cell,
    reason: String,
    /// GRIM's chance that a random report would be inconsistent.
    probability: Option<f64>,
}

/// Every row tested: GRIM where there is a mean and `n`, GRIMMER where there
/// is also an SD, DEBIT instead where the data are binary. The table comes
/// back with `test`, `consistency` and `reason` appended, and GRIM's
/// `probability` where any row had GRIM alone.
pub fn check_report(table: &Table, opts: &CheckOptions) -> ferrox::Result<Report> {
    let (Some(x), Some(n)) = (table.column("x"), table.column("n")) else {
        return Err(missing(&["x", "n"]));
    };
    let (sd, items, binary) = (
        table.column("sd"),
        table.column("items"),
        table.column("binary"),
    );
    let mut grim = Group::default();
    let mut grimmer = Group::default();
    let mut debit = Group::default();
    for (row, fields) in table.rows.iter().enumerate() {
        let field = |i: usize| fields.get(i).map_or("", String::as_str);
        let mut sort = || -> ferrox::Result<()> {
            let items = items.map_or(Ok(1), |i| whole(field(i), "items"))?;
            let items = u32::try_from(items).map_err(|_| Error::Overflow("items"))?;
            let (mean, size) = (Decimal::parse(field(x))?, whole(field(n), "n")?);
            match sd.map(field).filter(|cell| !is_missing(cell)) {
                None => grim.push(row, GrimCase::new(mean, size, items)?),
                Some(cell) if opts.binary || binary.is_some_and(|b| is_true(field(b))) => {
                    debit.push(row, DebitCase::new(mean, Decimal::parse(cell)?, size)?)
                }
                Some(cell) => grimmer.push(
                    row,
                    GrimmerCase::new(mean, Decimal::parse(cell)?, size, items)?,
                ),
            }
            Ok(())
        };
        sort().map_err(|e| e.in_row(row))?;
    }
    let mut verdicts: Vec<Option<Verdict>> = (0..table.rows.len()).map(|_| None).collect();
    let grim_rows = grim_map(&grim.cases, &opts.grim).map_err(|e| grim.table_row(e))?;
    for (&row, out) in grim.rows.iter().zip(grim_rows) {
        verdicts[row] = Some(Verdict {
            test: "GRIM",
            consistency: Cell::Bool(out.consistency),
            reason: if out.consistency {
                "Passed all"
            } else {
                "GRIM inconsistent"
            }
            .into(),
            probability: Some(out.probability),
        });
    }
    let grimmer_rows =
        grimmer_map(&grimmer.cases, &opts.grimmer).map_err(|e| grimmer.table_row(e))?;
    for (&row, out) in grimmer.rows.iter().zip(grimmer_rows) {
        verdicts[row] = Some(Verdict {
            test: "GRIMMER",
            consistency: Cell::Bool(out.is_consistent()),
            reason: out.reason().into(),
            probability: None,
        });
    }
    let debit_rows = debit_map(&debit.cases, &opts.debit).map_err(|e| debit.table_row(e))?;
    for (&row, out) in debit.rows.iter().zip(debit_rows) {
        let (consistency, reason) = match out.consistency {
            Some(true) => (Cell::Bool(true), "Passed all"),
            Some(false) => (Cell::Bool(false), "DEBIT inconsistent"),
            None => (Cell::Text("NA".into()), "DEBIT undecided (NA in scrutiny)"),
        };
        verdicts[row] = Some(Verdict {
            test: "DEBIT",
            consistency,
            reason: reason.into(),
            probability: None,
        });
    }
    let mut report = table.report();
    let mut columns: [Vec<Cell>; 4] = Default::default();
    for verdict in verdicts.into_iter().flatten() {
        columns[0].push(Cell::Text(verdict.test.into()));
        columns[1].push(verdict.consistency);
        columns[2].push(Cell::Text(verdict.reason));
        columns[3].push(
            verdict
                .probability
                .map_or(Cell::Text(String::new()), Cell::Float),
        );
    }
    let names = ["test", "consistency", "reason", "probability"];
    let shown = if grim.rows.is_empty() { 3 } else { 4 };
    for (name, cells) in names.into_iter().zip(columns).take(shown) {
        report.add_column(name, cells);
    }
    Ok(report)
}
