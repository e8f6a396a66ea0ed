//! Nearby values of a report: would a typo in the last digit, or a slip of
//! `n`, explain an inconsistency? (scrutiny's `*_map_seq`, `audit_seq`,
//! `disperse` and `disperse_total`.)
//!
//! [`disperse_columns`] varies each chosen column of each case by steps of
//! its last reported digit; the front doors test the variants with the same
//! `*_map` function as the reports, and [`audit_seq`] sums up, per case,
//! how many variants are consistent and how far the nearest ones lie.
//! [`scenarios`] and [`audit_total_n`] do the same for a total `n` whose
//! split into two groups was not reported.
//!
//! ```
//! use ferrox::{Decimal, seq::{disperse, Dispersion}};
//! let near: Vec<String> = disperse(Decimal::parse("5.19")?, &Dispersion::steps(&[1, 2])?)?
//!     .iter().map(|(v, _)| v.to_string()).collect();
//! assert_eq!(near, ["5.17", "5.18", "5.20", "5.21"]);
//! # Ok::<(), ferrox::Error>(())
//! ```

use crate::decimal::Decimal;
use crate::error::{Error, Result};
use crate::forensics::check::is_missing;
use crate::input::at_row;

/// How far to go from a report, and where to stop.
#[derive(Debug, Clone, PartialEq)]
pub struct Dispersion {
    /// Steps of the last reported digit, each taken down and up.
    pub steps: Vec<u32>,
    /// The least value kept: [`Limit::Auto`] is one step (values stay
    /// positive), as in scrutiny.
    pub out_min: Limit,
    /// The greatest value kept, if any.
    pub out_max: Option<Decimal>,
    /// Keep the report itself (as a step of 0 does).
    pub include_reported: bool,
}

/// A lower limit on dispersed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// One step of the last digit: `0.01` for `"5.19"`, `1` for `n`.
    Auto,
    /// No limit.
    Unbounded,
    /// This value.
    At(Decimal),
}

impl Dispersion {
    /// scrutiny's defaults with these steps: down to one step, no upper
    /// limit, the report left out unless a step is 0. Steps must be
    /// distinct.
    ///
    /// ```
    /// assert!(ferrox::seq::Dispersion::steps(&[1, 1]).is_err());
    /// ```
    pub fn steps(steps: &[u32]) -> Result<Self> {
        let mut sorted = steps.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        if sorted.len() != steps.len() || steps.is_empty() {
            return Err(Error::invalid(
                "dispersion",
                "give distinct whole numbers of at least 0 (0 is the report itself)",
            ));
        }
        Ok(Dispersion {
            steps: steps.to_vec(),
            out_min: Limit::Auto,
            out_max: None,
            include_reported: false,
        })
    }
}

impl Dispersion {
    /// The front doors' form: steps as doubles, `out_min` as `"auto"`, none
    /// or a number written as text, `out_max` none or text.
    ///
    /// ```
    /// use ferrox::seq::{Dispersion, Limit};
    /// let d = Dispersion::from_args(&[1.0, 2.0], Some("auto"), Some("7"), false)?;
    /// assert_eq!((d.out_min, d.out_max.map(|m| m.to_string())), (Limit::Auto, Some("7".into())));
    /// assert!(Dispersion::from_args(&[1.5], None, None, false).is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn from_args(
        steps: &[f64],
        out_min: Option<&str>,
        out_max: Option<&str>,
        include_reported: bool,
    ) -> Result<Self> {
        let steps = steps
            .iter()
            .map(|&k| {
                u32::try_from(crate::input::whole(k, "dispersion")?).map_err(|_| {
                    Error::invalid(
                        "dispersion",
                        format!("{k} is not a whole number of at least 0"),
                    )
                })
            })
            .collect::<Result<Vec<u32>>>()?;
        let limit = |name: &'static str, text: &str| {
            Decimal::parse(text).map_err(|e| Error::invalid(name, e.to_string()))
        };
        Ok(Dispersion {
            out_min: match out_min {
                Some("auto") => Limit::Auto,
                None => Limit::Unbounded,
                Some(text) => Limit::At(limit("out_min", text)?),
            },
            out_max: out_max.map(|text| limit("out_max", text)).transpose()?,
            include_reported,
            ..Dispersion::steps(&steps)?
        })
    }
}

/// The values around `from`, lowest first, each with its signed number of
/// steps (`diff_var`).
///
/// ```
/// use ferrox::{Decimal, seq::{disperse, Dispersion, Limit}};
/// let mut d = Dispersion::steps(&[1, 2, 3])?;
/// d.include_reported = true;
/// let near = disperse(Decimal::parse("2")?, &d)?; // down to 1 only
/// let diffs: Vec<i64> = near.iter().map(|&(_, k)| k).collect();
/// assert_eq!(diffs, [-1, 0, 1, 2, 3]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn disperse(from: Decimal, d: &Dispersion) -> Result<Vec<(Decimal, i64)>> {
    let scale = [
        Some(from.scale()),
        match d.out_min {
            Limit::At(v) => Some(v.scale()),
            _ => None,
        },
        d.out_max.map(|v| v.scale()),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(0);
    let step = Decimal::new(1, from.scale()).rescale(scale)?.mantissa();
    let at = from.rescale(scale)?.mantissa();
    let min = match d.out_min {
        Limit::Auto => Some(step),
        Limit::Unbounded => None,
        Limit::At(v) => Some(v.rescale(scale)?.mantissa()),
    };
    let max = d
        .out_max
        .map(|v| v.rescale(scale).map(|v| v.mantissa()))
        .transpose()?;
    let mut diffs: Vec<i64> = d
        .steps
        .iter()
        .flat_map(|&k| [-i64::from(k), i64::from(k)])
        .collect();
    if d.include_reported {
        diffs.push(0);
    }
    diffs.sort_unstable();
    diffs.dedup();
    let mut out = Vec::with_capacity(diffs.len());
    for diff in diffs {
        let value = step
            .checked_mul(i128::from(diff))
            .and_then(|s| at.checked_add(s))
            .ok_or(Error::Overflow("a report moved by its steps"))?;
        let inside = min.is_none_or(|m| value >= m) && max.is_none_or(|m| value <= m);
        if inside || diff == 0 {
            out.push((Decimal::new(value, scale).rescale(from.scale())?, diff));
        }
    }
    Ok(out)
}

/// The variants of a table: for each column in `vary` (indexes into
/// `columns`), each case's value dispersed with the others kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Variants {
    /// The tested columns, one value per variant, as text.
    pub columns: Vec<Vec<String>>,
    /// The case each variant comes from (0-based row of the input).
    pub case: Vec<usize>,
    /// Which column was varied (index into `columns`).
    pub var: Vec<usize>,
    /// Steps from the report.
    pub diff: Vec<i64>,
}

/// [`disperse`] over a table of reported values given as text; column by
/// column in `vary`, then case by case, lowest value first (scrutiny's
/// order). A missing value is not dispersed.
///
/// ```
/// use ferrox::seq::{disperse_columns, Dispersion};
/// let columns = vec![vec!["5.19".to_string()], vec!["28".to_string()]];
/// let v = disperse_columns(&columns, &[0, 1], &Dispersion::steps(&[1])?)?;
/// assert_eq!(v.columns[0], ["5.18", "5.20", "5.19", "5.19"]);
/// assert_eq!(v.columns[1], ["28", "28", "27", "29"]);
/// assert_eq!((v.var, v.diff), (vec![0, 0, 1, 1], vec![-1, 1, -1, 1]));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn disperse_columns<S: AsRef<str>>(
    columns: &[Vec<S>],
    vary: &[usize],
    d: &Dispersion,
) -> Result<Variants> {
    let rows = columns.first().map_or(0, Vec::len);
    if columns.iter().any(|c| c.len() != rows) {
        return Err(Error::invalid("data", "the columns differ in length"));
    }
    let variants = rows
        .saturating_mul(vary.len())
        .saturating_mul(2 * d.steps.len() + 1);
    within_limit(variants, "dispersion")?;
    let mut out = Variants {
        columns: vec![Vec::new(); columns.len()],
        ..Variants::default()
    };
    for &var in vary {
        let column = columns
            .get(var)
            .ok_or_else(|| Error::invalid("var", format!("there is no column {var}")))?;
        for (case, cell) in column.iter().enumerate() {
            let cell = cell.as_ref();
            if is_missing(cell) {
                continue;
            }
            let from = Decimal::parse(cell).map_err(at_row(rows, case))?;
            for (value, diff) in disperse(from, d).map_err(at_row(rows, case))? {
                for (j, source) in columns.iter().enumerate() {
                    let text = if j == var {
                        value.to_string()
                    } else {
                        source[case].as_ref().to_owned()
                    };
                    out.columns[j].push(text);
                }
                out.case.push(case);
                out.var.push(var);
                out.diff.push(diff);
            }
        }
    }
    Ok(out)
}

/// A value moved back by `diff` steps of its last digit: the report a
/// variant came from.
///
/// ```
/// assert_eq!(ferrox::seq::undisperse("5.21", 2)?, "5.19");
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn undisperse(value: &str, diff: i64) -> Result<String> {
    let v = Decimal::parse(value)?;
    let mantissa = v
        .mantissa()
        .checked_sub(i128::from(diff))
        .ok_or(Error::Overflow("a variant moved back"))?;
    Ok(Decimal::new(mantissa, v.scale()).to_string())
}

/// The most rows a table of variants or scenarios may have: ten million,
/// far beyond any reader's use, well within memory.
pub const MAX_ROWS: usize = 10_000_000;

fn within_limit(rows: usize, name: &'static str) -> Result<()> {
    if rows > MAX_ROWS {
        return Err(Error::invalid(
            name,
            format!(
                "it would make about {rows} rows to test; give fewer steps (at most {MAX_ROWS} rows)"
            ),
        ));
    }
    Ok(())
}

/// One case's summary of its variants (scrutiny's `audit_seq`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeqAudit {
    /// The case (0-based, as in [`Variants::case`]).
    pub case: usize,
    /// Consistent variants in all.
    pub hits_total: u64,
    /// Consistent variants per varied column, in the order of `vars`.
    pub hits: Vec<u64>,
    /// Per varied column: the fewest steps to a consistent variant either
    /// way (`diff_x`), up (`diff_x_up`, positive) and down (`diff_x_down`,
    /// negative); `None` where there is none.
    pub nearest: Vec<[Option<i64>; 3]>,
}

/// [`SeqAudit`] for every case of a tested `*_map_seq` table, cases in
/// order of first appearance; `vars` are the varied columns' names in the
/// order the summary lists them.
///
/// ```
/// use ferrox::seq::audit_seq;
/// let var = ["x", "x", "n", "n"];
/// let audit = audit_seq(&[0, 0, 0, 0], &var, &[-1, 1, -1, 1], &[false, true, true, true], &["x", "n"])?;
/// assert_eq!((audit[0].hits_total, audit[0].hits.clone()), (3, vec![1, 2]));
/// assert_eq!(audit[0].nearest[0], [Some(1), Some(1), None]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn audit_seq<S: AsRef<str>>(
    case: &[usize],
    var: &[S],
    diff: &[i64],
    consistency: &[bool],
    vars: &[S],
) -> Result<Vec<SeqAudit>> {
    let len = case.len();
    if [var.len(), diff.len(), consistency.len()]
        .iter()
        .any(|&l| l != len)
    {
        return Err(Error::invalid(
            "data",
            "`case`, `var`, `diff_var` and `consistency` differ in length; pass a whole *_map_seq table",
        ));
    }
    let mut order: Vec<usize> = Vec::new();
    let mut audits: std::collections::HashMap<usize, SeqAudit> = std::collections::HashMap::new();
    for row in 0..len {
        let audit = audits.entry(case[row]).or_insert_with(|| {
            order.push(case[row]);
            SeqAudit {
                case: case[row],
                hits_total: 0,
                hits: vec![0; vars.len()],
                nearest: vec![[None; 3]; vars.len()],
            }
        });
        if !consistency[row] {
            continue;
        }
        let name = var[row].as_ref();
        let j = vars
            .iter()
            .position(|v| v.as_ref() == name)
            .ok_or_else(|| {
                Error::invalid(
                    "var",
                    format!(
                        "{} is not one of the varied columns",
                        crate::error::quoted(name)
                    ),
                )
                .in_row(row)
            })?;
        let d = diff[row];
        audit.hits_total += 1;
        audit.hits[j] += 1;
        let [either, up, down] = &mut audit.nearest[j];
        *either = Some(either.map_or(d.abs(), |e| e.min(d.abs())));
        if d > 0 {
            *up = Some(up.map_or(d, |u| u.min(d)));
        }
        if d < 0 {
            *down = Some(down.map_or(d, |w| w.max(d)));
        }
    }
    Ok(order
        .into_iter()
        .filter_map(|c| audits.remove(&c))
        .collect())
}

/// The splits of a total sample size into two groups, as scrutiny's
/// `disperse_total`: from the halves (`N/2` twice, or the integers around
/// an odd `N/2`) outwards by each step, the smaller group first; a split is
/// kept while both groups lie within `n_min..=n_max`. Each split is
/// `(smaller, larger, step)`.
///
/// ```
/// let splits = ferrox::seq::disperse_total(41, &[0, 1, 2], 1, None)?;
/// assert_eq!(splits, [(20, 21, 0), (19, 22, 1), (18, 23, 2)]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn disperse_total(
    total: u64,
    steps: &[u32],
    n_min: u64,
    n_max: Option<u64>,
) -> Result<Vec<(u64, u64, i64)>> {
    if total < 2 {
        return Err(Error::invalid(
            "n",
            format!("it is {total}; a total of two groups is at least 2"),
        ));
    }
    let (low, high) = (total / 2, total - total / 2);
    Ok(steps
        .iter()
        .filter_map(|&d| {
            let d = u64::from(d);
            let (small, large) = (low.checked_sub(d)?, high.checked_add(d)?);
            (small >= n_min && n_max.is_none_or(|m| large <= m)).then_some((small, large, d as i64))
        })
        .collect())
}

/// The front doors' arguments of [`disperse_total`] and [`scenarios`],
/// checked: steps, the least group size and the greatest, as doubles.
///
/// ```
/// assert_eq!(ferrox::seq::split_limits(&[0.0, 1.0], 1.0, None)?, (vec![0, 1], 1, None));
/// assert!(ferrox::seq::split_limits(&[1.0], -1.0, None).is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn split_limits(
    steps: &[f64],
    n_min: f64,
    n_max: Option<f64>,
) -> Result<(Vec<u32>, u64, Option<u64>)> {
    let d = Dispersion::from_args(steps, None, None, false)?;
    let n_min = u64::try_from(crate::input::whole(n_min, "n_min")?)
        .map_err(|_| Error::invalid("n_min", "it cannot be negative"))?;
    let n_max = n_max.map(|m| crate::input::count(m, "n_max")).transpose()?;
    Ok((d.steps, n_min, n_max))
}

/// The two-group scenarios of a table whose group sizes are unknown: for
/// each case and each split of its total, the groups' reported values with
/// the split's sizes, first as reported ("forth": group 1 gets the smaller
/// size), then swapped ("back"). Rows come in pairs, one per group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scenarios {
    /// Per reported statistic, the value tested in each row.
    pub columns: Vec<Vec<String>>,
    /// The group size of each row.
    pub n: Vec<u64>,
    /// Its distance from the even split (negative for the smaller group).
    pub n_change: Vec<i64>,
    /// The case (0-based row of the input).
    pub case: Vec<usize>,
    /// `true` for "forth", `false` for "back".
    pub forth: Vec<bool>,
}

/// [`Scenarios`] for a table: `groups` holds, per statistic, the columns of
/// group 1 and group 2 (as text); `total` the total sample sizes.
///
/// ```
/// use ferrox::seq::scenarios;
/// let x = [vec!["3.1".to_string()], vec!["2.9".to_string()]];
/// let s = scenarios(&[x], &[20.0], &[0, 1], 1, None)?;
/// assert_eq!(s.n, [10, 10, 9, 11, 10, 10, 9, 11]);
/// assert_eq!(s.columns[0][..4], ["3.1", "2.9", "3.1", "2.9"]);
/// assert_eq!(s.columns[0][4..6], ["2.9", "3.1"]);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn scenarios<S: AsRef<str>>(
    groups: &[[Vec<S>; 2]],
    total: &[f64],
    steps: &[u32],
    n_min: u64,
    n_max: Option<u64>,
) -> Result<Scenarios> {
    let rows = total.len();
    if groups.iter().flatten().any(|c| c.len() != rows) {
        return Err(Error::invalid("data", "the columns differ in length"));
    }
    let splits: Vec<Vec<(u64, u64, i64)>> = total
        .iter()
        .enumerate()
        .map(|(row, &t)| {
            crate::input::count(t, "n")
                .and_then(|t| disperse_total(t, steps, n_min, n_max))
                .map_err(at_row(rows, row))
        })
        .collect::<Result<_>>()?;
    within_limit(rows.saturating_mul(4 * steps.len()), "dispersion")?;
    let mut out = Scenarios {
        columns: vec![Vec::new(); groups.len()],
        ..Scenarios::default()
    };
    for forth in [true, false] {
        let (first, second) = if forth { (0, 1) } else { (1, 0) };
        for (case, case_splits) in splits.iter().enumerate() {
            for &(small, large, d) in case_splits {
                for (group, n, change) in [(first, small, -d), (second, large, d)] {
                    for (column, stat) in out.columns.iter_mut().zip(groups) {
                        column.push(stat[group][case].as_ref().to_owned());
                    }
                    out.n.push(n);
                    out.n_change.push(change);
                    out.case.push(case);
                    out.forth.push(forth);
                }
            }
        }
    }
    Ok(out)
}

/// One case's summary of its scenarios (scrutiny's `audit_total_n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotalAudit {
    /// The case (0-based).
    pub case: usize,
    /// Scenarios with both groups consistent, as reported ("forth").
    pub hits_forth: u64,
    /// And with the groups' sizes swapped ("back").
    pub hits_back: u64,
    /// Scenarios in all, both directions.
    pub scenarios: u64,
}

/// [`TotalAudit`] for every case of a tested `*_map_total_n` table (rows in
/// pairs, as [`scenarios`] makes them).
///
/// ```
/// use ferrox::seq::audit_total_n;
/// let audit = audit_total_n(&[0, 0, 0, 0], &[true, true, false, false], &[true, true, true, false])?;
/// assert_eq!((audit[0].hits_forth, audit[0].hits_back, audit[0].scenarios), (1, 0, 2));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn audit_total_n(
    case: &[usize],
    forth: &[bool],
    consistency: &[bool],
) -> Result<Vec<TotalAudit>> {
    let len = case.len();
    if forth.len() != len || consistency.len() != len || len % 2 != 0 {
        return Err(Error::invalid(
            "data",
            "a *_map_total_n table has its rows in pairs, with `case`, `dir` and `consistency`; pass it whole",
        ));
    }
    let mut out: Vec<TotalAudit> = Vec::new();
    for pair in (0..len).step_by(2) {
        if case[pair] != case[pair + 1] || forth[pair] != forth[pair + 1] {
            return Err(Error::invalid(
                "data",
                "its rows are not in pairs of one case; pass it whole and in order",
            )
            .in_row(pair + 1));
        }
        let index = match out.iter().position(|a| a.case == case[pair]) {
            Some(i) => i,
            None => {
                out.push(TotalAudit {
                    case: case[pair],
                    hits_forth: 0,
                    hits_back: 0,
                    scenarios: 0,
                });
                out.len() - 1
            }
        };
        let audit = &mut out[index];
        audit.scenarios += 1;
        if consistency[pair] && consistency[pair + 1] {
            if forth[pair] {
                audit.hits_forth += 1;
            } else {
                audit.hits_back += 1;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_keep_values_inside_and_the_scale_of_the_report() -> Result<()> {
        let mut d = Dispersion::steps(&[1, 2, 3])?;
        d.out_max = Some(Decimal::parse("0.5")?);
        let near: Vec<String> = disperse(Decimal::parse("0.48")?, &d)?
            .iter()
            .map(|(v, _)| v.to_string())
            .collect();
        assert_eq!(near, ["0.45", "0.46", "0.47", "0.49", "0.50"]);
        d.out_min = Limit::Unbounded;
        let below = disperse(Decimal::parse("0.01")?, &d)?;
        assert_eq!(below[0].0.to_string(), "-0.02");
        Ok(())
    }

    #[test]
    fn too_many_variants_are_refused_before_any_is_made() -> Result<()> {
        let steps: Vec<u32> = (1..=3_000_000).collect();
        let d = Dispersion::steps(&steps)?;
        let columns = vec![vec!["5.19".to_string(), "3.1".to_string()]];
        let e = disperse_columns(&columns, &[0], &d).err();
        assert!(e.is_some_and(|e| e.to_string().contains("fewer steps")));
        let groups = [[vec!["1.5".to_string()], vec!["2.5".to_string()]]];
        assert!(scenarios(&groups, &[1e6], &steps, 1, None).is_err());
        Ok(())
    }

    #[test]
    fn a_step_of_zero_is_the_report_once() -> Result<()> {
        let mut d = Dispersion::steps(&[0, 1])?;
        d.include_reported = true;
        let diffs: Vec<i64> = disperse(Decimal::parse("3.5")?, &d)?
            .iter()
            .map(|&(_, k)| k)
            .collect();
        assert_eq!(diffs, [-1, 0, 1]);
        Ok(())
    }

    #[test]
    fn audit_finds_the_nearest_hits_each_way() -> Result<()> {
        let var = ["x"; 4];
        let audit = audit_seq(
            &[2, 2, 2, 2],
            &var,
            &[-2, -1, 1, 3],
            &[true, true, false, true],
            &["x"],
        )?;
        assert_eq!(audit[0].nearest[0], [Some(1), Some(3), Some(-1)]);
        assert_eq!(audit[0].case, 2);
        Ok(())
    }

    #[test]
    fn missing_values_are_not_dispersed_and_errors_name_rows() -> Result<()> {
        let columns = vec![vec!["NA".to_string(), "1.5".to_string()]];
        let v = disperse_columns(&columns, &[0], &Dispersion::steps(&[1])?)?;
        assert_eq!(v.case, [1, 1]);
        let bad = vec![vec!["1.5".to_string(), "x".to_string()]];
        let e = disperse_columns(&bad, &[0], &Dispersion::steps(&[1])?).err();
        assert!(e.is_some_and(|e| e.to_string().contains("row 2")));
        Ok(())
    }
}
