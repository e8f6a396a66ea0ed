//! Summaries of all samples computed from the counting recursion, without
//! listing them.

use rustc_hash::FxHashMap;

use super::Closure;
use super::counter::Counter;
use crate::error::{Error, Result};

impl Closure {
    /// How often each scale value occurs across all samples, and the samples
    /// with the least and the greatest horns index, computed from the
    /// counting recursion without listing the samples.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("1.2")?, 50, 0, 7)
    ///     .with_errors(Decimal::parse("0.05")?, Decimal::parse("0.005")?);
    /// let summary = Closure::new(&input)?.summary()?;
    /// assert_eq!(summary.count, 7980);
    /// assert_eq!((summary.values[4].min, summary.values[4].max), (0, 43));
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn summary(&self) -> Result<ClosureSummary> {
        let n = self.n as usize;
        let k = self.top as usize + 1;
        let mut distribution = vec![vec![0u128; n + 1]; k];
        let mut counter = Counter::new(self);
        let count = if self.targets.is_empty() {
            0
        } else {
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
        let values = self
            .scale_values()
            .into_iter()
            .zip(distribution)
            .map(|(value, distribution)| ValueCounts::new(value, distribution, count))
            .collect();
        Ok(ClosureSummary {
            count,
            values,
            horns_min: self.horns_extreme(false)?,
            horns_max: self.horns_extreme(true)?,
        })
    }
}

/// What the counting recursion tells without listing the samples.
///
/// ```
/// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
/// let d = Decimal::parse;
/// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
/// let summary = Closure::new(&input)?.summary()?;
/// assert_eq!(summary.count, 1);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ClosureSummary {
    /// The number of samples.
    pub count: u128,
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
    /// Its mean number of occurrences.
    pub mean: f64,
    /// `distribution[c]`: the number of samples in which it occurs `c` times.
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
            distribution,
        }
    }
}
