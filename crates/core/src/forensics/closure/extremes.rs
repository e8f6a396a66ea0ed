//! The fewest and most occurrences of each scale value, and the least and
//! greatest horns index, over all samples: exact optima found without
//! counting, so they answer at any size.
//!
//! Each optimum is searched from a bound inward. A value's count `m` is
//! bounded by necessary conditions on the other `n − m` values (linear in
//! `m`, one interval per target sum, see [`Relaxed`]); from the loosest end
//! of those intervals, each candidate is decided exactly by
//! [`Closure::exists`] with the count fixed, and the first that exists is
//! the optimum. A sample found first bounds the walk, so it ends. The horns
//! index orders samples by `D = n·Q − S²`: candidate `(S, Q)` pairs are
//! taken lazily in order of `D` from a heap, each decided by an existence
//! check on that single pair.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::OnceLock;

use super::find::narrow;
use super::{Closure, Target};
use crate::error::Result;

/// The fewest and most occurrences of each scale value, and the samples
/// with the least and greatest horns index: what the summary reports,
/// exactly, at any size.
///
/// ```
/// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
/// let d = Decimal::parse;
/// let input = ClosureInput::new(d("3.21")?, d("1.43")?, 2000, 1, 7);
/// let extremes = Closure::new(&input)?.extremes()?;
/// assert_eq!(extremes.values.len(), 7);
/// assert!(extremes.values[0].max > extremes.values[0].min);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Extremes {
    /// For each scale value, lowest first, its fewest and most occurrences.
    pub values: Vec<ValueRange>,
    /// The least horns index and a sample (frequency vector) that has it.
    pub horns_min: Option<(f64, Vec<u32>)>,
    /// The greatest horns index and a sample that has it.
    pub horns_max: Option<(f64, Vec<u32>)>,
}

/// The fewest and most occurrences of one scale value in a sample.
///
/// ```
/// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
/// let d = Decimal::parse;
/// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
/// let range = &Closure::new(&input)?.extremes()?.values[2];
/// assert_eq!((range.value, range.min, range.max), (3.0, 6, 6));
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueRange {
    /// The scale value.
    pub value: f64,
    /// Its fewest occurrences in a sample.
    pub min: u32,
    /// Its most occurrences in a sample.
    pub max: u32,
}

impl Closure {
    /// The exact fewest and most occurrences of each scale value and the
    /// horns index extremes, without counting the samples: a few existence
    /// checks per value, so it answers where counting is out of reach. With
    /// no sample, every range is `0..=0` and there are no extremes.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("1.2")?, 50, 0, 7).with_errors(d("0.05")?, d("0.005")?);
    /// let closure = Closure::new(&input)?;
    /// let (extremes, summary) = (closure.extremes()?, closure.summary()?);
    /// assert_eq!((extremes.values[4].min, extremes.values[4].max), (0, 43));
    /// assert_eq!(extremes.horns_max, summary.horns_max);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn extremes(&self) -> Result<Extremes> {
        let values = self.scale_values();
        let Some(first) = self.find()? else {
            let values = values
                .into_iter()
                .map(|value| ValueRange {
                    value,
                    min: 0,
                    max: 0,
                })
                .collect();
            return Ok(Extremes {
                values,
                horns_min: None,
                horns_max: None,
            });
        };
        let mut ranges = Vec::with_capacity(values.len());
        for (column, value) in values.into_iter().enumerate() {
            let (min, max) = self.count_range(column, first[column])?;
            ranges.push(ValueRange { value, min, max });
        }
        Ok(Extremes {
            values: ranges,
            horns_min: self.horns_extreme(false)?,
            horns_max: self.horns_extreme(true)?,
        })
    }

    /// The fewest and most occurrences of the scale value in `column` (of
    /// the whole sample), given a sample in which it occurs `seen` times.
    fn count_range(&self, column: usize, seen: u32) -> Result<(u32, u32)> {
        let placed = self.placed(column);
        if !self.allows(column as i64) {
            return Ok((placed, placed));
        }
        let seen = i64::from(seen - placed);
        let relaxed = Relaxed::new(self, column);
        let exists_with = |m: i64| -> Result<bool> {
            if !relaxed.admits(m) {
                return Ok(false);
            }
            let fixed = self.with_count(column, m);
            self.interrupted()?;
            fixed.exists()
        };
        let mut min = relaxed.lowest().min(seen);
        while min < seen && !exists_with(min)? {
            min += 1;
        }
        let mut max = relaxed.highest().max(seen);
        while max > seen && !exists_with(max)? {
            max -= 1;
        }
        Ok((placed + min as u32, placed + max as u32))
    }

    /// The same problem with the value in `column` occurring exactly `extra`
    /// times among the searched values.
    fn with_count(&self, column: usize, extra: i64) -> Closure {
        let k = self.top as usize + 1;
        let w = self.top - column as i64;
        let mut placed = self.placed.clone();
        placed.resize(k, 0);
        placed[column] += extra as u32;
        let mut excluded = self.excluded.clone();
        excluded.resize(k, false);
        excluded[column] = true;
        let left = self.n - extra;
        Closure {
            n: left,
            targets: self.shifted_targets(left, w * extra, w * w * extra),
            placed,
            excluded,
            listed: None,
            known_count: OnceLock::new(),
            ..self.clone()
        }
    }

    /// The sample with the least (or greatest) horns index, `4·D / (n·K)²`
    /// with `D = n·Q − S²`: the admissible `(S, Q)` pairs are tried in order
    /// of `D`, lazily, from the least (greatest) sum of squares each sum
    /// allows, and the first with a sample is the extreme.
    pub(crate) fn horns_extreme(&self, greatest: bool) -> Result<Option<(f64, Vec<u32>)>> {
        let n = self.n;
        // Sums of squares have the parity of the sum (w² ≡ w mod 2).
        let start = |t: &Target| {
            let (u, v) = (t.sum / n.max(1), t.sum % n.max(1));
            let fewest = (n - v) * u * u + v * (u + 1) * (u + 1);
            let (w, r) = (t.sum / self.top.max(1), t.sum % self.top.max(1));
            let most = w * self.top * self.top + r * r;
            let lo = t.squares_lo.max(fewest);
            let hi = t.squares_hi.min(most);
            let lo = lo + (lo - t.sum).rem_euclid(2);
            let hi = hi - (hi - t.sum).rem_euclid(2);
            (lo <= hi).then_some((lo, hi))
        };
        let spread = |s: i64, q: i64| i128::from(n) * i128::from(q) - i128::from(s) * i128::from(s);
        // Keys are D (negated for the greatest), then the sum, then Q.
        let mut heap = BinaryHeap::new();
        let mut bounds = Vec::with_capacity(self.targets.len());
        for (i, t) in self.targets.iter().enumerate() {
            let Some((lo, hi)) = start(t) else {
                bounds.push((1, 0));
                continue;
            };
            bounds.push((lo, hi));
            let q = if greatest { hi } else { lo };
            let d = spread(t.sum, q);
            heap.push(Reverse((if greatest { -d } else { d }, i, q)));
        }
        let scale = (self.n * self.top) as f64;
        while let Some(Reverse((_, i, q))) = heap.pop() {
            self.interrupted()?;
            let t = self.targets[i];
            let single = Closure {
                targets: vec![Target {
                    sum: t.sum,
                    squares_lo: q,
                    squares_hi: q,
                }],
                listed: None,
                known_count: OnceLock::new(),
                ..self.clone()
            };
            if let Some(sample) = single.find()? {
                let d = spread(t.sum, q) as f64;
                let horns = if scale == 0.0 {
                    0.0
                } else {
                    4.0 * d / (scale * scale)
                };
                return Ok(Some((horns, sample)));
            }
            let (lo, hi) = bounds[i];
            let next = if greatest { q - 2 } else { q + 2 };
            if (lo..=hi).contains(&next) {
                let d = spread(t.sum, next);
                heap.push(Reverse((if greatest { -d } else { d }, i, next)));
            }
        }
        self.interrupted()?;
        Ok(None)
    }
}

/// Necessary conditions on the count `m` of one value `w`, from the other
/// `r = n − m` values: their sum `t = S − w·m` and sum of squares
/// `q = Q − w²·m` for some target `(S, Q)`. The others are integers in
/// `[a, b]` other than `w` (`[0, K]`, or one shorter when `w` is an end),
/// so `a·r ≤ t ≤ b·r`, `t² ≤ r·q` (Cauchy–Schwarz), `q ≤ (a + b)·t − a·b·r`
/// (each `x² ≤ (a + b)·x − a·b` on `[a, b]`) and `q ≥ 2w·t − (w² − 1)·r`
/// (each `(x − w)² ≥ 1`), and `q ≥ (2u + 1)·t − u·(u + 1)·r` for integers
/// `u` (each `(x − u)(x − u − 1) ≥ 0`). With `Q` free in its range, each is linear in
/// `m` (Cauchy–Schwarz after multiplying by `r`, which at `m = n` leaves
/// exactly `S = w·n`), so every target admits an interval of counts.
struct Relaxed {
    /// The interval of `m` each target admits (empty ones dropped).
    intervals: Vec<(i64, i64)>,
}

impl Relaxed {
    fn new(closure: &Closure, column: usize) -> Self {
        let (n, k) = (i128::from(closure.n), i128::from(closure.top));
        let w = k - column as i128;
        let (a, b) = match w {
            _ if k == 0 => (0, 0),
            0 => (1, k),
            _ if w == k => (0, k - 1),
            _ => (0, k),
        };
        let intervals = closure
            .targets
            .iter()
            .filter_map(|t| {
                let (s, qlo, qhi) = (
                    i128::from(t.sum),
                    i128::from(t.squares_lo),
                    i128::from(t.squares_hi),
                );
                // Each condition as `coefficient · m ≤ bound`.
                let conditions = [
                    (w - a, s - a * n),
                    (b - w, b * n - s),
                    (qhi + w * w * n - 2 * s * w, qhi * n - s * s),
                    ((w - a) * (b - w), (a + b) * s - a * b * n - qlo),
                    (-1, qhi - 2 * w * s + (w * w - 1) * n),
                ];
                let mut range = (0i128, n);
                for (coefficient, bound) in conditions {
                    narrow(&mut range, coefficient, bound);
                }
                // The integers' own bound: x² ≥ (2u + 1)·x − u·(u + 1) for
                // every integer u, tightest for u near the others' mean,
                // which moves from S/n towards the far end as m grows.
                if range.0 <= range.1 && range.1 < n {
                    let means = [s.div_euclid(n), (s - w * range.1).div_euclid(n - range.1)];
                    let from = (means[0].min(means[1]) - 1).max(a);
                    let to = (means[0].max(means[1]) + 1).min(b - 1);
                    for u in (from..=to).filter(|&u| u != w - 1 && u != w) {
                        let bound = qhi - (2 * u + 1) * s + u * (u + 1) * n;
                        narrow(&mut range, (w - u) * (w - u - 1), bound);
                    }
                }
                let (lo, hi) = range;
                (lo <= hi).then_some((lo as i64, hi as i64))
            })
            .collect();
        Relaxed { intervals }
    }

    fn admits(&self, m: i64) -> bool {
        self.intervals
            .iter()
            .any(|&(lo, hi)| (lo..=hi).contains(&m))
    }

    fn lowest(&self) -> i64 {
        self.intervals.iter().map(|i| i.0).min().unwrap_or(0)
    }

    fn highest(&self) -> i64 {
        self.intervals.iter().map(|i| i.1).max().unwrap_or(0)
    }
}
