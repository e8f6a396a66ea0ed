//! Values repeated within and across the columns of a table (scrutiny's
//! `duplicate_count`, `duplicate_tally` and `duplicate_count_colpair`).
//!
//! Repeated values are no proof of anything, but copied rows and columns
//! show up as values that recur more than the data explain. Cells are
//! compared as text, as written (front doors write a number as its shortest
//! decimal, so `5` and `5.0` as numbers are the same and as strings are
//! not); missing cells and the values in `ignore` are skipped.
//!
//! ```
//! use ferrox::duplicates::duplicate_count;
//! let columns = vec![vec!["1.2", "3.4", "1.2"], vec!["3.4", "7.7", "1.2"]];
//! let counts = duplicate_count(&columns, &[] as &[&str]);
//! assert_eq!((counts[0].value.as_str(), counts[0].frequency), ("1.2", 3));
//! assert_eq!(counts[0].locations, [0, 1]);
//! ```

use rustc_hash::FxHashMap;

use crate::forensics::check::is_missing;

/// One value and where it occurs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateCount {
    /// The value, as text.
    pub value: String,
    /// How often it occurs in the whole table.
    pub frequency: u64,
    /// The columns it occurs in (indexes, in table order).
    pub locations: Vec<usize>,
}

/// Every value of the table with its frequency and the columns it occurs
/// in; most frequent first, ties in order of first appearance (column by
/// column).
pub fn duplicate_count<S: AsRef<str>, I: AsRef<str>>(
    columns: &[Vec<S>],
    ignore: &[I],
) -> Vec<DuplicateCount> {
    let mut order: Vec<DuplicateCount> = Vec::new();
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    for (column, cells) in columns.iter().enumerate() {
        for cell in cells.iter().filter_map(|c| kept(c.as_ref(), ignore)) {
            let at = *index.entry(cell).or_insert_with(|| {
                order.push(DuplicateCount {
                    value: cell.to_owned(),
                    frequency: 0,
                    locations: Vec::new(),
                });
                order.len() - 1
            });
            let entry = &mut order[at];
            entry.frequency += 1;
            if entry.locations.last() != Some(&column) {
                entry.locations.push(column);
            }
        }
    }
    order.sort_by_key(|d| std::cmp::Reverse(d.frequency));
    order
}

/// For every cell, how often its value occurs in the whole table (`None`
/// for a missing or ignored cell). scrutiny 0.6.1 counts every missing cell
/// of the table once more in each tally (its `x[x == x[i]]` keeps `NA`s);
/// these are the counts themselves.
///
/// ```
/// use ferrox::duplicates::duplicate_tally;
/// let columns = vec![vec!["1.2", "NA"], vec!["1.2", "9"]];
/// assert_eq!(duplicate_tally(&columns, &[] as &[&str]), [vec![Some(2), None], vec![Some(2), Some(1)]]);
/// ```
pub fn duplicate_tally<S: AsRef<str>, I: AsRef<str>>(
    columns: &[Vec<S>],
    ignore: &[I],
) -> Vec<Vec<Option<u64>>> {
    let mut frequency: FxHashMap<&str, u64> = FxHashMap::default();
    for cell in columns
        .iter()
        .flatten()
        .filter_map(|c| kept(c.as_ref(), ignore))
    {
        *frequency.entry(cell).or_default() += 1;
    }
    columns
        .iter()
        .map(|cells| {
            cells
                .iter()
                .map(|c| kept(c.as_ref(), ignore).map(|c| frequency[c]))
                .collect()
        })
        .collect()
}

/// Two columns' shared values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnPair {
    /// The earlier column (index).
    pub x: usize,
    /// The later column.
    pub y: usize,
    /// How many of `x`'s values (with repeats) occur in `y`.
    pub count: u64,
    /// `x`'s values in all (missing and ignored ones left out).
    pub total_x: u64,
    /// `y`'s.
    pub total_y: u64,
}

/// Every pair of columns with the number of values they share; most first,
/// ties in table order.
///
/// ```
/// use ferrox::duplicates::duplicate_count_colpair;
/// let columns = vec![vec!["1.2", "3.4", "1.2"], vec!["3.4", "7.7", "1.2"], vec!["9"]];
/// let pairs = duplicate_count_colpair(&columns, &[] as &[&str]);
/// assert_eq!((pairs[0].x, pairs[0].y, pairs[0].count), (0, 1, 3));
/// ```
pub fn duplicate_count_colpair<S: AsRef<str>, I: AsRef<str>>(
    columns: &[Vec<S>],
    ignore: &[I],
) -> Vec<ColumnPair> {
    let values: Vec<Vec<&str>> = columns
        .iter()
        .map(|cells| {
            cells
                .iter()
                .filter_map(|c| kept(c.as_ref(), ignore))
                .collect()
        })
        .collect();
    let sets: Vec<rustc_hash::FxHashSet<&str>> =
        values.iter().map(|v| v.iter().copied().collect()).collect();
    let mut pairs = Vec::new();
    for x in 0..values.len() {
        for y in x + 1..values.len() {
            pairs.push(ColumnPair {
                x,
                y,
                count: values[x].iter().filter(|v| sets[y].contains(*v)).count() as u64,
                total_x: values[x].len() as u64,
                total_y: values[y].len() as u64,
            });
        }
    }
    pairs.sort_by_key(|p| std::cmp::Reverse(p.count));
    pairs
}

/// The cell, trimmed, unless it is missing or ignored.
fn kept<'a, I: AsRef<str>>(cell: &'a str, ignore: &[I]) -> Option<&'a str> {
    let cell = cell.trim();
    (!is_missing(cell) && !ignore.iter().any(|i| i.as_ref() == cell)).then_some(cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_scrutiny_on_a_small_table() {
        // scrutiny 0.6.1's duplicate_count() on this table (as strings).
        let columns = vec![
            vec!["1.2", "3.4", "1.2", "5.0", "NA"],
            vec!["3.4", "7.7", "1.2", "5.0", "9"],
            vec!["1", "2", "3", "4", "5"],
        ];
        let counts = duplicate_count(&columns, &[] as &[&str]);
        let shown: Vec<(&str, u64, usize)> = counts
            .iter()
            .map(|c| (c.value.as_str(), c.frequency, c.locations.len()))
            .collect();
        assert_eq!(
            shown[..5],
            [
                ("1.2", 3, 2),
                ("3.4", 2, 2),
                ("5.0", 2, 2),
                ("7.7", 1, 1),
                ("9", 1, 1)
            ]
        );
        assert_eq!(counts.len(), 10);
        let tally = duplicate_tally(&columns, &[] as &[&str]);
        assert_eq!(tally[0], [Some(3), Some(2), Some(3), Some(2), None]);
        let ignored = duplicate_count(&columns, &["1.2"]);
        assert_eq!(ignored[0].value, "3.4");
    }
}
