//! What a scan found, counted: the top of every report, whoever shows it.

use std::collections::{BTreeMap, BTreeSet};

use super::Row;

/// A finding's standing, as reports colour it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Checked and consistent.
    Consistent,
    /// Checked and inconsistent, with an n stated with the finding.
    Inconsistent,
    /// Inconsistent with an n guessed from elsewhere in the paper: worth a
    /// look, not a plain failure.
    Guessed,
    /// Found but not checked, or a file that could not be read.
    Unchecked,
}

impl Status {
    /// The status in words, as reports and the web page use it.
    pub fn name(self) -> &'static str {
        match self {
            Status::Consistent => "consistent",
            Status::Inconsistent => "inconsistent",
            Status::Guessed => "guessed",
            Status::Unchecked => "unchecked",
        }
    }
}

impl Row {
    /// The row's standing.
    pub fn status(&self) -> Status {
        match (self.consistent, self.verdict.contains("guessed")) {
            (Some(true), _) => Status::Consistent,
            (Some(false), false) => Status::Inconsistent,
            (Some(false), true) => Status::Guessed,
            (None, _) => Status::Unchecked,
        }
    }
}

/// The counts of one test's findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestCounts {
    /// The test, as rows name it.
    pub test: String,
    /// Findings it was applied to.
    pub checked: usize,
    /// Of those, inconsistent with a stated n.
    pub inconsistent: usize,
    /// Inconsistent with a guessed n.
    pub guessed: usize,
    /// Found but not decided.
    pub unchecked: usize,
}

/// Files, findings and per-test counts of a scan's rows.
///
/// ```
/// use ferrox::scan::{ScanOptions, scan_text, summarize};
/// let rows = scan_text("We found t(28) = 2.20, p = .01.", &ScanOptions::default());
/// let summary = summarize(&rows);
/// assert_eq!((summary.checked, summary.tests[0].inconsistent), (1, 1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Distinct files.
    pub files: usize,
    /// Files that could not be read.
    pub unreadable: usize,
    /// Findings a test was applied to.
    pub checked: usize,
    /// Counts per test, by the test's name.
    pub tests: Vec<TestCounts>,
}

/// Counts a scan's rows.
pub fn summarize(rows: &[Row]) -> Summary {
    let files = rows
        .iter()
        .map(|r| r.file.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    let unreadable = rows.iter().filter(|r| r.test.is_empty()).count();
    let mut tests: BTreeMap<&str, TestCounts> = BTreeMap::new();
    for row in rows.iter().filter(|r| !r.test.is_empty()) {
        let counts = tests.entry(row.test.as_str()).or_default();
        counts.checked += 1;
        match row.status() {
            Status::Inconsistent => counts.inconsistent += 1,
            Status::Guessed => counts.guessed += 1,
            Status::Unchecked => counts.unchecked += 1,
            Status::Consistent => {}
        }
    }
    Summary {
        files,
        unreadable,
        checked: rows.len() - unreadable,
        tests: tests
            .into_iter()
            .map(|(test, counts)| TestCounts {
                test: test.to_owned(),
                ..counts
            })
            .collect(),
    }
}
