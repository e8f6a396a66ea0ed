//! Carlisle's test of baseline tables: in a randomised trial the groups
//! differ at baseline only by chance, so across many variables and trials
//! the p-values of those differences are uniform. Too many near 1 (means
//! too similar, SDs copied) or near 0 point to data that were not sampled.
//!
//! Per variable: one-way ANOVA from the groups' n, mean and SD (the t-test
//! for two groups), its p-value at the reported values and its least and
//! greatest over every mean and SD that rounds to the report (exact
//! extremes of F over the rounding box); χ² of independence for counts, or
//! Fisher's exact test for a 2 × 2 table with an expected count below 5.
//! Per trial: Stouffer's `Φ(Σ Φ⁻¹(pᵢ) / √k)` and Fisher's
//! `P(χ²₂ₖ > −2 Σ ln pᵢ)`, both near 0 when groups differ too much and near
//! 1 when they are too alike. Combined and compared are the p-values at
//! means and SDs drawn (seeded) from their rounding intervals: at the
//! reported values, two means that round alike give p = 1 outright, a pile
//! that is no property of the data. Counts give discrete p-values (equal
//! counts: p = 1), so, as in Carlisle (2017), only continuous variables are
//! combined. Across trials: Kolmogorov–Smirnov against the
//! uniform, and the AUC (the mean p, 0.5 for uniform p-values).
//!
//! ```
//! use ferrox::{Decimal, Rounding, stats::carlisle::{carlisle, Baseline, BaselineRow}};
//! let d = Decimal::parse;
//! let rows = [
//!     BaselineRow::new("T1", "age", "A", Baseline::Continuous { n: 50, mean: d("54.2")?, sd: d("9.1")? }),
//!     BaselineRow::new("T1", "age", "B", Baseline::Continuous { n: 50, mean: d("55.9")?, sd: d("8.7")? }),
//! ];
//! let out = carlisle(&rows, &Rounding::default(), 1)?;
//! assert!((out.variables[0].p - 0.342_020_524_4).abs() < 1e-9); // R: t = 0.955, df = 98
//! # Ok::<(), ferrox::Error>(())
//! ```

use cdflib::special::{cumnor, dinvnr};

use super::tails::{chisq_upper, f_upper};
use crate::decimal::Decimal;
use crate::error::{Error, Result};
use crate::rng::Rng;
use crate::rounding::{Rounding, unround};

/// What one group reported for one baseline variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Baseline {
    /// A continuous variable: size, mean and sample SD, as written.
    Continuous {
        /// Group size.
        n: u64,
        /// Reported mean.
        mean: Decimal,
        /// Reported sample SD.
        sd: Decimal,
    },
    /// A categorical variable: how many of the group's `n` are in the
    /// category (the rest are not), or, with a level, in that level.
    Count {
        /// Group size.
        n: u64,
        /// Members in the category or level.
        count: u64,
    },
}

/// One row of a baseline table: trial × variable × group (× level).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaselineRow<'a> {
    /// The trial.
    pub trial: &'a str,
    /// The baseline variable.
    pub variable: &'a str,
    /// The randomised group.
    pub group: &'a str,
    /// For a categorical variable of several levels, the level this count
    /// is of; `None` for a yes/no count.
    pub level: Option<&'a str>,
    /// What was reported.
    pub value: Baseline,
}

impl<'a> BaselineRow<'a> {
    /// A row without a level.
    pub fn new(trial: &'a str, variable: &'a str, group: &'a str, value: Baseline) -> Self {
        BaselineRow {
            trial,
            variable,
            group,
            level: None,
            value,
        }
    }
}

/// One variable's test.
#[derive(Debug, Clone, PartialEq)]
pub struct VariableP {
    /// The trial.
    pub trial: String,
    /// The variable.
    pub variable: String,
    /// `"anova"` (two groups: the pooled t-test), `"chisq"` or `"fisher"`.
    pub method: &'static str,
    /// The number of groups.
    pub groups: usize,
    /// F or χ² at the reported values (NaN for Fisher's test).
    pub statistic: f64,
    /// The p-value at the reported values.
    pub p: f64,
    /// The least p over the rounding intervals (= `p` for counts).
    pub p_min: f64,
    /// The greatest.
    pub p_max: f64,
    /// The p at means and SDs drawn uniformly from their rounding
    /// intervals (seeded): what is combined and compared with uniform, as
    /// p-values of rounded reports pile up at 1 when two means round alike.
    pub p_drawn: f64,
}

/// One trial's combined p-values.
#[derive(Debug, Clone, PartialEq)]
pub struct TrialP {
    /// The trial.
    pub trial: String,
    /// Variables with a p-value.
    pub variables: usize,
    /// Stouffer's combination.
    pub stouffer: f64,
    /// Fisher's combination.
    pub fisher: f64,
}

/// The p-values against the uniform distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uniformity {
    /// How many p-values.
    pub n: usize,
    /// The Kolmogorov–Smirnov distance to the uniform CDF.
    pub ks_d: f64,
    /// Its p-value (exact Kolmogorov distribution, Marsaglia, Tsang and
    /// Wang 2003, up to 1,000 p-values; Kolmogorov's limit with Stephens'
    /// correction beyond).
    pub ks_p: f64,
    /// The AUC: the mean p, 0.5 for uniform p-values, above for groups too
    /// alike.
    pub auc: f64,
}

/// Everything [`carlisle`] finds.
#[derive(Debug, Clone, PartialEq)]
pub struct Carlisle {
    /// Per variable, in order of first appearance.
    pub variables: Vec<VariableP>,
    /// Per trial.
    pub trials: Vec<TrialP>,
    /// The continuous variables' drawn p-values against uniform.
    pub across_variables: Uniformity,
    /// The trials' Stouffer p-values against uniform.
    pub across_trials: Uniformity,
}

/// Carlisle's test of a baseline table; `rounding` says how the means and
/// SDs were rounded (for their intervals), `seed` seeds the draws within
/// them.
pub fn carlisle(rows: &[BaselineRow<'_>], rounding: &Rounding, seed: u64) -> Result<Carlisle> {
    let mut keys: Vec<(&str, &str)> = Vec::new();
    let mut groups: rustc_hash::FxHashMap<(&str, &str), Vec<&BaselineRow<'_>>> = Default::default();
    for row in rows {
        let key = (row.trial, row.variable);
        groups
            .entry(key)
            .or_insert_with(|| {
                keys.push(key);
                Vec::new()
            })
            .push(row);
    }
    let variables = keys
        .iter()
        .enumerate()
        .map(|(index, key)| {
            let mut rng = Rng::new(seed, index as u64);
            variable(key, &groups[key], rounding, &mut rng).map_err(|e| {
                Error::invalid(
                    "data",
                    format!(
                        "trial {}, variable {}: {e}",
                        crate::error::quoted(key.0),
                        crate::error::quoted(key.1)
                    ),
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut trials: Vec<TrialP> = Vec::new();
    // Counts give discrete p-values (equal counts give p = 1 outright),
    // which are not uniform under randomisation: as in Carlisle (2017),
    // only continuous variables are combined.
    for v in variables
        .iter()
        .filter(|v| v.p_drawn.is_finite() && v.method == "anova")
    {
        let index = match trials.iter().position(|t| t.trial == v.trial) {
            Some(i) => i,
            None => {
                trials.push(TrialP {
                    trial: v.trial.clone(),
                    variables: 0,
                    stouffer: 0.0,
                    fisher: 0.0,
                });
                trials.len() - 1
            }
        };
        let t = &mut trials[index];
        t.variables += 1;
        // Sums for now; made p-values below.
        t.stouffer += probit(v.p_drawn);
        t.fisher += -2.0 * v.p_drawn.max(f64::MIN_POSITIVE).ln();
    }
    for t in &mut trials {
        let k = t.variables as f64;
        t.stouffer = cumnor(t.stouffer / k.sqrt()).0;
        t.fisher = chisq_upper(t.fisher, 2.0 * k)?;
    }
    let ps: Vec<f64> = variables
        .iter()
        .filter(|v| v.method == "anova")
        .map(|v| v.p_drawn)
        .filter(|p| p.is_finite())
        .collect();
    let stouffer: Vec<f64> = trials.iter().map(|t| t.stouffer).collect();
    Ok(Carlisle {
        across_variables: uniformity(&ps),
        across_trials: uniformity(&stouffer),
        variables,
        trials,
    })
}

/// A baseline table as the front doors pass it: text columns (one value per
/// row), counts as doubles (NaN where missing). A row is continuous when it
/// has a mean and an SD, a count otherwise.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a, S> {
    /// Trial of each row.
    pub trial: &'a [S],
    /// Baseline variable.
    pub variable: &'a [S],
    /// Randomised group.
    pub group: &'a [S],
    /// Level of a categorical variable, if the table has levels.
    pub level: Option<&'a [S]>,
    /// Group size.
    pub n: &'a [f64],
    /// Reported means (missing for counts), if the table has them.
    pub mean: Option<&'a [S]>,
    /// Reported SDs.
    pub sd: Option<&'a [S]>,
    /// Counts (NaN for means), if the table has them.
    pub count: Option<&'a [f64]>,
}

/// [`carlisle`] on a table's columns; an error names its row.
///
/// ```
/// use ferrox::{Rounding, stats::carlisle::{carlisle_table, Columns}};
/// let t = ["T1"; 4];
/// let v = ["age", "age", "male", "male"];
/// let g = ["A", "B", "A", "B"];
/// let mean = ["54.2", "55.9", "NA", "NA"];
/// let sd = ["9.1", "8.7", "NA", "NA"];
/// let cols = Columns { trial: &t, variable: &v, group: &g, level: None, n: &[50.0; 4],
///     mean: Some(&mean), sd: Some(&sd), count: Some(&[f64::NAN, f64::NAN, 22.0, 25.0]) };
/// let out = carlisle_table(&cols, &Rounding::default(), 1)?;
/// assert_eq!(out.variables[1].method, "chisq");
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn carlisle_table<S: AsRef<str>>(
    cols: &Columns<'_, S>,
    rounding: &Rounding,
    seed: u64,
) -> Result<Carlisle> {
    let len = cols.trial.len();
    let same = [
        Some(cols.variable.len()),
        Some(cols.group.len()),
        cols.level.map(<[S]>::len),
        Some(cols.n.len()),
        cols.mean.map(<[S]>::len),
        cols.sd.map(<[S]>::len),
        cols.count.map(<[f64]>::len),
    ];
    if same.iter().flatten().any(|&l| l != len) {
        return Err(Error::invalid("data", "its columns differ in length"));
    }
    fn given<S: AsRef<str>>(column: Option<&[S]>, row: usize) -> Option<&str> {
        column
            .map(|c| c[row].as_ref())
            .filter(|v| !crate::check::is_missing(v))
    }
    let rows = (0..len)
        .map(|row| {
            let parse = || -> Result<BaselineRow<'_>> {
                let n = crate::input::count(cols.n[row], "n")?;
                let value = match (given(cols.mean, row), given(cols.sd, row)) {
                    (Some(mean), Some(sd)) => Baseline::Continuous {
                        n,
                        mean: Decimal::parse(mean)?,
                        sd: Decimal::parse(sd)?,
                    },
                    _ => match cols.count.map(|c| c[row]).filter(|c| !c.is_nan()) {
                        Some(count) => Baseline::Count {
                            n,
                            count: u64::try_from(crate::input::whole(count, "count")?)
                                .map_err(|_| Error::invalid("count", "it cannot be negative"))?,
                        },
                        None => {
                            return Err(Error::invalid(
                                "data",
                                "the row has neither a mean and an SD nor a count",
                            ));
                        }
                    },
                };
                Ok(BaselineRow {
                    trial: cols.trial[row].as_ref(),
                    variable: cols.variable[row].as_ref(),
                    group: cols.group[row].as_ref(),
                    level: given(cols.level, row),
                    value,
                })
            };
            parse().map_err(crate::input::at_row(len, row))
        })
        .collect::<Result<Vec<_>>>()?;
    carlisle(&rows, rounding, seed)
}

/// `Φ⁻¹(p)`, with p kept off 0 and 1 so that a p-value of exactly 0 or 1
/// counts as extreme, not infinite.
fn probit(p: f64) -> f64 {
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    dinvnr(p, 1.0 - p)
}

fn variable(
    key: &(&str, &str),
    rows: &[&BaselineRow<'_>],
    rounding: &Rounding,
    rng: &mut Rng,
) -> Result<VariableP> {
    let continuous: Vec<(u64, Decimal, Decimal)> = rows
        .iter()
        .filter_map(|r| match r.value {
            Baseline::Continuous { n, mean, sd } => Some((n, mean, sd)),
            Baseline::Count { .. } => None,
        })
        .collect();
    let mut out = VariableP {
        trial: key.0.to_owned(),
        variable: key.1.to_owned(),
        method: "anova",
        groups: rows.len(),
        statistic: f64::NAN,
        p: f64::NAN,
        p_min: f64::NAN,
        p_max: f64::NAN,
        p_drawn: f64::NAN,
    };
    if continuous.len() == rows.len() {
        anova(&continuous, rounding, rng, &mut out)?;
    } else if continuous.is_empty() {
        counts(rows, &mut out)?;
    } else {
        return Err(Error::invalid(
            "data",
            "it mixes means with counts; give one kind per variable",
        ));
    }
    Ok(out)
}

fn anova(
    groups: &[(u64, Decimal, Decimal)],
    rounding: &Rounding,
    rng: &mut Rng,
    out: &mut VariableP,
) -> Result<()> {
    if groups.len() < 2 {
        return Err(Error::invalid(
            "group",
            "a variable needs at least two groups",
        ));
    }
    if let Some(&(n, ..)) = groups.iter().find(|g| g.0 < 2) {
        return Err(Error::invalid(
            "n",
            format!("a group of {n} has no SD; give n of at least 2"),
        ));
    }
    let n: Vec<f64> = groups.iter().map(|g| g.0 as f64).collect();
    let (df1, df2) = (
        (groups.len() - 1) as f64,
        n.iter().sum::<f64>() - groups.len() as f64,
    );
    let means: Vec<f64> = groups.iter().map(|g| g.1.to_f64()).collect();
    let sds: Vec<f64> = groups.iter().map(|g| g.2.to_f64()).collect();
    let f = |between: f64, within: f64| (between / df1) / (within / df2);
    let p_of = |between: f64, within: f64| -> Result<f64> {
        match (between, within) {
            (b, w) if w > 0.0 => f_upper(f(b, w), df1, df2),
            (b, _) if b > 0.0 => Ok(0.0),
            _ => Ok(f64::NAN),
        }
    };
    let (between, within) = (spread(&n, &means), within_squares(&n, &sds));
    out.statistic = f(between, within);
    out.p = p_of(between, within)?;
    let ends = |x: &Decimal| -> Result<(f64, f64)> {
        let b = unround(x, rounding)?;
        Ok((b.lower.to_f64(), b.upper.to_f64()))
    };
    let mean_box = groups
        .iter()
        .map(|g| ends(&g.1))
        .collect::<Result<Vec<_>>>()?;
    let sd_box: Vec<(f64, f64)> = groups
        .iter()
        .map(|g| ends(&g.2).map(|(lo, hi)| (lo.max(0.0), hi)))
        .collect::<Result<_>>()?;
    let within_min = within_squares(&n, &sd_box.iter().map(|b| b.0).collect::<Vec<_>>());
    let within_max = within_squares(&n, &sd_box.iter().map(|b| b.1).collect::<Vec<_>>());
    // p falls as F rises: the least p at the greatest spread of means and
    // the least SDs, the greatest p the other way round.
    out.p_min = p_of(greatest_spread(&n, &mean_box), within_min)?;
    out.p_max = p_of(least_spread(&n, &mean_box), within_max)?;
    let mut draw = |&(lo, hi): &(f64, f64)| {
        lo + (hi - lo) * (rng.below(1 << 53) as f64 + 0.5) / (1u64 << 53) as f64
    };
    let drawn_means: Vec<f64> = mean_box.iter().map(&mut draw).collect();
    let drawn_sds: Vec<f64> = sd_box.iter().map(&mut draw).collect();
    out.p_drawn = p_of(spread(&n, &drawn_means), within_squares(&n, &drawn_sds))?;
    Ok(())
}

/// `Σ nᵢ (mᵢ − m̄)²`, the between-groups sum of squares.
fn spread(n: &[f64], means: &[f64]) -> f64 {
    let total: f64 = n.iter().sum();
    let grand = n.iter().zip(means).map(|(n, m)| n * m).sum::<f64>() / total;
    n.iter()
        .zip(means)
        .map(|(n, m)| n * (m - grand).powi(2))
        .sum()
}

fn within_squares(n: &[f64], sds: &[f64]) -> f64 {
    n.iter().zip(sds).map(|(n, s)| (n - 1.0) * s * s).sum()
}

/// The greatest between-groups spread over the box of means: a convex
/// function, so at a corner (2^k of them; a baseline table has few groups).
fn greatest_spread(n: &[f64], bounds: &[(f64, f64)]) -> f64 {
    let k = bounds.len().min(20);
    (0..1u32 << k)
        .map(|corner| {
            let means: Vec<f64> = bounds
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    if i < k && corner >> i & 1 == 1 {
                        b.1
                    } else {
                        b.0
                    }
                })
                .collect();
            spread(n, &means)
        })
        .fold(0.0, f64::max)
}

/// The least spread over the box: each mean as near a common centre `c` as
/// its interval allows, `c` the weighted mean of the results (the KKT
/// conditions of this convex problem), found by bisection.
fn least_spread(n: &[f64], bounds: &[(f64, f64)]) -> f64 {
    let total: f64 = n.iter().sum();
    let placed = |c: f64| -> Vec<f64> { bounds.iter().map(|&(lo, hi)| c.clamp(lo, hi)).collect() };
    let (mut lo, mut hi) = bounds
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &(l, h)| {
            (a.min(l), b.max(h))
        });
    for _ in 0..200 {
        let c = 0.5 * (lo + hi);
        let centre = n.iter().zip(placed(c)).map(|(n, m)| n * m).sum::<f64>() / total;
        if centre > c {
            lo = c;
        } else {
            hi = c;
        }
    }
    spread(n, &placed(0.5 * (lo + hi)))
}

fn counts(rows: &[&BaselineRow<'_>], out: &mut VariableP) -> Result<()> {
    let mut group_names: Vec<&str> = Vec::new();
    let mut level_names: Vec<&str> = Vec::new();
    for row in rows {
        if !group_names.contains(&row.group) {
            group_names.push(row.group);
        }
        if let Some(level) = row.level
            && !level_names.contains(&level)
        {
            level_names.push(level);
        }
    }
    let levelled = !level_names.is_empty();
    let width = if levelled { level_names.len() } else { 2 };
    let mut table = vec![vec![0f64; width]; group_names.len()];
    for row in rows {
        let Baseline::Count { n, count } = row.value else {
            continue;
        };
        let g = group_names
            .iter()
            .position(|&name| name == row.group)
            .unwrap_or(0);
        match row.level {
            Some(level) => {
                let l = level_names
                    .iter()
                    .position(|&name| name == level)
                    .unwrap_or(0);
                table[g][l] += count as f64;
            }
            None if levelled => {
                return Err(Error::invalid(
                    "level",
                    "some counts have a level and some do not",
                ));
            }
            None => {
                if count > n {
                    return Err(Error::invalid(
                        "count",
                        format!("{count} is more than the group's n of {n}"),
                    ));
                }
                table[g][0] += count as f64;
                table[g][1] += (n - count) as f64;
            }
        }
    }
    out.groups = group_names.len();
    if out.groups < 2 {
        return Err(Error::invalid(
            "group",
            "a variable needs at least two groups",
        ));
    }
    let (p, statistic, method) = independence(&table)?;
    (out.p, out.p_min, out.p_max, out.p_drawn) = (p, p, p, p);
    (out.statistic, out.method) = (statistic, method);
    Ok(())
}

/// χ² of independence on a groups × levels table (empty levels dropped);
/// Fisher's exact test for 2 × 2 with an expected count below 5.
fn independence(table: &[Vec<f64>]) -> Result<(f64, f64, &'static str)> {
    let columns: Vec<usize> = (0..table[0].len())
        .filter(|&j| table.iter().map(|r| r[j]).sum::<f64>() > 0.0)
        .collect();
    let rows: Vec<f64> = table
        .iter()
        .map(|r| columns.iter().map(|&j| r[j]).sum())
        .collect();
    let cols: Vec<f64> = columns
        .iter()
        .map(|&j| table.iter().map(|r| r[j]).sum())
        .collect();
    let total: f64 = rows.iter().sum();
    if columns.len() < 2 || rows.contains(&0.0) {
        return Ok((1.0, 0.0, "chisq"));
    }
    let expected = |i: usize, j: usize| rows[i] * cols[j] / total;
    let small = (0..rows.len()).any(|i| (0..cols.len()).any(|j| expected(i, j) < 5.0));
    let cell = |i: usize, j: usize| table[i][columns[j]] as u64;
    if small
        && rows.len() == 2
        && cols.len() == 2
        && let Some(p) = fisher_2x2([[cell(0, 0), cell(0, 1)], [cell(1, 0), cell(1, 1)]])
    {
        return Ok((p, f64::NAN, "fisher"));
    }
    let statistic: f64 = (0..rows.len())
        .flat_map(|i| (0..cols.len()).map(move |j| (i, j)))
        .map(|(i, j)| (table[i][columns[j]] - expected(i, j)).powi(2) / expected(i, j))
        .sum();
    let df = ((rows.len() - 1) * (cols.len() - 1)) as f64;
    Ok((chisq_upper(statistic, df)?, statistic, "chisq"))
}

/// Fisher's exact test, two-sided: the probability of every table with the
/// same margins that is no more likely than the one observed (within a
/// relative 1e-7, as R's `fisher.test`). The terms come from the ratio of
/// neighbouring hypergeometric probabilities, in constant memory; `None`
/// when more than ten million tables share the margins (χ² is then used).
fn fisher_2x2(t: [[u64; 2]; 2]) -> Option<f64> {
    let (r1, c1) = (t[0][0] + t[0][1], t[0][0] + t[1][0]);
    let n = r1 + t[1][0] + t[1][1];
    let (lo, hi) = ((r1 + c1).saturating_sub(n), r1.min(c1));
    if hi - lo > 10_000_000 {
        return None;
    }
    // ln P(a) − ln P(lo), step by step.
    let ratio = |a: u64| {
        let d = n + a - r1 - c1;
        ((r1 - a) as f64).ln() + ((c1 - a) as f64).ln()
            - ((a + 1) as f64).ln()
            - ((d + 1) as f64).ln()
    };
    let terms = || {
        (lo..=hi).scan(0.0, move |sum: &mut f64, a| {
            let here = *sum;
            if a < hi {
                *sum += ratio(a);
            }
            Some((a, here))
        })
    };
    let observed = terms().find(|&(a, _)| a == t[0][0]).map_or(0.0, |(_, l)| l);
    let top = terms().map(|(_, l)| l).fold(f64::NEG_INFINITY, f64::max);
    let (mut kept, mut all) = (0.0, 0.0);
    for (_, l) in terms() {
        let weight = (l - top).exp();
        all += weight;
        if l <= observed + 1e-7 {
            kept += weight;
        }
    }
    Some((kept / all).min(1.0))
}

/// KS distance and p-value, and the AUC, of p-values against uniform.
pub fn uniformity(ps: &[f64]) -> Uniformity {
    let n = ps.len();
    if n == 0 {
        return Uniformity {
            n,
            ks_d: f64::NAN,
            ks_p: f64::NAN,
            auc: f64::NAN,
        };
    }
    let mut sorted = ps.to_vec();
    sorted.sort_by(f64::total_cmp);
    let nf = n as f64;
    let ks_d = sorted
        .iter()
        .enumerate()
        .map(|(i, &p)| ((i + 1) as f64 / nf - p).max(p - i as f64 / nf))
        .fold(0.0, f64::max);
    Uniformity {
        n,
        ks_d,
        ks_p: ks_upper(n, ks_d),
        auc: ps.iter().sum::<f64>() / nf,
    }
}

/// `P(Dₙ ≥ d)`: exact up to 1,000 p-values; beyond, where the exact
/// matrix grows with √n, Kolmogorov's limit with Stephens' (1970)
/// correction `d(√n + 0.12 + 0.11/√n)`, within 1e-4 of exact there.
fn ks_upper(n: usize, d: f64) -> f64 {
    if n <= 1000 {
        return (1.0 - kolmogorov_cdf(n, d)).clamp(0.0, 1.0);
    }
    let root = (n as f64).sqrt();
    let x = d * (root + 0.12 + 0.11 / root);
    let tail: f64 = (1..=100)
        .map(|k| {
            let k = f64::from(k);
            let sign = if k as u32 % 2 == 1 { 1.0 } else { -1.0 };
            sign * (-2.0 * k * k * x * x).exp()
        })
        .sum();
    (2.0 * tail).clamp(0.0, 1.0)
}

/// `P(Dₙ < d)`, Marsaglia, Tsang and Wang (2003), "Evaluating Kolmogorov's
/// distribution", with their quick tail for large `n·d²`.
fn kolmogorov_cdf(n: usize, d: f64) -> f64 {
    let nf = n as f64;
    let s = d * d * nf;
    if s > 7.24 || (s > 3.76 && n > 99) {
        return 1.0 - 2.0 * (-(2.000_071 + 0.331 / nf.sqrt() + 1.409 / nf) * s).exp();
    }
    let k = (nf * d) as usize + 1;
    let m = 2 * k - 1;
    let h = k as f64 - nf * d;
    let mut matrix = vec![0.0; m * m];
    for i in 0..m {
        for j in 0..m {
            if i + 1 >= j {
                matrix[i * m + j] = 1.0;
            }
        }
    }
    for i in 0..m {
        matrix[i * m] -= h.powi(i as i32 + 1);
        matrix[(m - 1) * m + i] -= h.powi((m - i) as i32);
    }
    matrix[(m - 1) * m] += if 2.0 * h - 1.0 > 0.0 {
        (2.0 * h - 1.0).powi(m as i32)
    } else {
        0.0
    };
    for i in 0..m {
        for j in 0..m {
            if i + 1 >= j {
                for g in 1..=(i + 1 - j) {
                    matrix[i * m + j] /= g as f64;
                }
            }
        }
    }
    let (power, mut exponent) = matrix_power(&matrix, m, n);
    let mut s = power[(k - 1) * m + (k - 1)];
    for i in 1..=n {
        s *= i as f64 / nf;
        if s < 1e-140 {
            s *= 1e140;
            exponent -= 140;
        }
    }
    s * 10f64.powi(exponent)
}

/// `A^n` with a decimal exponent kept aside, as in Marsaglia et al.
fn matrix_power(a: &[f64], m: usize, n: usize) -> (Vec<f64>, i32) {
    let multiply = |x: &[f64], y: &[f64]| -> Vec<f64> {
        let mut out = vec![0.0; m * m];
        for i in 0..m {
            for l in 0..m {
                let xil = x[i * m + l];
                if xil != 0.0 {
                    for j in 0..m {
                        out[i * m + j] += xil * y[l * m + j];
                    }
                }
            }
        }
        out
    };
    if n == 1 {
        return (a.to_vec(), 0);
    }
    let (half, e) = matrix_power(a, m, n / 2);
    let mut out = multiply(&half, &half);
    let mut exponent = 2 * e;
    if n % 2 == 1 {
        out = multiply(a, &out);
    }
    if out[(m / 2) * m + m / 2] > 1e140 {
        out.iter_mut().for_each(|v| *v *= 1e-140);
        exponent += 140;
    }
    (out, exponent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).unwrap_or_default()
    }

    #[test]
    fn two_groups_give_the_pooled_t_test() -> Result<()> {
        // t = (55.9 − 54.2) / √(s²(1/50 + 1/50)), s² = (9.1² + 8.7²)/2.
        let rows = [
            BaselineRow::new(
                "T",
                "age",
                "A",
                Baseline::Continuous {
                    n: 50,
                    mean: d("54.2"),
                    sd: d("9.1"),
                },
            ),
            BaselineRow::new(
                "T",
                "age",
                "B",
                Baseline::Continuous {
                    n: 50,
                    mean: d("55.9"),
                    sd: d("8.7"),
                },
            ),
        ];
        let v = &carlisle(&rows, &Rounding::default(), 1)?.variables[0];
        let t = 1.7 / ((9.1f64.powi(2) + 8.7f64.powi(2)) / 2.0 * (2.0 / 50.0)).sqrt();
        assert!((v.statistic - t * t).abs() < 1e-9);
        assert!((v.p - crate::stats::tails::t_two_tailed(t, 98.0)?).abs() < 1e-12);
        assert!(v.p_min < v.p && v.p < v.p_max);
        Ok(())
    }

    #[test]
    fn overlapping_rounded_means_can_be_equal() -> Result<()> {
        let rows = [
            BaselineRow::new(
                "T",
                "x",
                "A",
                Baseline::Continuous {
                    n: 20,
                    mean: d("5.1"),
                    sd: d("1.0"),
                },
            ),
            BaselineRow::new(
                "T",
                "x",
                "B",
                Baseline::Continuous {
                    n: 20,
                    mean: d("5.1"),
                    sd: d("1.0"),
                },
            ),
        ];
        let v = &carlisle(&rows, &Rounding::default(), 1)?.variables[0];
        assert_eq!((v.p, v.p_max), (1.0, 1.0));
        assert!(v.p_min < 1.0);
        Ok(())
    }

    #[test]
    fn counts_use_chi_square_or_fisher() -> Result<()> {
        let yes =
            |group, n, count| BaselineRow::new("T", "male", group, Baseline::Count { n, count });
        let big = carlisle(
            &[yes("A", 100, 45), yes("B", 100, 55)],
            &Rounding::default(),
            1,
        )?;
        // χ² = 2.0002 on 1 df (R: chisq.test(correct = FALSE) gives p = 0.1573).
        assert_eq!(big.variables[0].method, "chisq");
        assert!((big.variables[0].p - 0.157_299_207).abs() < 1e-6);
        let small = carlisle(&[yes("A", 10, 1), yes("B", 10, 6)], &Rounding::default(), 1)?;
        // R: fisher.test(matrix(c(1, 9, 6, 4), 2)) gives p = 0.05728.
        assert_eq!(small.variables[0].method, "fisher");
        assert!((small.variables[0].p - 0.057_275_541_8).abs() < 1e-8);
        Ok(())
    }

    #[test]
    fn fisher_stays_small_on_huge_margins() -> Result<()> {
        // A group of 2^40 with no one in the category and a group of 3 with
        // one: two tables share the margins, whatever n is, and the one
        // observed has probability 3 / (2^40 + 3).
        let yes =
            |group, n, count| BaselineRow::new("T", "rare", group, Baseline::Count { n, count });
        let out = carlisle(
            &[yes("A", 1 << 40, 0), yes("B", 3, 1)],
            &Rounding::default(),
            1,
        )?;
        assert_eq!(out.variables[0].method, "fisher");
        let expected = 3.0 / ((1u64 << 40) as f64 + 3.0);
        assert!((out.variables[0].p - expected).abs() < 1e-9 * expected);
        Ok(())
    }

    #[test]
    fn kolmogorov_matches_known_values() {
        // R: 1 - ks.test's exact p for n = 10, D = 0.274 is 0.6284 (psmirnov).
        assert!((kolmogorov_cdf(10, 0.274) - 0.6284796154565043).abs() < 1e-9);
        let u = uniformity(&[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
        assert!((u.auc - 0.5).abs() < 1e-15 && u.ks_p > 0.99);
        // R: 1 - pKolmogorov2x(0.03, 2000) is 0.053546945; the corrected
        // limit gives 0.053578111.
        assert!((ks_upper(2000, 0.03) - 0.053_578_111_235).abs() < 1e-9);
    }

    #[test]
    fn mixed_or_single_groups_are_errors_naming_the_variable() {
        let rows = [BaselineRow::new(
            "T1",
            "age",
            "A",
            Baseline::Continuous {
                n: 5,
                mean: d("1"),
                sd: d("1"),
            },
        )];
        let e = carlisle(&rows, &Rounding::default(), 1)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("\"age\"") && e.contains("two groups"), "{e}");
    }
}
