//! Papers in, report out: every checkable number in a document, and the
//! verdict of every test that applies to it.
//!
//! [`scan`] reads a document ([`crate::extract`]), finds APA test results,
//! means with SDs, and percentages in its text and tables, gives each the
//! sample size and scale it is tested with (and says where they came
//! from), then runs every applicable test: p-value consistency, GRIM,
//! GRIMMER, DEBIT, the percentage of a count, and CLOSURE's existence
//! where a scale is stated. One [`Row`] per finding and test; every front
//! door prints these rows, in the order of [`COLUMNS`].
//!
//! ```
//! use ferrox::scan::{scan_text, ScanOptions};
//! let rows = scan_text(
//!     "Participants (N = 28) rated the task M = 5.19, SD = 1.20. It differed, t(27) = 2.20, p = .36.",
//!     &ScanOptions::default(),
//! );
//! assert_eq!(rows.len(), 2);
//! assert_eq!((rows[0].test.as_str(), rows[0].consistent), ("GRIMMER", Some(false)));
//! assert_eq!((rows[0].finding.n, rows[0].verdict.as_str()), (Some(28), "inconsistent"));
//! assert_eq!((rows[1].test.as_str(), rows[1].verdict.as_str()), ("p-value", "decision error"));
//! ```

mod find;
mod html;
mod summary;
mod verdict;

pub use html::html_report;
pub use summary::{Status, Summary, TestCounts, summarize};

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::extract::{self, Document, Limits};
use crate::stats::apa::{ApaResult, follows_word};
use crate::stats::pcheck::POptions;

/// The columns of a scan's rows, in the order every front door prints them.
pub const COLUMNS: [&str; 20] = [
    "file",
    "format",
    "page",
    "paragraph",
    "table",
    "row",
    "column",
    "kind",
    "found",
    "n",
    "n_source",
    "confidence",
    "scale",
    "test",
    "consistent",
    "verdict",
    "reason",
    "consistent_values",
    "snippet",
    "error",
];

/// How to scan.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanOptions {
    /// Limits on the documents read.
    pub limits: Limits,
    /// The settings of the p-value checks (alpha, rounding, one-tailed).
    pub p: POptions,
    /// CLOSURE's existence is decided for samples up to this size (default
    /// 1,000), beyond which a stated scale rules out little that GRIMMER
    /// does not.
    pub closure_max_n: u64,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            limits: Limits::default(),
            p: POptions::default(),
            closure_max_n: 1000,
        }
    }
}

/// What kind of number a finding is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An APA test result (`t(28) = 2.20, p = .03`).
    #[default]
    Apa,
    /// A mean with its SD.
    MeanSd,
    /// A percentage (with its count, where given).
    Percent,
}

impl Kind {
    /// The kind's name, as reports print it.
    ///
    /// ```
    /// assert_eq!(ferrox::scan::Kind::MeanSd.name(), "mean_sd");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Apa => "apa",
            Kind::MeanSd => "mean_sd",
            Kind::Percent => "percent",
        }
    }
}

/// How sure the extraction is: an n stated with the finding (same
/// sentence, table header) is sure; an n taken from elsewhere is a guess.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Confidence {
    /// Everything the test uses was stated with the finding.
    #[default]
    Sure,
    /// The n (or the scale) came from elsewhere in the document.
    Guessed,
}

impl Confidence {
    /// `"sure"` or `"guessed"`.
    pub const fn name(self) -> &'static str {
        match self {
            Confidence::Sure => "sure",
            Confidence::Guessed => "guessed",
        }
    }
}

/// Where a finding is: a page (PDF), a paragraph, or a table's cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    /// The page, from 1 (PDF only).
    pub page: Option<u32>,
    /// The paragraph, from 1.
    pub paragraph: Option<u32>,
    /// The table, from 1.
    pub table: Option<u32>,
    /// The row in the table, from 1 (the header is row 1).
    pub row: Option<u32>,
    /// The column in the table, from 1.
    pub column: Option<u32>,
}

/// One checkable number found in a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Finding {
    /// What it is.
    pub kind: Kind,
    /// Where it is.
    pub place: Place,
    /// The sentence, or the row label, header and cell, it was found in.
    pub snippet: String,
    /// The finding as written (`t(28) = 2.20, p = .03`, `M = 3.45, SD =
    /// 1.20`, `23 of 40 (57.5%)`).
    pub values: String,
    /// The parsed test result (APA findings).
    pub apa: Option<ApaResult>,
    /// The mean, as written.
    pub mean: Option<String>,
    /// The SD, as written.
    pub sd: Option<String>,
    /// The percentage, as written (without `%`).
    pub percent: Option<String>,
    /// The count behind a percentage, where given (`23 of 40`).
    pub count: Option<u64>,
    /// The sample size the finding is tested with.
    pub n: Option<u64>,
    /// Where the sample size came from, in words.
    pub n_source: String,
    /// How sure the extraction is.
    pub confidence: Confidence,
    /// The scale's lowest and highest points, and where they were stated.
    pub scale: Option<(i64, i64, String)>,
    /// The data are binary (0/1): DEBIT instead of GRIMMER.
    pub binary: bool,
    /// The items averaged into each score, where the paper states them
    /// (`a 10-item scale`) for a scale the finding is on; else one.
    pub items: Option<u32>,
}

/// One finding's verdict by one test: what every front door prints.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// The file, as the caller named it.
    pub file: String,
    /// The format it was read as.
    pub format: String,
    /// The finding.
    pub finding: Finding,
    /// The test: `p-value`, `GRIM`, `GRIMMER`, `DEBIT`, `percent`,
    /// `CLOSURE`; empty on a file that could not be read.
    pub test: String,
    /// The verdict; `None` where the test could not run.
    pub consistent: Option<bool>,
    /// `consistent`, `consistent (one-tailed)` (a p-value consistent only
    /// one-tailed, in a paper that speaks of one-tailed tests),
    /// `inconsistent`, `inconsistent (guessed n)`, `decision error`, or
    /// `not checked`.
    pub verdict: String,
    /// Why, in words.
    pub reason: String,
    /// What would have been consistent (nearby means, the p range, the
    /// percentage of the count).
    pub consistent_values: String,
    /// Why the finding or the file could not be checked.
    pub error: String,
}

impl Row {
    /// The row's cells for a table: `consistent` a verdict (or empty
    /// text), the rest as [`cells`](Row::cells) gives them.
    #[cfg(feature = "table")]
    pub fn table_cells(&self) -> Vec<crate::table::Cell> {
        use crate::table::Cell;
        COLUMNS
            .iter()
            .zip(self.cells())
            .map(|(&column, text)| match (column, self.consistent) {
                ("consistent", Some(c)) => Cell::Bool(c),
                _ => Cell::Text(text),
            })
            .collect()
    }

    /// The row's cells as text, in the order of [`COLUMNS`]; a missing
    /// value is an empty string.
    pub fn cells(&self) -> [String; 20] {
        let f = &self.finding;
        let opt = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        [
            self.file.clone(),
            self.format.clone(),
            opt(f.place.page),
            opt(f.place.paragraph),
            opt(f.place.table),
            opt(f.place.row),
            opt(f.place.column),
            if self.test.is_empty() {
                String::new()
            } else {
                f.kind.name().to_owned()
            },
            f.values.clone(),
            f.n.map(|n| n.to_string()).unwrap_or_default(),
            f.n_source.clone(),
            if self.test.is_empty() {
                String::new()
            } else {
                f.confidence.name().to_owned()
            },
            f.scale
                .as_ref()
                .map(|(lo, hi, _)| format!("{lo}-{hi}"))
                .unwrap_or_default(),
            self.test.clone(),
            self.consistent.map(|c| c.to_string()).unwrap_or_default(),
            self.verdict.clone(),
            self.reason.clone(),
            self.consistent_values.clone(),
            f.snippet.clone(),
            self.error.clone(),
        ]
    }

    /// The row of a file that could not be read.
    pub fn unreadable(file: &str, error: &crate::Error) -> Row {
        Row {
            file: file.to_owned(),
            verdict: "not checked".into(),
            error: error.to_string(),
            ..Row::default()
        }
    }
}

/// Every finding in a document read by [`extract::read`], in reading
/// order (paragraphs, then tables).
pub fn findings(doc: &Document) -> Vec<Finding> {
    find::findings(doc)
}

/// Scans a document's bytes (any format [`extract::read`] knows): one row
/// per finding and test, `file` naming it in the rows. Fails only when the
/// document cannot be read.
pub fn scan(bytes: &[u8], file: &str, options: &ScanOptions) -> Result<Vec<Row>> {
    let doc = extract::read(bytes, &options.limits)?;
    Ok(scan_document(&doc, file, options))
}

/// Scans files on disk in parallel, in the order given; a file that cannot
/// be read or scanned is one row with its error, and the scan goes on.
/// `done` is called after each file (for a progress bar).
pub fn scan_files(files: &[PathBuf], options: &ScanOptions, done: impl Fn() + Sync) -> Vec<Row> {
    files
        .par_iter()
        .map(|path| {
            let name = path.display().to_string();
            let rows = std::fs::read(path)
                .map_err(|e| Error::Io(format!("cannot read {name}: {e}")))
                .and_then(|bytes| scan(&bytes, &name, options))
                .unwrap_or_else(|e| vec![Row::unreadable(&name, &e)]);
            done();
            rows
        })
        .flatten_iter()
        .collect()
}

/// The files under `paths`: files as given, folders read recursively in
/// name order, hidden files and folders (`.name`) skipped.
///
/// Fails on a path that does not exist or a folder that cannot be listed,
/// and when there is no file at all.
pub fn files_under(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files)
                .map_err(|e| Error::Io(format!("cannot list {}: {e}", path.display())))?;
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(Error::invalid(
                "path",
                format!("{} does not exist", path.display()),
            ));
        }
    }
    if files.is_empty() {
        return Err(Error::invalid("path", "there are no files to scan"));
    }
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            walk(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// Scans plain text, as [`scan`] does a text file.
pub fn scan_text(text: &str, options: &ScanOptions) -> Vec<Row> {
    match scan(text.as_bytes(), "", options) {
        Ok(rows) => rows,
        Err(e) => vec![Row::unreadable("", &e)],
    }
}

/// Scans a document already read.
pub fn scan_document(doc: &Document, file: &str, options: &ScanOptions) -> Vec<Row> {
    let format = doc.format.name();
    // Read only when a p-value fits one-tailed alone.
    let one_tailed = std::cell::OnceCell::new();
    let one_tailed = || *one_tailed.get_or_init(|| says_one_tailed(doc));
    findings(doc)
        .into_iter()
        .flat_map(|finding| verdict::rows(finding, options, &one_tailed))
        .map(|row| Row {
            file: file.to_owned(),
            format: format.to_owned(),
            ..row
        })
        .collect()
}

/// Whether the paper speaks of one-tailed (one-sided) tests anywhere: a
/// p-value that is consistent only one-tailed is then taken as the paper's
/// one-tailed test. statcheck reads the same words (and `directional`,
/// which here would also match `non-directional`).
fn says_one_tailed(doc: &Document) -> bool {
    let starts = |text: &str, word: &str| {
        text.get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    };
    doc.paragraphs.iter().any(|p| {
        let text = p.text.as_str();
        (0..text.len()).any(|i| {
            text.is_char_boundary(i) && starts(&text[i..], "one") && !follows_word(text, i) && {
                let rest = text[i + 3..].trim_start_matches(['-', '\u{2010}', '\u{2011}', ' ']);
                starts(rest, "tailed") || starts(rest, "sided")
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(String, Option<bool>, String)> {
        scan_text(text, &ScanOptions::default())
            .into_iter()
            .map(|r| (r.test, r.consistent, r.reason))
            .collect()
    }

    #[test]
    fn items_stated_with_the_scale_set_the_granularity() {
        let one = rows("Answers on a scale from 1 to 5. Ratings were M = 3.47, SD = 0.52, n = 20.");
        assert_eq!(one[0].1, Some(false), "{one:?}");
        let five = rows(
            "The 5-item measure was answered on a scale from 1 to 5. \
             Ratings were M = 3.47, SD = 0.52, n = 20.",
        );
        assert_eq!(five[0].1, Some(true), "{five:?}");
        assert!(five[0].2.ends_with("with n = 20 and 5 items"), "{five:?}");
        assert_eq!(five[1].0, "CLOSURE");
    }

    #[test]
    fn a_paper_that_speaks_of_one_tailed_tests_gets_them() {
        let results = "Training helped, t(36) = 1.78, p < .05, and practice did not, \
                       t(36) = 0.78, p < .05.";
        let verdicts = |text: &str| -> Vec<(Option<bool>, String, String)> {
            scan_text(text, &ScanOptions::default())
                .into_iter()
                .map(|r| (r.consistent, r.verdict, r.reason))
                .collect()
        };
        let stated = verdicts(&format!("All tests were one\u{2010}sided. {results}"));
        assert_eq!(stated[0].1, "consistent (one-tailed)", "{stated:?}");
        assert!(
            stated[0]
                .2
                .starts_with("consistent one-tailed (p from 0.041 to 0.042)")
        );
        // One-tailed, t(36) = 0.78 still gives p = .22.
        assert_eq!(
            (stated[1].0, stated[1].1.as_str()),
            (Some(false), "decision error")
        );
        for text in [results.to_owned(), format!("Someone tailed us. {results}")] {
            let unstated = verdicts(&text);
            assert_eq!(unstated[0].1, "decision error", "{unstated:?}");
            assert!(
                unstated[0]
                    .2
                    .ends_with("; consistent if the test was one-tailed")
            );
            assert!(!unstated[1].2.contains("one-tailed"));
        }
    }

    #[test]
    fn mann_whitney_results_get_grim_u() {
        let found = rows("Groups differed, U(10, 10) = 23.2, p = .05.");
        assert_eq!(found[0].0, "p-value");
        assert_eq!(found[0].1, Some(false));
        assert!(
            found[0].2.contains("no U that groups of 10 and 10"),
            "{found:?}"
        );
    }

    #[test]
    fn unreadable_text_is_a_row_with_its_error() {
        let rows = scan_text("\u{0}\u{1}\u{2}\u{3}", &ScanOptions::default());
        assert_eq!(rows.len(), 1);
        assert!(
            rows[0].error.starts_with("cannot read this file"),
            "{:?}",
            rows[0]
        );
        assert_eq!(rows[0].cells().len(), COLUMNS.len());
    }
}
