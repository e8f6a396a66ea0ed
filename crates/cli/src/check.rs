//! `ferrox check`: a table of reported statistics, read as text (trailing
//! zeros stay where the author put them) and streamed in chunks of
//! [`CHUNK`] rows, so memory stays bounded however long it is.
//!
//! Two kinds of table: summaries (`x`, `n`, and optionally `sd`, `items`,
//! `binary`), each row tested by the test the core's `check` chooses for
//! it; and test statistics (`test`, `value`, `p`, optionally `df1`, `df2`;
//! or APA strings in `result`), each p-value recomputed by the core.

use std::io::Read;
use std::path::PathBuf;

use ferrox::Error;
use ferrox::check::{CheckOptions, Reported, check, is_missing};
use ferrox::decimal::split_parens;
use ferrox::input::truth;
use ferrox::run::CHUNK;
use ferrox::stats::apa::{Cells, parse_result};
use ferrox::stats::pcheck::{COLUMNS, PCheck, POptions, check_p_rows};

use crate::report::Cell;

/// Where a table comes from: a CSV file with a header row, or text.
pub enum Input {
    File(PathBuf),
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

    fn reader(&self) -> Result<csv::Reader<Box<dyn Read + '_>>, Box<dyn std::error::Error>> {
        let source: Box<dyn Read> = match self {
            Input::File(path) => Box::new(
                std::fs::File::open(path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
            ),
            Input::Text(text) => Box::new(text.as_slice()),
        };
        Ok(csv::Reader::from_reader(source))
    }
}

/// What to check: the table, the column of "M (SD)" cells to split, the
/// tests' settings, and whether every row with an SD is binary data.
pub struct Check {
    pub input: Input,
    pub split: Option<String>,
    pub options: CheckOptions,
    pub p_options: POptions,
    pub binary: bool,
}

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

fn missing(columns: &[&str]) -> Error {
    Error::invalid(
        "table",
        format!("it needs the columns {}", columns.join(", ")),
    )
}

impl Check {
    /// Reads the header (and, for summaries, the table once more to learn
    /// whether any row has no SD: GRIM's probability column then appears).
    pub fn layout(&self) -> Result<Layout, Box<dyn std::error::Error>> {
        let mut reader = self.input.reader()?;
        let mut columns: Vec<String> = reader.headers()?.iter().map(|h| h.trim().into()).collect();
        let find = |columns: &[String], name: &str| columns.iter().position(|h| h == name);
        let statistics = match (find(&columns, "test"), find(&columns, "result")) {
            (Some(test), _) => {
                let (Some(value), Some(p)) = (find(&columns, "value"), find(&columns, "p")) else {
                    return Err(missing(&["test", "value", "p"]).into());
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
                return Err("--split applies to tables of means and SDs".into());
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
            return Err(
                "the table needs the columns x and n (means), test, value and p (test \
                 statistics), or result (APA results)"
                    .into(),
            );
        };
        let sd = find(&columns, "sd");
        let probability = match (sd, split) {
            (_, Some(_)) => false,
            (None, None) => true,
            (Some(sd), None) => {
                let mut any = false;
                for record in reader.records() {
                    any |= record?.get(sd).is_none_or(is_missing);
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
        mut emit: impl FnMut(Vec<Cell>) -> std::io::Result<()>,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let mut reader = self.input.reader()?;
        let mut records = reader.records();
        let mut done = 0;
        loop {
            let mut chunk: Vec<Vec<String>> = Vec::with_capacity(CHUNK);
            for record in records.by_ref().take(CHUNK) {
                let mut fields: Vec<String> = record?.iter().map(str::to_owned).collect();
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
    fn summaries(&self, at: &Summaries, chunk: &[Vec<String>]) -> ferrox::Result<Vec<Vec<Cell>>> {
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
            .collect::<ferrox::Result<Vec<_>>>()?;
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
    fn statistics(&self, at: &Statistics, chunk: &[Vec<String>]) -> ferrox::Result<Vec<Vec<Cell>>> {
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
