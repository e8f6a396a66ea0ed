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

/// Named columns and rows of cells.
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

    /// Appends a column; `cells` has one value per row.
    pub fn add_column(&mut self, name: &str, cells: Vec<Cell>) {
        self.columns.push(name.to_owned());
        for (row, cell) in self.rows.iter_mut().zip(cells) {
            row.push(cell);
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    pub fn write(&self, format: Format, out: &mut impl Write) -> std::io::Result<()> {
        match format {
            Format::Table => self.write_table(out),
            Format::Csv => self.write_csv(out),
            Format::Json => {
                let rows: Vec<serde_json::Value> = self
                    .rows
                    .iter()
                    .map(|row| {
                        let pairs = self.columns.iter().zip(row);
                        pairs.map(|(c, cell)| (c.clone(), cell.json())).collect()
                    })
                    .collect();
                serde_json::to_writer_pretty(&mut *out, &rows)?;
                writeln!(out)
            }
        }
    }

    fn write_csv(&self, out: &mut impl Write) -> std::io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(&self.columns)?;
        for row in &self.rows {
            writer.write_record(row.iter().map(Cell::text))?;
        }
        writer.flush()
    }

    fn write_table(&self, out: &mut impl Write) -> std::io::Result<()> {
        let texts: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::short).collect())
            .collect();
        let widths: Vec<usize> = (0..self.columns.len())
            .map(|i| {
                texts
                    .iter()
                    .map(|r| r[i].len())
                    .chain([self.columns[i].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: Vec<&str>| {
            let padded: Vec<String> = cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:>w$}"))
                .collect();
            padded.join("  ")
        };
        writeln!(
            out,
            "{}",
            line(self.columns.iter().map(String::as_str).collect())
        )?;
        for row in &texts {
            writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
        }
        if let Some(verdict) = self.columns.iter().position(|c| *c == "consistency") {
            let inconsistent = self
                .rows
                .iter()
                .filter(|r| matches!(r[verdict], Cell::Bool(false)))
                .count();
            writeln!(
                out,
                "\n{inconsistent} of {} cases inconsistent",
                self.rows.len()
            )?;
        }
        Ok(())
    }
}
