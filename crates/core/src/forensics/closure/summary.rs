//! Summaries of all samples without listing them: from the counting
//! recursion where it reaches, else exact ranges and extremes with means
//! estimated from the uniform chain.

use rustc_hash::FxHashMap;

use super::counter::{self, Counter};
use super::{Closure, CountEstimate, centred};
use crate::error::{Error, Result};

/// Draws per chain from which a summary estimates mean occurrences where
/// the samples cannot be counted.
const ESTIMATE_ROUNDS: usize = 100;

/// Batches each chain's draws are cut into for the standard errors.
const BATCHES_PER_CHAIN: usize = 4;

/// Importance samples behind the count estimated where it cannot be
/// counted.
const ESTIMATE_TRIALS: usize = 1000;

impl Closure {
    /// How often each scale value occurs across all samples, the samples
    /// with the least and the greatest horns index, and their number. The
    /// fewest and most occurrences and the horns extremes are exact at any
    /// size ([`Closure::extremes`]). The mean occurrences and each value's
    /// distribution come from the counting recursion where it reaches;
    /// elsewhere the means are estimated from the uniform chain with a
    /// standard error, the distributions are empty, and the count is the
    /// exact one where the counting table reaches, else `None` and
    /// estimated ([`Closure::estimate_count`], seed 0) instead.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("1.2")?, 50, 0, 7)
    ///     .with_errors(Decimal::parse("0.05")?, Decimal::parse("0.005")?);
    /// let summary = Closure::new(&input)?.summary()?;
    /// assert_eq!(summary.count, Some(7980));
    /// assert_eq!((summary.values[4].min, summary.values[4].max), (0, 43));
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn summary(&self) -> Result<ClosureSummary> {
        match self.counted_summary() {
            Err(Error::OutOfReach { .. } | Error::TooMuchWork { .. }) => self.estimated_summary(),
            summary => summary,
        }
    }

    fn counted_summary(&self) -> Result<ClosureSummary> {
        let Distributions { count, by_value } = match centred::distributions(self) {
            Some(distributions) => distributions?,
            None => self.recursion_distributions()?,
        };
        let values = self
            .scale_values()
            .into_iter()
            .zip(by_value)
            .enumerate()
            .map(|(z, (value, distribution))| {
                let placed = self.placed(z) as usize;
                let shifted = std::iter::repeat_n(0, placed).chain(distribution).collect();
                ValueCounts::new(value, shifted, count)
            })
            .collect();
        Ok(ClosureSummary {
            count: Some(count),
            count_estimate: None,
            values,
            horns_min: self.horns_extreme(false)?,
            horns_max: self.horns_extreme(true)?,
        })
    }

    /// The distributions by the counting recursion: each state's paths
    /// from the top times its count below, level by level.
    fn recursion_distributions(&self) -> Result<Distributions> {
        let n = self.n as usize;
        let k = self.top as usize + 1;
        let mut distribution = vec![vec![0u128; n + 1]; k];
        let mut counter = Counter::new(self);
        let count = if self.targets.is_empty() {
            0
        } else {
            counter::within_reach(self)?;
            counter.count(self.top, self.n, 0, 0)?
        };
        let overflow = || Error::Overflow("the number of samples");
        let mut paths: FxHashMap<(i64, i64, i64), u128> = FxHashMap::default();
        if count > 0 {
            paths.insert((self.n, 0, 0), 1);
        }
        let mut level = self.top;
        while level > 2 {
            let mut next: FxHashMap<(i64, i64, i64), u128> = FxHashMap::default();
            for (&(left, sum, squares), &p) in &paths {
                self.interrupted()?;
                for c in self.choices(level, left, sum) {
                    let child = (left - c, sum + level * c, squares + level * level * c);
                    if !self.feasible(level - 1, child.0, child.1, child.2) {
                        continue;
                    }
                    let below = counter.count(level - 1, child.0, child.1, child.2)?;
                    if below == 0 {
                        continue;
                    }
                    let through = p.checked_mul(below).ok_or_else(overflow)?;
                    let slot = &mut distribution[(self.top - level) as usize][c as usize];
                    *slot = slot.checked_add(through).ok_or_else(overflow)?;
                    let entry = next.entry(child).or_insert(0);
                    *entry = entry.checked_add(p).ok_or_else(overflow)?;
                }
            }
            paths = next;
            level -= 1;
        }
        for (&(left, sum, squares), &p) in &paths {
            for solution in self.base_solutions(level, left, sum, squares) {
                for (w, c) in [(2, solution[0]), (1, solution[1]), (0, solution[2])] {
                    if w <= level {
                        let slot = &mut distribution[(self.top - w) as usize][c as usize];
                        *slot = slot.checked_add(p).ok_or_else(overflow)?;
                    }
                }
            }
        }
        Ok(Distributions {
            count,
            by_value: distribution,
        })
    }
}

/// The number of samples and, for each scale value (lowest first), the
/// number of samples holding it `c` times among the values searched, for
/// `c` from 0 to `n` (placed copies not included).
#[derive(Debug, PartialEq)]
pub(super) struct Distributions {
    pub(super) count: u128,
    pub(super) by_value: Vec<Vec<u128>>,
}

impl Distributions {
    /// No samples.
    pub(super) fn none(closure: &Closure) -> Self {
        Distributions {
            count: 0,
            by_value: vec![vec![0; closure.n as usize + 1]; closure.top as usize + 1],
        }
    }
}

impl Closure {
    /// The summary where the samples cannot be counted: exact ranges and
    /// extremes, means from the chain's draws with batch-means standard
    /// errors (each chain's draws in [`BATCHES_PER_CHAIN`] batches).
    fn estimated_summary(&self) -> Result<ClosureSummary> {
        let rows = crate::sprite::chain_rounds(self, ESTIMATE_ROUNDS)?;
        let extremes = self.extremes()?;
        let chains = crate::sprite::CHAINS;
        let batch = ESTIMATE_ROUNDS / BATCHES_PER_CHAIN;
        let values = extremes
            .values
            .iter()
            .enumerate()
            .map(|(j, range)| {
                let batch_means: Vec<f64> = (0..chains)
                    .flat_map(|c| {
                        let rows = &rows;
                        (0..BATCHES_PER_CHAIN).map(move |b| {
                            (b * batch..(b + 1) * batch)
                                .map(|r| f64::from(rows[r * chains + c][j]))
                                .sum::<f64>()
                                / batch as f64
                        })
                    })
                    .collect();
                let (mean, mean_error) = mean_and_error(&batch_means);
                ValueCounts {
                    value: range.value,
                    min: range.min,
                    max: range.max,
                    mean,
                    mean_error,
                    distribution: Vec::new(),
                }
            })
            .collect();
        let count = self.count().ok();
        let count_estimate = match count {
            Some(_) => None,
            None => Some(self.estimate_count(ESTIMATE_TRIALS, 0)?),
        };
        Ok(ClosureSummary {
            count,
            count_estimate,
            values,
            horns_min: extremes.horns_min,
            horns_max: extremes.horns_max,
        })
    }
}

/// The mean of batch means and its standard error (0 with no spread; NaN
/// with no batches).
fn mean_and_error(batches: &[f64]) -> (f64, f64) {
    let m = batches.len() as f64;
    let mean = batches.iter().sum::<f64>() / m;
    let spread = batches.iter().map(|b| (b - mean).powi(2)).sum::<f64>() / (m - 1.0);
    (mean, (spread / m).sqrt())
}

/// What the counting recursion tells without listing the samples.
///
/// ```
/// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
/// let d = Decimal::parse;
/// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
/// let summary = Closure::new(&input)?.summary()?;
/// assert_eq!(summary.count, Some(1));
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ClosureSummary {
    /// The number of samples, when they can be counted.
    pub count: Option<u128>,
    /// Where they cannot, their number estimated with its error.
    pub count_estimate: Option<CountEstimate>,
    /// For each scale value, lowest first, how often it occurs.
    pub values: Vec<ValueCounts>,
    /// The least horns index and a sample (frequency vector) that has it.
    pub horns_min: Option<(f64, Vec<u32>)>,
    /// The greatest horns index and a sample that has it.
    pub horns_max: Option<(f64, Vec<u32>)>,
}

/// How often one scale value occurs across all samples.
///
/// ```
/// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
/// let d = Decimal::parse;
/// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
/// let summary = Closure::new(&input)?.summary()?;
/// assert_eq!((summary.values[2].min, summary.values[2].max), (6, 6));
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ValueCounts {
    /// The scale value.
    pub value: f64,
    /// Its fewest occurrences in a sample.
    pub min: u32,
    /// Its most occurrences in a sample.
    pub max: u32,
    /// Its mean number of occurrences: exact where the samples are
    /// counted, else estimated.
    pub mean: f64,
    /// The standard error of an estimated mean (0 when exact).
    pub mean_error: f64,
    /// `distribution[c]`: the number of samples in which it occurs `c`
    /// times (empty where the samples cannot be counted).
    pub distribution: Vec<u128>,
}

impl ValueCounts {
    fn new(value: f64, distribution: Vec<u128>, count: u128) -> Self {
        let occurs = |c: &usize| distribution[*c] > 0;
        let min = (0..distribution.len()).find(occurs).unwrap_or(0) as u32;
        let max = (0..distribution.len()).rev().find(occurs).unwrap_or(0) as u32;
        let total: f64 = distribution
            .iter()
            .enumerate()
            .map(|(c, &k)| c as f64 * k as f64)
            .sum();
        let mean = if count == 0 {
            0.0
        } else {
            total / count as f64
        };
        ValueCounts {
            value,
            min,
            max,
            mean,
            mean_error: 0.0,
            distribution,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::Decimal;
    use crate::closure::{ClosureInput, Restrictions};

    /// Each value's distribution from the table and from the recursion,
    /// with their counts; `None` where the table does not apply.
    fn both_ways(closure: &Closure) -> Result<Option<[Distributions; 2]>> {
        let Some(table) = centred::distributions(closure) else {
            return Ok(None);
        };
        Ok(Some([table?, closure.recursion_distributions()?]))
    }

    #[test]
    fn table_distributions_agree_with_the_recursion_on_the_benchmark_case() -> Result<()> {
        let d = Decimal::parse;
        let input =
            ClosureInput::new(d("4")?, d("1.5")?, 80, 1, 7).with_errors(d("0.05")?, d("0.05")?);
        let closure = Closure::new(&input)?;
        let Some([table, recursion]) = both_ways(&closure)? else {
            return Err(Error::Internal("the table does not apply".into()));
        };
        assert_eq!(table.count, 1_665_812);
        assert_eq!(table, recursion);
        for dist in &table.by_value {
            assert_eq!(dist.iter().sum::<u128>(), table.count);
        }
        Ok(())
    }

    /// Placed copies shift each distribution, and barred values never
    /// occur: the summary's ranges are the exact extremes.
    #[test]
    fn restricted_summaries_count_placed_copies() -> Result<()> {
        let d = Decimal::parse;
        let restrictions = Restrictions::default().exactly(7.0, 2).at_least(1.0, 3);
        let closure = Closure::new(&ClosureInput::new(d("3.9")?, d("1.8")?, 60, 1, 7))?
            .restrict(&restrictions)?;
        let summary = closure.counted_summary()?;
        assert_eq!(summary.count, Some(closure.count()?));
        let extremes = closure.extremes()?;
        for (v, range) in summary.values.iter().zip(&extremes.values) {
            assert_eq!((v.value, v.min, v.max), (range.value, range.min, range.max));
        }
        assert_eq!((summary.values[6].min, summary.values[6].max), (2, 2));
        assert!(summary.values[0].min >= 3);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn table_distributions_agree_with_the_recursion(
            n in 2u64..40,
            lo in -3i64..3,
            width in 2i64..10,
            items in 1u32..3,
            mean_at in 0.0f64..1.0,
            sd_at in 0.0f64..0.6,
            exact in proptest::option::of((0i64..10, 0u64..4)),
        ) {
            let input = crate::forensics::closure::testing::case(n, lo, width, items, mean_at, sd_at)?;
            let restrictions = match exact {
                Some((at, count)) => Restrictions::default().exactly((lo + at % (width + 1)) as f64, count),
                None => Restrictions::default(),
            };
            let closure = Closure::new(&input)?.restrict(&restrictions)?;
            if let Some([table, recursion]) = both_ways(&closure)? {
                prop_assert_eq!(table, recursion);
            }
        }
    }

    /// Means estimated from the chain are within five standard errors of
    /// the exact ones, on a case that can be counted.
    #[test]
    fn estimated_means_agree_with_counted_ones() -> Result<()> {
        let d = Decimal::parse;
        let closure = Closure::new(&ClosureInput::new(d("3.5")?, d("1.2")?, 40, 1, 7))?;
        let (exact, estimated) = (closure.counted_summary()?, closure.estimated_summary()?);
        assert_eq!(estimated.count, exact.count);
        for (e, x) in estimated.values.iter().zip(&exact.values) {
            assert_eq!((e.min, e.max), (x.min, x.max));
            assert!(e.mean_error > 0.0 && x.mean_error == 0.0);
            assert!(
                (e.mean - x.mean).abs() <= 5.0 * e.mean_error,
                "{}: {} ± {} against {}",
                e.value,
                e.mean,
                e.mean_error,
                x.mean
            );
        }
        Ok(())
    }

    /// A case too large to count still gets exact ranges and extremes, and
    /// estimated means inside them.
    #[test]
    fn summaries_answer_where_counting_cannot() -> Result<()> {
        let d = Decimal::parse;
        let closure = Closure::new(&ClosureInput::new(d("34.2")?, d("8.1")?, 150, 18, 80))?;
        let summary = closure.summary()?;
        assert_eq!(summary.count, None);
        assert_eq!(summary.values, closure.summary()?.values, "seeded");
        let estimate = summary
            .count_estimate
            .ok_or(Error::Internal("no estimate".into()))?;
        assert!(
            estimate.log10 > 30.0 && estimate.relative_error < 0.5,
            "{estimate}"
        );
        let extremes = closure.extremes()?;
        for (v, range) in summary.values.iter().zip(&extremes.values) {
            assert_eq!((v.min, v.max), (range.min, range.max));
            assert!((f64::from(v.min)..=f64::from(v.max)).contains(&v.mean));
            assert!(v.distribution.is_empty() && v.mean_error >= 0.0);
        }
        assert!(summary.values.iter().any(|v| v.mean_error > 0.0));
        let total: f64 = summary.values.iter().map(|v| v.mean).sum();
        assert!((total - 150.0).abs() < 1e-6);
        assert_eq!(summary.horns_max, extremes.horns_max);
        Ok(())
    }
}
