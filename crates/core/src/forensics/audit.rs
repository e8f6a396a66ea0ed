//! One-row summaries of a tested table, like scrutiny's `audit()`: how many
//! cases are inconsistent, and test-specific detail.
//!
//! ```
//! let stats = ferrox::audit::grim_audit(&[true, false, false], &[0.5, 0.5, 0.5]);
//! assert_eq!(stats[2], ("incons_rate", 2.0 / 3.0));
//! ```

use super::grimmer::GrimmerVerdict;
use crate::error::{Error, Result};
use crate::input::truth;

/// A named summary statistic.
///
/// ```
/// let (name, value): ferrox::audit::Stat = ferrox::audit::debit_audit(&[Some(true)])[0];
/// assert_eq!((name, value), ("incons_cases", 0.0));
/// ```
pub type Stat = (&'static str, f64);

/// The share `part / all`, NaN for an empty table.
fn rate(part: usize, all: usize) -> f64 {
    part as f64 / all as f64
}

fn inconsistent(all: usize, incons: usize) -> Vec<Stat> {
    vec![
        ("incons_cases", incons as f64),
        ("all_cases", all as f64),
        ("incons_rate", rate(incons, all)),
    ]
}

/// GRIM: adds the mean probability of inconsistency, the ratio of the
/// inconsistency rate to it, and the cases GRIM can test at all (those with
/// a positive probability).
///
/// ```
/// let stats = ferrox::audit::grim_audit(&[false, true], &[0.72, 0.0]);
/// assert_eq!(stats[0], ("incons_cases", 1.0));
/// assert_eq!(stats[5], ("testable_cases", 1.0));
/// ```
pub fn grim_audit(consistency: &[bool], probability: &[f64]) -> Vec<Stat> {
    let all = consistency.len();
    let incons = consistency.iter().filter(|c| !**c).count();
    let mean_prob = probability.iter().sum::<f64>() / all as f64;
    let testable = probability.iter().filter(|p| **p > 0.0).count();
    let mut stats = inconsistent(all, incons);
    stats.extend([
        ("mean_grim_prob", mean_prob),
        ("incons_to_prob", rate(incons, all) / mean_prob),
        ("testable_cases", testable as f64),
        ("testable_rate", rate(testable, all)),
    ]);
    stats
}

/// GRIMMER: adds how many cases failed at each stage.
///
/// ```
/// use ferrox::grimmer::GrimmerVerdict;
/// let stats = ferrox::audit::grimmer_audit(&[GrimmerVerdict::Consistent, GrimmerVerdict::Test3]);
/// assert_eq!(stats[2], ("incons_rate", 0.5));
/// assert_eq!(stats[6], ("fail_test3", 1.0));
/// ```
pub fn grimmer_audit(verdicts: &[GrimmerVerdict]) -> Vec<Stat> {
    let count = |v: GrimmerVerdict| verdicts.iter().filter(|x| **x == v).count();
    let all = verdicts.len();
    let mut stats = inconsistent(all, all - count(GrimmerVerdict::Consistent));
    stats.extend([
        ("fail_grim", count(GrimmerVerdict::GrimInconsistent) as f64),
        ("fail_test1", count(GrimmerVerdict::Test1) as f64),
        ("fail_test2", count(GrimmerVerdict::Test2) as f64),
        ("fail_test3", count(GrimmerVerdict::Test3) as f64),
    ]);
    stats
}

/// DEBIT: adds the cases without an answer (scrutiny's `NA`).
///
/// ```
/// let stats = ferrox::audit::debit_audit(&[Some(false), None, Some(true)]);
/// assert_eq!(stats[0], ("incons_cases", 1.0));
/// assert_eq!(stats[3], ("na_cases", 1.0));
/// ```
pub fn debit_audit(consistency: &[Option<bool>]) -> Vec<Stat> {
    let count = |v: Option<bool>| consistency.iter().filter(|x| **x == v).count();
    let mut stats = inconsistent(consistency.len(), count(Some(false)));
    stats.push(("na_cases", count(None) as f64));
    stats
}

/// The verdicts of a table's `consistency` column as the doors hand it
/// over, one text per cell: booleans, TRUE/FALSE or 1/0 in any spelling,
/// NA as missing ([`truth`]); an unreadable cell is an error with its row.
///
/// ```
/// let cells = ["False", "TRUE", "NA", "0"];
/// assert_eq!(ferrox::audit::verdicts(&cells)?, [Some(false), Some(true), None, Some(false)]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn verdicts(cells: &[impl AsRef<str>]) -> Result<Vec<Option<bool>>> {
    cells
        .iter()
        .enumerate()
        .map(|(row, cell)| truth(cell.as_ref(), "consistency").map_err(|e| e.in_row(row)))
        .collect()
}

/// [`grim_audit`] from cells of text; GRIM decides every case, so a
/// missing verdict is an error.
///
/// ```
/// let stats = ferrox::audit::grim_audit_cells(&["False", "False", "True"], &[0.5; 3])?;
/// assert_eq!(stats[0], ("incons_cases", 2.0));
/// assert!(ferrox::audit::grim_audit_cells(&["NA"], &[0.5]).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grim_audit_cells(cells: &[impl AsRef<str>], probability: &[f64]) -> Result<Vec<Stat>> {
    let consistency = verdicts(cells)?
        .into_iter()
        .enumerate()
        .map(|(row, v)| {
            v.ok_or_else(|| {
                Error::invalid("consistency", "it is missing; GRIM decides every case").in_row(row)
            })
        })
        .collect::<Result<Vec<bool>>>()?;
    Ok(grim_audit(&consistency, probability))
}

/// [`debit_audit`] from cells of text.
///
/// ```
/// let stats = ferrox::audit::debit_audit_cells(&["1", "0", "<NA>"])?;
/// assert_eq!((stats[0].1, stats[3].1), (1.0, 1.0));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn debit_audit_cells(cells: &[impl AsRef<str>]) -> Result<Vec<Stat>> {
    Ok(debit_audit(&verdicts(cells)?))
}

/// Which table `audit()` was given, told by its columns: scrutiny tells by
/// an S3 class, which a data frame loses on the way through most code and a
/// polars frame cannot carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audited {
    /// From `grim_map`.
    Grim,
    /// From `grimmer_map`.
    Grimmer,
    /// From `debit_map`.
    Debit,
    /// From a `*_map_seq` function: audited by [`crate::seq::audit_seq`].
    Seq,
    /// From a `*_map_total_n` function: audited by [`crate::seq::audit_total_n`].
    TotalN,
    /// From `duplicate_count`.
    DuplicateCount,
    /// From `duplicate_count_colpair`.
    DuplicateColpair,
    /// From `duplicate_tally`.
    DuplicateTally,
}

impl Audited {
    /// The kind of table with these column names.
    ///
    /// ```
    /// use ferrox::audit::Audited;
    /// assert_eq!(Audited::detect(&["x", "n", "consistency", "probability"])?, Audited::Grim);
    /// assert_eq!(Audited::detect(&["a", "a_n", "b", "b_n"])?, Audited::DuplicateTally);
    /// assert!(Audited::detect(&["x", "n"]).is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn detect(columns: &[impl AsRef<str>]) -> Result<Audited> {
        let names: Vec<&str> = columns.iter().map(AsRef::as_ref).collect();
        let has = |name: &str| names.contains(&name);
        let tally = !names.is_empty()
            && names.len() % 2 == 0
            && names
                .chunks(2)
                .all(|pair| pair[1] == format!("{}_n", pair[0]));
        Ok(if has("diff_var") {
            Audited::Seq
        } else if has("n_change") {
            Audited::TotalN
        } else if has("consistency") && has("reason") {
            Audited::Grimmer
        } else if has("consistency") && has("probability") {
            Audited::Grim
        } else if has("consistency") {
            Audited::Debit
        } else if has("value") && has("frequency") {
            Audited::DuplicateCount
        } else if has("x") && has("y") && has("count") {
            Audited::DuplicateColpair
        } else if tally {
            Audited::DuplicateTally
        } else {
            return Err(Error::invalid(
                "data",
                "audit() summarises a table from grim_map, grimmer_map, debit_map, a *_map_seq or \
                 *_map_total_n function, or duplicate_count, duplicate_count_colpair or \
                 duplicate_tally; this table has none of their columns",
            ));
        })
    }

    /// The kind's name in the doors: `grim`, `grimmer`, `debit`, `seq`,
    /// `total_n`, `duplicate_count`, `duplicate_colpair`, `duplicate_tally`.
    pub fn name(self) -> &'static str {
        match self {
            Audited::Grim => "grim",
            Audited::Grimmer => "grimmer",
            Audited::Debit => "debit",
            Audited::Seq => "seq",
            Audited::TotalN => "total_n",
            Audited::DuplicateCount => "duplicate_count",
            Audited::DuplicateColpair => "duplicate_colpair",
            Audited::DuplicateTally => "duplicate_tally",
        }
    }

    /// For a duplicate table, the columns its audit summarises (indexes
    /// into `columns`), as scrutiny's: `frequency` and `locations_n` of a
    /// count, every number of a column pair, every tally. Empty for the
    /// other tables.
    ///
    /// ```
    /// use ferrox::audit::Audited;
    /// let columns = ["value", "frequency", "locations", "locations_n"];
    /// assert_eq!(Audited::DuplicateCount.summarised(&columns), [1, 3]);
    /// ```
    pub fn summarised(self, columns: &[impl AsRef<str>]) -> Vec<usize> {
        let keep = |i: usize, name: &str| match self {
            Audited::DuplicateCount => matches!(name, "frequency" | "locations_n"),
            Audited::DuplicateColpair => !matches!(name, "x" | "y"),
            Audited::DuplicateTally => i % 2 == 1,
            _ => false,
        };
        (0..columns.len())
            .filter(|&i| keep(i, columns[i].as_ref()))
            .collect()
    }
}

/// One row of a duplicate table's audit: a numeric column's summary, as
/// scrutiny's (`mean`, `sd`, `median`, `min`, `max` of the values present,
/// `na_count`, and `na_rate`, the share of its cells that are missing). A
/// statistic that needs more values than the column has is NaN.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSummary {
    /// The column's name, or `.total` for all of a tally's counts together.
    pub term: String,
    /// Mean, SD, median, least and greatest of the values present.
    pub stats: [f64; 5],
    /// Missing cells.
    pub na_count: usize,
    /// Missing cells over all cells.
    pub na_rate: f64,
}

impl ColumnSummary {
    fn of(term: &str, cells: &[f64]) -> ColumnSummary {
        let mut values: Vec<f64> = cells.iter().copied().filter(|v| !v.is_nan()).collect();
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let mean = values.iter().sum::<f64>() / n as f64;
        let squares: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
        let sd = if n > 1 {
            (squares / (n - 1) as f64).sqrt()
        } else {
            f64::NAN
        };
        let median = match n {
            0 => f64::NAN,
            _ if n % 2 == 1 => values[n / 2],
            _ => (values[n / 2 - 1] + values[n / 2]) / 2.0,
        };
        let end = |v: Option<&f64>| v.copied().unwrap_or(f64::NAN);
        let na_count = cells.len() - n;
        ColumnSummary {
            term: term.to_owned(),
            stats: [mean, sd, median, end(values.first()), end(values.last())],
            na_count,
            na_rate: rate(na_count, cells.len()),
        }
    }
}

/// The audit of a duplicate table, like scrutiny's: one [`ColumnSummary`]
/// per column [`Audited::summarised`] picks (`columns` holds those columns,
/// NaN for a missing cell), and for a tally a last row, `.total`, over all
/// its counts. scrutiny divides the total's missing cells by the rows;
/// here by the cells, so that it stays a share.
///
/// ```
/// use ferrox::audit::{Audited, duplicate_audit};
/// let rows = duplicate_audit(Audited::DuplicateTally, &["a_n", "b_n"], &[vec![2.0, 1.0], vec![2.0, f64::NAN]])?;
/// assert_eq!(rows[2].term, ".total");
/// assert_eq!((rows[2].stats[4], rows[2].na_count), (2.0, 1));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn duplicate_audit(
    kind: Audited,
    names: &[impl AsRef<str>],
    columns: &[Vec<f64>],
) -> Result<Vec<ColumnSummary>> {
    if !matches!(
        kind,
        Audited::DuplicateCount | Audited::DuplicateColpair | Audited::DuplicateTally
    ) {
        return Err(Error::invalid("data", "this is not a table of duplicates"));
    }
    let mut rows: Vec<ColumnSummary> = names
        .iter()
        .zip(columns)
        .map(|(name, cells)| ColumnSummary::of(name.as_ref(), cells))
        .collect();
    if kind == Audited::DuplicateTally {
        rows.push(ColumnSummary::of(".total", &columns.concat()));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_told_by_their_columns() {
        let kind = |names: &[&str]| Audited::detect(names).expect("a known table");
        assert_eq!(
            kind(&["x", "sd", "n", "consistency", "reason"]),
            Audited::Grimmer
        );
        assert_eq!(kind(&["x", "sd", "n", "consistency"]), Audited::Debit);
        assert_eq!(
            kind(&["x", "n", "consistency", "probability", "diff_var", "case"]),
            Audited::Seq
        );
        assert_eq!(
            kind(&["x", "n", "consistency", "n_change", "case", "dir"]),
            Audited::TotalN
        );
        assert_eq!(
            kind(&["value", "frequency", "locations", "locations_n"]),
            Audited::DuplicateCount
        );
        assert_eq!(kind(&["value", "frequency"]), Audited::DuplicateCount);
        assert_eq!(
            kind(&["x", "y", "count", "total_x"]),
            Audited::DuplicateColpair
        );
        assert!(Audited::detect(&["a", "a_n", "b", "c_n"]).is_err());
        assert!(Audited::detect(&[] as &[&str]).is_err());
    }

    #[test]
    fn summaries_follow_r() {
        // R: x <- c(3, 1, NA, 2, 2); mean 2, sd 0.8164966, median 2.
        let row = ColumnSummary::of("f", &[3.0, 1.0, f64::NAN, 2.0, 2.0]);
        assert_eq!(row.stats[0], 2.0);
        assert!((row.stats[1] - 0.816_496_580_927_726).abs() < 1e-15);
        assert_eq!(row.stats[2..], [2.0, 1.0, 3.0]);
        assert_eq!((row.na_count, row.na_rate), (1, 0.2));
        let even = ColumnSummary::of("f", &[4.0, 1.0, 2.0, 3.0]);
        assert_eq!(even.stats[2], 2.5);
        let empty = ColumnSummary::of("f", &[f64::NAN]);
        assert!(empty.stats.iter().all(|s| s.is_nan()));
        assert_eq!((empty.na_count, empty.na_rate), (1, 1.0));
        assert!(ColumnSummary::of("f", &[5.0]).stats[1].is_nan());
    }

    #[test]
    fn only_duplicate_tables_have_column_summaries() {
        assert!(duplicate_audit(Audited::Grim, &["x"], &[vec![1.0]]).is_err());
        let names = ["x", "y", "count", "total_x", "total_y", "rate_x", "rate_y"];
        assert_eq!(
            Audited::DuplicateColpair.summarised(&names),
            [2, 3, 4, 5, 6]
        );
        assert_eq!(Audited::DuplicateTally.summarised(&["a", "a_n"]), [1]);
        assert!(Audited::Grim.summarised(&names).is_empty());
    }
}
