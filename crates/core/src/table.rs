//! Tables of reported statistics, as the CLI's `check` and the web page
//! test them: a CSV read as text (trailing zeros stay where the author put
//! them) and streamed in chunks of [`CHUNK`] rows, so memory stays bounded
//! however long it is.
//!
//! Two kinds of table: summaries (`x`, `n`, and optionally `sd`, `items`,
//! `binary`), each row tested by the test [`check`] chooses for it; and test
//! statistics (`test`, `value`, `p`, optionally `df1`, `df2`; or APA strings
//! in `result`), each p-value recomputed by [`check_p_rows`]. The result
//! columns are appended to the table's own.
//!
//! ```
//! use ferrox::table::{Check, Input};
//! let check = Check::new(Input::Text(b"x,n\n5.19,28\n5.18,28\n".to_vec()));
//! let layout = check.layout()?;
//! let mut verdicts = Vec::new();
//! check.rows(&layout, |row| {
//!     verdicts.push(row[3].text());
//!     Ok(())
//! })?;
//! assert_eq!(layout.columns[3], "consistency");
//! assert_eq!(verdicts, ["false", "true"]);
//! # Ok::<(), ferrox::Error>(())
//! ```
//!
//! Columns named otherwise are mapped to their fields:
//!
//! ```
//! use ferrox::table::{Check, Input};
//! let mut check = Check::new(Input::Text(b"Mean,N\n5.19,28\n".to_vec()));
//! check.names = vec![("x".into(), "Mean".into()), ("n".into(), "N".into())];
//! assert_eq!(check.layout()?.columns[..3], ["Mean", "N", "test"]);
//! # Ok::<(), ferrox::Error>(())
//! ```

use std::io::Read;
use std::path::PathBuf;

use crate::Error;
use crate::check::{CheckOptions, Reported, check, is_missing};
use crate::decimal::split_parens;
use crate::input::truth;
use crate::run::CHUNK;
use crate::stats::apa::{Cells, parse_result};
use crate::stats::pcheck::{COLUMNS, PCheck, POptions, check_p_rows};

/// One value of a result row.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text as read, or a result in words.
    Text(String),
    /// A computed number.
    Float(f64),
    /// A verdict.
    Bool(bool),
}

/// Text as a string, numbers as numbers (non-finite ones as null), verdicts
/// as booleans: what JSON readers expect of a table.
impl serde::Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(s) => serializer.serialize_str(s),
            Cell::Float(x) if x.is_finite() => serializer.serialize_f64(*x),
            Cell::Float(_) => serializer.serialize_none(),
            Cell::Bool(b) => serializer.serialize_bool(*b),
        }
    }
}

impl Cell {
    /// The cell as text: floats in Rust's shortest round-trip form.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Float(x) => x.to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }
}

/// Where a table comes from: a CSV file with a header row, or text.
pub enum Input {
    /// A file, read twice at most (never held in memory).
    File(PathBuf),
    /// CSV text in memory.
    Text(Vec<u8>),
}

impl Input {
    /// A one-row table from named values.
    pub fn single(cells: &[(&str, String)]) -> Self {
        let header: Vec<&str> = cells.iter().map(|(h, _)| *h).collect();
        let row: Vec<&str> = cells.iter().map(|(_, v)| v.as_str()).collect();
        Input::records([header, row])
    }

    /// A one-column table of `values` under `header`.
    pub fn column(header: &str, values: &[String]) -> Self {
        Input::records(std::iter::once(vec![header]).chain(values.iter().map(|v| vec![v.as_str()])))
    }

    /// A table written as CSV in memory, header first.
    fn records<'a>(records: impl IntoIterator<Item = Vec<&'a str>>) -> Self {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let written = records
            .into_iter()
            .try_for_each(|record| writer.write_record(record));
        let text = written
            .ok()
            .and_then(|()| writer.into_inner().ok())
            .unwrap_or_default();
        Input::Text(text)
    }

    fn reader(&self) -> crate::Result<csv::Reader<Box<dyn Read + '_>>> {
        let source: Box<dyn Read> = match self {
            Input::File(path) => {
                Box::new(std::fs::File::open(path).map_err(|e| Error::Unreadable {
                    format: "file",
                    reason: format!("{}: {e}", path.display()),
                })?)
            }
            Input::Text(text) => Box::new(text.as_slice()),
        };
        Ok(csv::Reader::from_reader(source))
    }
}

/// What to check: the table, the column of "M (SD)" cells to split, the
/// tests' settings, and whether every row with an SD is binary data.
pub struct Check {
    /// The table.
    pub input: Input,
    /// A column of "M (SD)" cells, split into `x` and `sd`.
    pub split: Option<String>,
    /// Settings of GRIM, GRIMMER and DEBIT.
    pub options: CheckOptions,
    /// Settings of the p check.
    pub p_options: POptions,
    /// Every row with an SD is binary data (DEBIT).
    pub binary: bool,
    /// Fields whose columns have other names: (field, column), as
    /// `("x", "Mean")`. The fields are those of [`FIELDS`].
    pub names: Vec<(String, String)>,
}

/// The fields a table's columns can hold.
pub const FIELDS: [&str; 11] = [
    "x", "sd", "n", "items", "binary", "test", "value", "df1", "df2", "p", "result",
];

/// Where each field is, once the header is read.
pub struct Layout {
    /// The table's columns (with `x` and `sd` added by a split), then the
    /// result columns.
    pub columns: Vec<String>,
    width: usize,
    /// The "M (SD)" column, and where its two halves go.
    split: Option<(usize, usize, usize)>,
    kind: Kind,
}

impl Layout {
    /// Whether the table holds test statistics (else means and SDs).
    pub fn is_statistics(&self) -> bool {
        matches!(self.kind, Kind::Statistics(_))
    }
}

/// Which kind of table, and where its fields are.
enum Kind {
    Summaries(Summaries),
    Statistics(Statistics),
}

/// Where a summary table's fields are.
struct Summaries {
    x: usize,
    n: usize,
    sd: Option<usize>,
    items: Option<usize>,
    binary: Option<usize>,
    /// GRIM's probability is shown when some row has no SD.
    probability: bool,
}

/// Where a table of test statistics has its fields.
enum Statistics {
    /// APA strings in one column.
    Results(usize),
    /// One part per column.
    Columns {
        test: usize,
        value: usize,
        df1: Option<usize>,
        df2: Option<usize>,
        p: usize,
    },
}

fn unreadable(e: csv::Error) -> Error {
    Error::Unreadable {
        format: "CSV table",
        reason: e.to_string(),
    }
}

fn missing(columns: &[&str]) -> Error {
    Error::invalid(
        "table",
        format!("it needs the columns {}", columns.join(", ")),
    )
}

impl Check {
    /// A check of `input` with the default options: no split, exact tests.
    pub fn new(input: Input) -> Self {
        Check {
            input,
            split: None,
            options: CheckOptions::default(),
            p_options: POptions::default(),
            binary: false,
            names: Vec::new(),
        }
    }

    /// Reads the header (and, for summaries, the table once more to learn
    /// whether any row has no SD: GRIM's probability column then appears).
    pub fn layout(&self) -> crate::Result<Layout> {
        let mut reader = self.input.reader()?;
        let mut columns: Vec<String> = reader
            .headers()
            .map_err(unreadable)?
            .iter()
            .map(|h| h.trim().into())
            .collect();
        for (field, column) in &self.names {
            if !FIELDS.contains(&field.as_str()) {
                return Err(Error::invalid(
                    "columns",
                    format!("{field:?} is not a field; fields are {}", FIELDS.join(", ")),
                ));
            }
            if !columns.contains(column) {
                return Err(Error::invalid(
                    "columns",
                    format!("the table has no column {column:?} (for {field})"),
                ));
            }
        }
        let find = |columns: &[String], field: &str| {
            let name = self
                .names
                .iter()
                .find(|(f, _)| f == field)
                .map_or(field, |(_, column)| column.as_str());
            columns.iter().position(|h| h == name)
        };
        let statistics = match (find(&columns, "test"), find(&columns, "result")) {
            (Some(test), _) => {
                let (Some(value), Some(p)) = (find(&columns, "value"), find(&columns, "p")) else {
                    return Err(missing(&["test", "value", "p"]));
                };
                Some(Statistics::Columns {
                    test,
                    value,
                    df1: find(&columns, "df1"),
                    df2: find(&columns, "df2"),
                    p,
                })
            }
            (None, Some(result)) => Some(Statistics::Results(result)),
            (None, None) => None,
        };
        if let Some(statistics) = statistics {
            if self.split.is_some() {
                return Err(Error::invalid(
                    "split",
                    "it applies to tables of means and SDs, not of test statistics",
                ));
            }
            let width = columns.len();
            columns.extend(COLUMNS.map(String::from));
            return Ok(Layout {
                columns,
                width,
                split: None,
                kind: Kind::Statistics(statistics),
            });
        }
        let split = match &self.split {
            Some(name) => {
                let cells = find(&columns, name).ok_or_else(|| missing(&[name]))?;
                // Existing `x` and `sd` columns are replaced, as in Python's
                // and R's split_parens.
                let [x, sd] = ["x", "sd"].map(|half| {
                    find(&columns, half).unwrap_or_else(|| {
                        columns.push(half.into());
                        columns.len() - 1
                    })
                });
                Some((cells, x, sd))
            }
            None => None,
        };
        let (Some(x), Some(n)) = (find(&columns, "x"), find(&columns, "n")) else {
            return Err(Error::invalid(
                "table",
                "it needs the columns x and n (means), test, value and p (test statistics), or \
                 result (APA results)",
            ));
        };
        let sd = find(&columns, "sd");
        let probability = match (sd, split) {
            (_, Some(_)) => false,
            (None, None) => true,
            (Some(sd), None) => {
                let mut any = false;
                for record in reader.records() {
                    any |= record.map_err(unreadable)?.get(sd).is_none_or(is_missing);
                }
                any
            }
        };
        let width = columns.len();
        let (items, binary) = (find(&columns, "items"), find(&columns, "binary"));
        columns.extend(["test", "consistency", "reason"].map(String::from));
        if probability {
            columns.push("probability".into());
        }
        Ok(Layout {
            columns,
            width,
            split,
            kind: Kind::Summaries(Summaries {
                x,
                n,
                sd,
                items,
                binary,
                probability,
            }),
        })
    }

    /// Every row with its results appended, chunk by chunk, to `emit`.
    pub fn rows(
        &self,
        layout: &Layout,
        mut emit: impl FnMut(Vec<Cell>) -> crate::Result<()>,
    ) -> crate::Result<()> {
        let mut reader = self.input.reader()?;
        let mut records = reader.records();
        let mut done = 0;
        loop {
            let mut chunk: Vec<Vec<String>> = Vec::with_capacity(CHUNK);
            for record in records.by_ref().take(CHUNK) {
                let mut fields: Vec<String> = record
                    .map_err(unreadable)?
                    .iter()
                    .map(str::to_owned)
                    .collect();
                fields.resize(layout.width, String::new());
                if let Some((cells, x, sd)) = layout.split {
                    let (mean, spread) =
                        split_parens(&fields[cells]).map_err(|e| e.in_row(done + chunk.len()))?;
                    (fields[x], fields[sd]) = (mean.to_owned(), spread.to_owned());
                }
                chunk.push(fields);
            }
            if chunk.is_empty() {
                return Ok(());
            }
            let verdicts = match &layout.kind {
                Kind::Summaries(summaries) => self.summaries(summaries, &chunk),
                Kind::Statistics(statistics) => self.statistics(statistics, &chunk),
            }
            .map_err(|e| e.map_row(|r| done + r))?;
            done += chunk.len();
            for (fields, verdict) in chunk.into_iter().zip(verdicts) {
                let mut row: Vec<Cell> = fields.into_iter().map(Cell::Text).collect();
                row.extend(verdict);
                emit(row)?;
            }
        }
    }

    /// GRIM, GRIMMER or DEBIT for each row: the cells appended.
    fn summaries(&self, at: &Summaries, chunk: &[Vec<String>]) -> crate::Result<Vec<Vec<Cell>>> {
        let cases = chunk
            .iter()
            .enumerate()
            .map(|(row, fields)| {
                let binary = match at.binary {
                    Some(i) => truth(&fields[i], "binary").map_err(|e| e.in_row(row))?,
                    None => None,
                };
                Ok(Reported {
                    x: &fields[at.x],
                    sd: at.sd.map(|i| fields[i].as_str()),
                    n: &fields[at.n],
                    items: at.items.map(|i| fields[i].as_str()),
                    binary: self.binary || binary == Some(true),
                })
            })
            .collect::<crate::Result<Vec<_>>>()?;
        let verdicts = check(&cases, &self.options)?;
        Ok(verdicts
            .into_iter()
            .map(|verdict| {
                let mut cells = vec![
                    Cell::Text(verdict.test.name().into()),
                    verdict
                        .consistency
                        .map_or(Cell::Text("NA".into()), Cell::Bool),
                    Cell::Text(verdict.reason.into()),
                ];
                if at.probability {
                    cells.push(
                        verdict
                            .probability
                            .map_or(Cell::Text(String::new()), Cell::Float),
                    );
                }
                cells
            })
            .collect())
    }

    /// The p check for each row: the cells appended.
    fn statistics(&self, at: &Statistics, chunk: &[Vec<String>]) -> crate::Result<Vec<Vec<Cell>>> {
        let row = |i: usize| {
            let fields = &chunk[i];
            match *at {
                Statistics::Results(result) => parse_result(&fields[result]),
                Statistics::Columns {
                    test,
                    value,
                    df1,
                    df2,
                    p,
                } => Cells {
                    test: &fields[test],
                    value: &fields[value],
                    df1: df1.map(|i| fields[i].as_str()),
                    df2: df2.map(|i| fields[i].as_str()),
                    p: &fields[p],
                }
                .parse(),
            }
        };
        let checks = check_p_rows(chunk.len(), row, &self.p_options)?;
        Ok(checks.into_iter().map(p_cells).collect())
    }
}

/// A p check as the cells of its [`COLUMNS`].
fn p_cells(check: PCheck) -> Vec<Cell> {
    vec![
        Cell::Float(check.computed_p),
        Cell::Float(check.computed_p_low),
        Cell::Float(check.computed_p_high),
        Cell::Bool(check.consistency),
        Cell::Bool(check.decision_error),
        Cell::Bool(check.one_tailed_possible),
        Cell::Text(check.reason.into_owned()),
    ]
}
