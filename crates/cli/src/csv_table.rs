//! Reading a CSV table with a header row into named columns of text, for
//! the commands that need the whole table at once.

use std::path::Path;

/// The header and the columns of cells, as written.
pub struct CsvTable {
    pub header: Vec<String>,
    pub cells: Vec<Vec<String>>,
}

impl CsvTable {
    pub fn read(path: &Path) -> Result<CsvTable, Box<dyn std::error::Error>> {
        let mut reader = csv::Reader::from_path(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let header: Vec<String> = reader.headers()?.iter().map(str::to_owned).collect();
        let mut cells: Vec<Vec<String>> = vec![Vec::new(); header.len()];
        for record in reader.records() {
            let record = record?;
            for (column, cell) in cells.iter_mut().zip(record.iter()) {
                column.push(cell.to_owned());
            }
        }
        Ok(CsvTable { header, cells })
    }

    /// The column named `name`.
    pub fn find(&self, name: &str) -> Option<&[String]> {
        let at = self.header.iter().position(|h| h == name)?;
        Some(&self.cells[at])
    }
}
