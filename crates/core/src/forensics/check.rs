//! Which test applies to a reported case, and its verdict in words: the one
//! decision that the CLI's `check`, and every door that tests rows of
//! reported text, share.
//!
//! A case with a mean and `n` gets GRIM; with an SD too, GRIMMER; with an
//! SD of binary data, DEBIT. Cases are sorted by test, each test runs over
//! its cases in parallel, and the verdicts come back in input order.
//!
//! ```
//! use ferrox::check::{Reported, Test, CheckOptions, check};
//! let rows = [
//!     Reported { x: "5.19", n: "28", ..Reported::default() },
//!     Reported { x: "5.23", sd: Some("2.55"), n: "35", ..Reported::default() },
//!     Reported { x: "0.5", sd: Some("0.53"), n: "10", binary: true, ..Reported::default() },
//! ];
//! let verdicts = check(&rows, &CheckOptions::default())?;
//! assert_eq!(verdicts[0].test, Test::Grim);
//! assert_eq!(verdicts[1].reason, "GRIMMER inconsistent (test 2)");
//! assert_eq!((verdicts[2].test, verdicts[2].consistency), (Test::Debit, Some(true)));
//! # Ok::<(), ferrox::Error>(())
//! ```

use crate::debit::{DebitCase, DebitOptions, debit_map};
use crate::decimal::Decimal;
use crate::error::{Error, Result, quoted};
use crate::grim::{GrimCase, GrimOptions, grim_map};
use crate::grimmer::{GrimmerCase, GrimmerOptions, grimmer_map};

/// One reported case as text, as read from a table or a paper: a missing
/// SD or items is `None` (or an empty or `NA` cell).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reported<'a> {
    /// The reported mean (or share, or percentage), as written.
    pub x: &'a str,
    /// The reported SD, as written.
    pub sd: Option<&'a str>,
    /// The sample size.
    pub n: &'a str,
    /// Items averaged into each score (1 when missing).
    pub items: Option<&'a str>,
    /// The data are binary (0/1), so an SD is tested by DEBIT.
    pub binary: bool,
}

/// The tests [`check`] chooses between.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Test {
    /// A mean of integer data.
    Grim,
    /// A mean and an SD of integer data.
    Grimmer,
    /// A mean and an SD of binary data.
    Debit,
}

impl Test {
    /// The test's name, as reports print it.
    ///
    /// ```
    /// assert_eq!(ferrox::check::Test::Grimmer.name(), "GRIMMER");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Test::Grim => "GRIM",
            Test::Grimmer => "GRIMMER",
            Test::Debit => "DEBIT",
        }
    }
}

/// One case's verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The test that applied.
    pub test: Test,
    /// Consistent or not; `None` where scrutiny's DEBIT says NA.
    pub consistency: Option<bool>,
    /// Why, in words.
    pub reason: &'static str,
    /// GRIM's chance that a random report of this precision would be
    /// inconsistent (GRIM only).
    pub probability: Option<f64>,
}

/// The settings of each test [`check`] may run.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CheckOptions {
    /// GRIM's settings.
    pub grim: GrimOptions,
    /// GRIMMER's settings.
    pub grimmer: GrimmerOptions,
    /// DEBIT's settings.
    pub debit: DebitOptions,
}

/// The test that applies to `case`, and the case in that test's terms.
enum Case {
    Grim(GrimCase),
    Grimmer(GrimmerCase),
    Debit(DebitCase),
}

/// Whether a cell holds no value: empty, `NA`, pandas' `<NA>`, or `NaN`.
///
/// ```
/// assert!(ferrox::check::is_missing(" NA "));
/// assert!(ferrox::check::is_missing("<NA>"));
/// assert!(!ferrox::check::is_missing("0"));
/// ```
pub fn is_missing(cell: &str) -> bool {
    matches!(cell.trim(), "" | "NA" | "<NA>" | "NaN" | "nan")
}

fn given(cell: Option<&str>) -> Option<&str> {
    cell.filter(|c| !is_missing(c))
}

fn whole(text: &str, name: &'static str) -> Result<u64> {
    text.trim()
        .parse()
        .map_err(|_| Error::invalid(name, format!("{} is not a whole number", quoted(text))))
}

impl Case {
    fn of(case: &Reported<'_>) -> Result<Case> {
        let items = given(case.items).map_or(Ok(1), |i| whole(i, "items"))?;
        let items = u32::try_from(items).map_err(|_| {
            Error::invalid("items", format!("it is {items}; it must be below 2^32"))
        })?;
        let (x, n) = (Decimal::parse(case.x.trim())?, whole(case.n, "n")?);
        Ok(match given(case.sd) {
            None => Case::Grim(GrimCase::new(x, n, items)?),
            Some(sd) if case.binary => {
                Case::Debit(DebitCase::new(x, Decimal::parse(sd.trim())?, n)?)
            }
            Some(sd) => Case::Grimmer(GrimmerCase::new(x, Decimal::parse(sd.trim())?, n, items)?),
        })
    }
}

/// The cases of one test and the rows they come from.
struct Group<C> {
    rows: Vec<usize>,
    cases: Vec<C>,
}

impl<C> Group<C> {
    fn new() -> Self {
        Group {
            rows: Vec::new(),
            cases: Vec::new(),
        }
    }

    fn push(&mut self, row: usize, case: C) {
        self.rows.push(row);
        self.cases.push(case);
    }

    /// An error in the group's `row`, moved to the input's row.
    fn input_row(&self, error: Error) -> Error {
        error.map_row(|row| self.rows.get(row).copied().unwrap_or(row))
    }
}

/// Every case tested by the test that applies to it; the verdicts are in
/// input order, and an error names its row (from 1).
pub fn check(cases: &[Reported<'_>], opts: &CheckOptions) -> Result<Vec<Verdict>> {
    let (mut grim, mut grimmer, mut debit) = (Group::new(), Group::new(), Group::new());
    for (row, case) in cases.iter().enumerate() {
        match Case::of(case).map_err(|e| e.in_row(row))? {
            Case::Grim(case) => grim.push(row, case),
            Case::Grimmer(case) => grimmer.push(row, case),
            Case::Debit(case) => debit.push(row, case),
        }
    }
    let mut verdicts: Vec<Option<Verdict>> = vec![None; cases.len()];
    let grim_out = grim_map(&grim.cases, &opts.grim).map_err(|e| grim.input_row(e))?;
    for (&row, out) in grim.rows.iter().zip(grim_out) {
        verdicts[row] = Some(Verdict {
            test: Test::Grim,
            consistency: Some(out.consistency),
            reason: if out.consistency {
                "Passed all"
            } else {
                "GRIM inconsistent"
            },
            probability: Some(out.probability),
        });
    }
    let grimmer_out =
        grimmer_map(&grimmer.cases, &opts.grimmer).map_err(|e| grimmer.input_row(e))?;
    for (&row, out) in grimmer.rows.iter().zip(grimmer_out) {
        verdicts[row] = Some(Verdict {
            test: Test::Grimmer,
            consistency: Some(out.is_consistent()),
            reason: out.reason(),
            probability: None,
        });
    }
    let debit_out = debit_map(&debit.cases, &opts.debit).map_err(|e| debit.input_row(e))?;
    for (&row, out) in debit.rows.iter().zip(debit_out) {
        verdicts[row] = Some(Verdict {
            test: Test::Debit,
            consistency: out.consistency,
            reason: match out.consistency {
                Some(true) => "Passed all",
                Some(false) => "DEBIT inconsistent",
                None => "DEBIT undecided (NA in scrutiny)",
            },
            probability: None,
        });
    }
    verdicts
        .into_iter()
        .enumerate()
        .map(|(row, v)| v.ok_or_else(|| Error::Internal(format!("row {} got no verdict", row + 1))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_input_row() {
        let rows = [
            Reported {
                x: "5.19",
                n: "28",
                ..Reported::default()
            },
            Reported {
                x: "5.2",
                sd: Some("1.1"),
                n: "0",
                ..Reported::default()
            },
        ];
        let e = check(&rows, &CheckOptions::default()).expect_err("n = 0");
        assert!(e.to_string().starts_with("row 2:"), "{e}");
    }

    #[test]
    fn missing_cells_choose_the_test() {
        let rows = [
            Reported {
                x: "5.2",
                sd: Some("NA"),
                n: "5",
                items: Some(""),
                binary: false,
            },
            Reported {
                x: "0.5",
                sd: Some(" 0.53 "),
                n: " 10 ",
                items: None,
                binary: true,
            },
        ];
        let verdicts = check(&rows, &CheckOptions::default()).expect("valid rows");
        assert_eq!(verdicts[0].test, Test::Grim);
        assert_eq!(verdicts[1].test, Test::Debit);
    }
}
