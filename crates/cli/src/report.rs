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

/// One value of a report.
pub enum Cell {
    Text(String),
    Float(f64),
    Bool(bool),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Float(x) => x.to_string(),
            Cell::Bool(b) => b.to_string(),
        }
    }

    /// For reading: floats with at most four decimals.
    fn short(&self) -> String {
        let text = self.text();
        match (self, text.split_once('.')) {
            (Cell::Float(x), Some((_, decimals))) if decimals.len() > 4 => format!("{x:.4}"),
            _ => text,
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Cell::Text(s) => s.as_str().into(),
            Cell::Float(x) => (*x).into(),
            Cell::Bool(b) => (*b).into(),
        }
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
            verdict: columns.iter().position(|c| c == "consistency"),
            rows: 0,
            inconsistent: 0,
        }
    }

    pub fn measure(&mut self, row: &[Cell]) {
        for (width, cell) in self.widths.iter_mut().zip(row) {
            *width = (*width).max(cell.short().len());
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
    format: Format,
    columns: &'a [String],
    widths: Widths,
    csv: Option<csv::Writer<&'a mut W>>,
    out: Option<&'a mut W>,
    written: usize,
}

impl<'a, W: Write> Stream<'a, W> {
    pub fn new(
        format: Format,
        columns: &'a [String],
        widths: Widths,
        out: &'a mut W,
    ) -> std::io::Result<Self> {
        let mut stream = Stream {
            format,
            columns,
            widths,
            csv: None,
            out: None,
            written: 0,
        };
        match format {
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(columns)?;
                stream.csv = Some(writer);
            }
            Format::Json => {
                write!(out, "[")?;
                stream.out = Some(out);
            }
            Format::Table => {
                let header: Vec<Cell> = columns.iter().cloned().map(Cell::Text).collect();
                stream.out = Some(out);
                stream.line(&header)?;
            }
        }
        Ok(stream)
    }

    fn line(&mut self, row: &[Cell]) -> std::io::Result<()> {
        let padded: Vec<String> = row
            .iter()
            .zip(&self.widths.widths)
            .map(|(cell, w)| format!("{:>w$}", cell.short()))
            .collect();
        let out = self.out.as_mut().ok_or_else(no_output)?;
        writeln!(out, "{}", padded.join("  "))
    }

    pub fn push(&mut self, row: &[Cell]) -> std::io::Result<()> {
        match self.format {
            Format::Csv => {
                let writer = self.csv.as_mut().ok_or_else(no_output)?;
                writer.write_record(row.iter().map(Cell::text))?;
            }
            Format::Json => {
                let object: serde_json::Map<String, serde_json::Value> = self
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, cell)| (c.clone(), cell.json()))
                    .collect();
                let text = serde_json::to_string_pretty(&object)?;
                let out = self.out.as_mut().ok_or_else(no_output)?;
                let separator = if self.written == 0 { "" } else { "," };
                write!(out, "{separator}\n  {}", text.replace('\n', "\n  "))?;
            }
            Format::Table => self.line(row)?,
        }
        self.written += 1;
        Ok(())
    }

    pub fn finish(mut self) -> std::io::Result<()> {
        match self.format {
            Format::Csv => self.csv.take().ok_or_else(no_output)?.flush(),
            Format::Json => {
                let out = self.out.as_mut().ok_or_else(no_output)?;
                let end = if self.written == 0 { "]" } else { "\n]" };
                writeln!(out, "{end}")
            }
            Format::Table => {
                let (inconsistent, rows) = (self.widths.inconsistent, self.widths.rows);
                let has_verdicts = self.widths.verdict.is_some();
                let out = self.out.as_mut().ok_or_else(no_output)?;
                if has_verdicts {
                    writeln!(out, "\n{inconsistent} of {rows} cases inconsistent")?;
                }
                Ok(())
            }
        }
    }
}

fn no_output() -> std::io::Error {
    std::io::Error::other("the report's output is gone")
}
