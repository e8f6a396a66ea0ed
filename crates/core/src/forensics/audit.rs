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
