//! `ferrox check`: a table of reported statistics, read as text (trailing
//! zeros stay where the author put them) and streamed in chunks of
//! [`CHUNK`] rows, so memory stays bounded however long it is, each row
//! tested by the test the core's `check` chooses for it.

use std::io::Read;
use std::path::PathBuf;

use ferrox::Error;
use ferrox::check::{CheckOptions, Reported, check, is_missing};
use ferrox::decimal::split_parens;
use ferrox::input::truth;
use ferrox::run::CHUNK;

use crate::report::Cell;

/// Where a table comes from: a CSV file with a header row, or text.
pub enum Input {
    File(PathBuf),
    Text(Vec<u8>),
}

impl Input {
    /// A one-row table from named values.
    pub fn single(cells: &[(&str, String)]) -> Self {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let written = writer
            .write_record(cells.iter().map(|(h, _)| *h))
            .and_then(|()| writer.write_record(cells.iter().map(|(_, v)| v)));
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
    pub binary: bool,
}

/// Where each field is, once the header is read.
pub struct Layout {
    /// The table's columns (with `x` and `sd` added by a split), then the
    /// result columns.
    pub columns: Vec<String>,
    width: usize,
    x: usize,
    n: usize,
    sd: Option<usize>,
    items: Option<usize>,
    binary: Option<usize>,
    /// The "M (SD)" column, and where its two halves go.
    split: Option<(usize, usize, usize)>,
    /// GRIM's probability is shown when some row has no SD.
    probability: bool,
}

fn missing(columns: &[&str]) -> Error {
    Error::invalid(
        "table",
        format!("it needs the columns {}", columns.join(", ")),
    )
}

impl Check {
    /// Reads the header, and the table once more to learn whether any row
    /// has no SD (GRIM's probability column then appears).
    pub fn layout(&self) -> Result<Layout, Box<dyn std::error::Error>> {
        let mut reader = self.input.reader()?;
        let mut columns: Vec<String> = reader.headers()?.iter().map(|h| h.trim().into()).collect();
        let find = |columns: &[String], name: &str| columns.iter().position(|h| h == name);
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
            return Err(missing(&["x", "n"]).into());
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
            x,
            n,
            sd,
            items,
            binary,
            split,
            probability,
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
            let cases = chunk
                .iter()
                .enumerate()
                .map(|(row, fields)| {
                    let binary = match layout.binary {
                        Some(i) => truth(&fields[i], "binary").map_err(|e| e.in_row(done + row))?,
                        None => None,
                    };
                    Ok(Reported {
                        x: &fields[layout.x],
                        sd: layout.sd.map(|i| fields[i].as_str()),
                        n: &fields[layout.n],
                        items: layout.items.map(|i| fields[i].as_str()),
                        binary: self.binary || binary == Some(true),
                    })
                })
                .collect::<ferrox::Result<Vec<_>>>()?;
            let verdicts = check(&cases, &self.options).map_err(|e| e.map_row(|r| done + r))?;
            done += chunk.len();
            for (fields, verdict) in chunk.into_iter().zip(verdicts) {
                let mut row: Vec<Cell> = fields.into_iter().map(Cell::Text).collect();
                row.push(Cell::Text(verdict.test.name().into()));
                row.push(
                    verdict
                        .consistency
                        .map_or(Cell::Text("NA".into()), Cell::Bool),
                );
                row.push(Cell::Text(verdict.reason.into()));
                if layout.probability {
                    row.push(
                        verdict
                            .probability
                            .map_or(Cell::Text(String::new()), Cell::Float),
                    );
                }
                emit(row)?;
            }
        }
    }
}
