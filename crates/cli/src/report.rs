//! Printing a table of results as aligned text, CSV or JSON.

use std::io::Write;

use clap::ValueEnum;

/// How to print a report.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading, with a summary line.
    Table,
    /// CSV with a header row.
    Csv,
    /// A JSON array of objects, one per row.
    Json,
}

pub use ferrox::table::Cell;

/// For reading: floats with at most four decimals, no trailing zeros.
fn short(cell: &Cell) -> String {
    let text = cell.text();
    match (cell, text.split_once('.')) {
        (Cell::Float(x), Some((_, decimals))) if decimals.len() > 4 => {
            let rounded = format!("{x:.4}");
            match rounded.trim_end_matches('0').trim_end_matches('.') {
                "-0" => "0".to_owned(),
                trimmed => trimmed.to_owned(),
            }
        }
        _ => text,
    }
}

/// Named columns and rows of cells, kept in memory (small reports).
pub struct Report {
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Report {
    pub fn new(columns: Vec<String>) -> Self {
        Report {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    pub fn write(&self, format: Format, out: &mut impl Write) -> std::io::Result<()> {
        let mut widths = Widths::new(&self.columns);
        self.rows.iter().for_each(|row| widths.measure(row));
        let mut stream = Stream::new(format, &self.columns, widths, out)?;
        for row in &self.rows {
            stream.push(row)?;
        }
        stream.finish()
    }
}

/// The widths of an aligned table's columns, and how many rows say
/// "inconsistent": the first of two passes over rows too many to keep.
pub struct Widths {
    widths: Vec<usize>,
    verdict: Option<usize>,
    rows: usize,
    inconsistent: usize,
}

impl Widths {
    pub fn new(columns: &[String]) -> Self {
        Widths {
            widths: columns.iter().map(String::len).collect(),
            verdict: columns
                .iter()
                .position(|c| c == "consistency" || c == "consistent"),
            rows: 0,
            inconsistent: 0,
        }
    }

    pub fn measure(&mut self, row: &[Cell]) {
        for (width, cell) in self.widths.iter_mut().zip(row) {
            *width = (*width).max(short(cell).len());
        }
        self.rows += 1;
        if let Some(i) = self.verdict {
            self.inconsistent += usize::from(matches!(row.get(i), Some(Cell::Bool(false))));
        }
    }
}

/// Rows written as they come: CSV, JSON, or an aligned table whose widths
/// were measured before.
pub struct Stream<'a, W: Write> {
    sink: Sink<'a, W>,
    columns: &'a [String],
    widths: Widths,
    written: usize,
}

/// Where a stream's rows go, by format.
enum Sink<'a, W: Write> {
    Csv(Box<csv::Writer<&'a mut W>>),
    Json(&'a mut W),
    Table(&'a mut W),
}

impl<'a, W: Write> Stream<'a, W> {
    pub fn new(
        format: Format,
        columns: &'a [String],
        widths: Widths,
        out: &'a mut W,
    ) -> std::io::Result<Self> {
        let sink = match format {
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(columns)?;
                Sink::Csv(Box::new(writer))
            }
            Format::Json => {
                write!(out, "[")?;
                Sink::Json(out)
            }
            Format::Table => {
                let header: Vec<Cell> = columns.iter().cloned().map(Cell::Text).collect();
                line(out, &widths.widths, &header)?;
                Sink::Table(out)
            }
        };
        Ok(Stream {
            sink,
            columns,
            widths,
            written: 0,
        })
    }

    pub fn push(&mut self, row: &[Cell]) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Csv(writer) => writer.write_record(row.iter().map(Cell::text))?,
            Sink::Json(out) => {
                let object = self
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, cell)| Ok((c.clone(), serde_json::to_value(cell)?)))
                    .collect::<serde_json::Result<serde_json::Map<_, _>>>()?;
                let text = serde_json::to_string_pretty(&object)?;
                let separator = if self.written == 0 { "" } else { "," };
                write!(out, "{separator}\n  {}", text.replace('\n', "\n  "))?;
            }
            Sink::Table(out) => line(out, &self.widths.widths, row)?,
        }
        self.written += 1;
        Ok(())
    }

    pub fn finish(self) -> std::io::Result<()> {
        match self.sink {
            Sink::Csv(mut writer) => writer.flush(),
            Sink::Json(out) => {
                let end = if self.written == 0 { "]" } else { "\n]" };
                writeln!(out, "{end}")
            }
            Sink::Table(out) => match self.widths.verdict {
                Some(_) => {
                    let (inconsistent, rows) = (self.widths.inconsistent, self.widths.rows);
                    writeln!(out, "\n{inconsistent} of {rows} cases inconsistent")
                }
                None => Ok(()),
            },
        }
    }
}

/// One row of an aligned table, each cell right-aligned to its width.
fn line(out: &mut impl Write, widths: &[usize], row: &[Cell]) -> std::io::Result<()> {
    let padded: Vec<String> = row
        .iter()
        .zip(widths)
        .map(|(cell, w)| format!("{:>w$}", short(cell)))
        .collect();
    writeln!(out, "{}", padded.join("  "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_short() {
        let read = |x: f64| short(&Cell::Float(x));
        assert_eq!(read(246.695_01), "246.695");
        assert_eq!(read(97.58), "97.58");
        assert_eq!(read(0.123_456), "0.1235");
        assert_eq!(read(2.000_01), "2");
        assert_eq!(read(-0.000_01), "0");
        assert_eq!(read(300.0), "300");
    }
}
