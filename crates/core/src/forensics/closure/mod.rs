//! CLOSURE: every sample of scale values behind a reported mean and SD.
//!
//! A sample is a multiset of `n` values from `scale_min` to `scale_max` in
//! steps of `1 / items`. Scaled by `items` and shifted, the values are the
//! integers `0..=K`, a sample is its frequency vector, and it is consistent
//! iff its integer sum `S` lies in the sum range of the mean and
//! `D = n·Q − S²` (with `Q` the sum of squares) lies in the range of the SD.
//! Both ranges come from exact interval arithmetic; no float decides.
//!
//! Counting and listing share one recursion: counts of the values are chosen
//! from the lowest value up, pruned by exact bounds on what the remaining
//! values can still add, and the last three values are solved in closed
//! form (three values, three equations: at most one solution per `(S, Q)`).
//!
//! ```
//! use ferrox::{closure::{Closure, ClosureInput}, Decimal};
//! let d = Decimal::parse;
//! let input = ClosureInput::new(d("3.5")?, d("1.2")?, 50, 0, 7).with_errors(d("0.05")?, d("0.005")?);
//! assert_eq!(Closure::new(&input)?.count()?, 7980);
//! # Ok::<(), ferrox::Error>(())
//! ```

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

mod batches;
mod centred;
mod counter;
mod draw;
mod estimate;
mod extremes;
mod find;
mod input;
mod restrict;
mod samples;
mod summary;

pub use super::spread::SdKind;
pub use batches::{Batches, Next};
pub use estimate::CountEstimate;
pub use extremes::{Extremes, ValueRange};
pub use input::{ClosureInput, Tolerance};
pub use restrict::Restrictions;
pub use samples::{Samples, ValueSummary};
pub use summary::{ClosureSummary, ValueCounts};

use super::spread::{spread_range, squares_range};
use counter::Counter;

use crate::error::{Error, Result};
use crate::rounding::{Bounds, unround};

/// One target sum of the shifted values with its range of sums of squares.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    pub(crate) sum: i64,
    pub(crate) squares_lo: i64,
    pub(crate) squares_hi: i64,
}

/// A validated CLOSURE problem in integer form.
///
/// Internally values are `w = K − z` for `z = y − scale_min · items`, so that
/// the recursion decides the lowest scale value first.
///
/// ```
/// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
/// let input = ClosureInput::new(Decimal::parse("2.0")?, Decimal::parse("0.5")?, 3, 1, 3);
/// assert!(!Closure::new(&input)?.exists()?);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Closure {
    /// The values to search (`n` less the placed ones).
    pub(crate) n: i64,
    /// The highest shifted value: the scale has `top + 1` values.
    pub(crate) top: i64,
    scale_min: i64,
    items: u32,
    /// The sums of the searched values, each with its sums of squares.
    pub(crate) targets: Vec<Target>,
    /// Copies of each scale value in every sample, besides the `n` searched.
    placed: Vec<u32>,
    /// Scale values barred from the `n` searched (empty: none).
    excluded: Vec<bool>,
    stop: Option<Arc<AtomicBool>>,
    listed: Option<Arc<AtomicU64>>,
    /// The count, once known: listing counts first, and front doors ask for
    /// it too.
    known_count: OnceLock<u128>,
}

/// Most values a scale may have; beyond it the recursion is the wrong tool.
const MAX_VALUES: i64 = 10_000;

/// Most sums a problem may admit: each one admitted is a target the
/// recursion keeps (24 bytes), and 2^25 of them are far beyond the samples
/// papers report (n = 10,000 on 101 values of 10 items has 10^7).
const MAX_SUMS: i128 = 1 << 25;

impl Closure {
    /// Checks the input and derives the exact sum and sum-of-squares ranges.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("1.2")?, 50, 0, 7)
    ///     .with_errors(Decimal::parse("0.05")?, Decimal::parse("0.005")?);
    /// assert_eq!(Closure::new(&input)?.count()?, 7980);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn new(input: &ClosureInput) -> Result<Self> {
        crate::input::sample_size(input.n)?;
        if input.items == 0 {
            return Err(Error::invalid(
                "items",
                "the number of items must be at least 1",
            ));
        }
        if input.scale_max < input.scale_min {
            return Err(Error::invalid(
                "scale_max",
                format!(
                    "it is {}, below scale_min ({})",
                    input.scale_max, input.scale_min
                ),
            ));
        }
        if input.sd.mantissa() < 0 {
            return Err(Error::invalid(
                "sd",
                "a standard deviation cannot be negative",
            ));
        }
        let (mean, sd) = match input.tolerance {
            Tolerance::Rounding(rounding) => (
                unround(&input.mean, &rounding)?,
                unround(&input.sd, &rounding)?,
            ),
            Tolerance::Explicit { mean, sd } => (
                Bounds::around(input.mean, mean)?,
                Bounds::around(input.sd, sd)?,
            ),
        };
        let n = i128::from(input.n);
        // The recursion works in i64: sums of squares up to n·top² must fit.
        let small =
            |x: i128| i64::try_from(x).map_err(|_| Error::Overflow("n times the squared scale"));
        let items = i128::from(input.items);
        let overflow = || Error::Overflow("the scale times items");
        let base = i128::from(input.scale_min)
            .checked_mul(items)
            .ok_or_else(overflow)?;
        let top = (i128::from(input.scale_max) - i128::from(input.scale_min))
            .checked_mul(items)
            .ok_or_else(overflow)?;
        if top >= i128::from(MAX_VALUES) {
            return Err(Error::invalid(
                "scale_max",
                format!(
                    "the scale has {} values; CLOSURE handles at most {MAX_VALUES}",
                    top + 1
                ),
            ));
        }
        if n.checked_mul(top * top)
            .is_none_or(|x| x > i128::from(i64::MAX / 4))
            || input.n > u64::from(u32::MAX)
        {
            return Err(Error::Overflow("n times the squared scale"));
        }
        let granules = input
            .n
            .checked_mul(u64::from(input.items))
            .ok_or_else(overflow)?;
        let Some((sum_lo, sum_hi)) = mean.integers_over(granules)? else {
            return Ok(Closure::empty(input, small(top)?));
        };
        let Some(spread) = spread_range(&sd, n, items, input.sd_kind)? else {
            return Ok(Closure::empty(input, small(top)?));
        };
        // Sums of the shifted values w = top − (y − base): S_w = n·top − (S_y − n·base).
        let shift = n.checked_mul(top + base).ok_or_else(overflow)?;
        let (lo, hi) = ((shift - sum_hi).max(0), (shift - sum_lo).min(n * top));
        if hi - lo >= MAX_SUMS {
            return Err(Error::Overflow(
                "the sums a sample of this size and scale can have",
            ));
        }
        let mut targets = Vec::new();
        for sum in lo..=hi {
            let Some((squares_lo, squares_hi)) = squares_range(sum, n, spread)? else {
                continue;
            };
            // Sums of squares of values from 0 to top.
            let (squares_lo, squares_hi) = (squares_lo.max(0), squares_hi.min(n * top * top));
            if squares_lo <= squares_hi {
                targets.push(Target {
                    sum: small(sum)?,
                    squares_lo: small(squares_lo)?,
                    squares_hi: small(squares_hi)?,
                });
            }
        }
        Ok(Closure {
            n: small(n)?,
            top: small(top)?,
            scale_min: input.scale_min,
            items: input.items,
            targets,
            placed: Vec::new(),
            excluded: Vec::new(),
            stop: None,
            listed: None,
            known_count: OnceLock::new(),
        })
    }

    fn empty(input: &ClosureInput, top: i64) -> Self {
        Closure {
            n: input.n as i64,
            top,
            scale_min: input.scale_min,
            items: input.items,
            targets: Vec::new(),
            placed: Vec::new(),
            excluded: Vec::new(),
            stop: None,
            listed: None,
            known_count: OnceLock::new(),
        }
    }

    /// The same problem, adding one to `counter` for every sample it lists
    /// or writes: front doors draw progress bars from it, since the count,
    /// known first, is the total.
    ///
    /// ```
    /// use std::sync::{Arc, atomic::{AtomicU64, Ordering}};
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("1.2")?, 50, 0, 7)
    ///     .with_errors(Decimal::parse("0.05")?, Decimal::parse("0.005")?);
    /// let listed = Arc::new(AtomicU64::new(0));
    /// let closure = Closure::new(&input)?.count_listed_in(listed.clone());
    /// closure.samples(None, 1 << 30)?;
    /// assert_eq!(listed.load(Ordering::Relaxed), 7980);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn count_listed_in(self, counter: Arc<AtomicU64>) -> Self {
        Closure {
            listed: Some(counter),
            ..self
        }
    }

    /// The same problem, stopping with [`Error::Interrupted`] soon after
    /// `flag` is set: how front doors make long runs interruptible.
    ///
    /// ```
    /// use std::sync::{Arc, atomic::AtomicBool};
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal, Error};
    /// let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("1.2")?, 50, 0, 7);
    /// let closure = Closure::new(&input)?.stop_when(Arc::new(AtomicBool::new(true)));
    /// assert_eq!(closure.count(), Err(Error::Interrupted));
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn stop_when(self, flag: Arc<AtomicBool>) -> Self {
        Closure {
            stop: Some(flag),
            ..self
        }
    }

    pub(crate) fn interrupted(&self) -> Result<()> {
        match &self.stop {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(Error::Interrupted),
            _ => Ok(()),
        }
    }

    /// The scale values, lowest first: the columns of a frequency vector.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let mut input = ClosureInput::new(Decimal::parse("2.0")?, Decimal::parse("0.5")?, 4, 1, 3);
    /// input.items = 2;
    /// assert_eq!(Closure::new(&input)?.scale_values(), [1.0, 1.5, 2.0, 2.5, 3.0]);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn scale_values(&self) -> Vec<f64> {
        let items = f64::from(self.items);
        (0..=self.top)
            .map(|z| self.scale_min as f64 + z as f64 / items)
            .collect()
    }

    /// The number of consistent samples, counted without listing them.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let closure = Closure::new(&input)?;
    /// assert_eq!(closure.count()?, 1);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn count(&self) -> Result<u128> {
        if self.targets.is_empty() {
            return Ok(0);
        }
        if let Some(&known) = self.known_count.get() {
            return Ok(known);
        }
        let count = centred::count(self).unwrap_or_else(|| {
            counter::within_reach(self)?;
            Counter::new(self).count(self.top, self.n, 0, 0)
        })?;
        Ok(*self.known_count.get_or_init(|| count))
    }

    /// Whether any sample exists: the strongest consistency test of a mean
    /// and SD together. Stops at the first sample.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let closure = Closure::new(&input)?;
    /// assert!(closure.exists()?);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn exists(&self) -> Result<bool> {
        Ok(self.find()?.is_some())
    }

    /// Calls `visit` with each sample's frequency vector (count of each scale
    /// value, lowest first), in lexicographic order of the sorted samples,
    /// until it breaks.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let closure = Closure::new(&input)?;
    /// let mut rows = Vec::new();
    /// let _ = closure.for_each(|row| { rows.push(row.to_vec()); std::ops::ControlFlow::Continue(()) });
    /// assert_eq!(rows, [[0, 0, 6, 6, 0]]);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn for_each(&self, mut visit: impl FnMut(&[u32]) -> ControlFlow<()>) -> ControlFlow<()> {
        if self.targets.is_empty() {
            return ControlFlow::Continue(());
        }
        let mut counts = vec![0u32; self.top as usize + 1];
        self.visit(self.top, self.n, 0, 0, &mut counts, &mut visit)
    }

    /// Every sample's frequency vector, listed on all cores: the branches of
    /// the lowest value's count are counted, given their place in the output
    /// (so the order is the same as listing one by one), and filled in
    /// parallel.
    fn all_frequencies_in_parallel(&self, total: usize) -> Result<Vec<u32>> {
        let k = self.top as usize + 1;
        if self.top <= 2 || self.targets.is_empty() {
            return Ok(self.frequencies(None));
        }
        let level = self.top;
        let mut counter = Counter::new(self);
        let mut branches = Vec::new();
        for c in self.choices(level, self.n, 0).rev() {
            let (left, sum, squares) = (self.n - c, level * c, level * level * c);
            if self.feasible(level - 1, left, sum, squares) {
                let rows = counter.count(level - 1, left, sum, squares)?;
                branches.push((c, rows as usize));
            }
        }
        let mut out = crate::memory::filled(total * k, 0u32, "the samples")?;
        let mut chunks = Vec::with_capacity(branches.len());
        let mut rest = out.as_mut_slice();
        for &(c, rows) in &branches {
            let (chunk, tail) = rest.split_at_mut(rows * k);
            chunks.push((c, chunk));
            rest = tail;
        }
        chunks.into_par_iter().for_each(|(c, chunk)| {
            let mut counts = vec![0u32; k];
            counts[0] = c as u32;
            let mut rows = chunk.chunks_exact_mut(k);
            let (left, sum, squares) = (self.n - c, level * c, level * level * c);
            let _ = self.visit(
                level - 1,
                left,
                sum,
                squares,
                &mut counts,
                &mut |row| match rows.next() {
                    Some(slot) => {
                        slot.copy_from_slice(row);
                        ControlFlow::Continue(())
                    }
                    None => ControlFlow::Break(()),
                },
            );
        });
        Ok(out)
    }

    /// The samples as frequency vectors, after counting them: refuses up
    /// front when they would take more than `max_bytes`, and stops after
    /// `stop_after` samples when given.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("0.5")?, 12, 1, 5)
    ///     .with_errors(Decimal::parse("0.05")?, Decimal::parse("0.05")?);
    /// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
    /// assert_eq!(samples.len(), 1);
    /// assert_eq!(samples.row(0), [0, 0, 6, 6, 0]);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn samples(&self, stop_after: Option<usize>, max_bytes: usize) -> Result<Samples> {
        let values = self.scale_values();
        let count = self.count()?;
        let wanted = stop_after.map_or(count, |s| count.min(s as u128));
        let needed = wanted.saturating_mul(values.len() as u128 * 4);
        crate::memory::budget(
            needed,
            max_bytes,
            || format!("listing all {count} samples"),
            "count them (closure_count), take the first ones (stop_after)",
            "the samples",
        )?;
        let frequencies = match stop_after {
            Some(_) => self.frequencies(stop_after),
            None => self.all_frequencies_in_parallel(wanted as usize)?,
        };
        self.interrupted()?;
        Ok(Samples::listed(values, frequencies, self.n as u64, count))
    }

    /// Writes every sample as a CSV row of value counts, under a header of
    /// the scale values, as it enumerates them: memory stays bounded however
    /// many there are. Returns the number written.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("0.5")?, 12, 1, 5)
    ///     .with_errors(Decimal::parse("0.05")?, Decimal::parse("0.05")?);
    /// let mut out = Vec::new();
    /// assert_eq!(Closure::new(&input)?.write_csv(&mut out)?, 1);
    /// assert_eq!(String::from_utf8_lossy(&out), "1,2,3,4,5\n0,0,6,6,0\n");
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn write_csv(&self, mut out: impl std::io::Write) -> Result<u64> {
        let failed = |e: std::io::Error| Error::Io(e.to_string());
        let header: Vec<String> = self.scale_values().iter().map(f64::to_string).collect();
        writeln!(out, "{}", header.join(",")).map_err(failed)?;
        let (mut written, mut failure) = (0, None);
        let mut line = String::new();
        let _ = self.for_each(|row| {
            line.clear();
            for (i, c) in row.iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                line.push_str(&c.to_string());
            }
            line.push('\n');
            match out.write_all(line.as_bytes()) {
                Ok(()) => {
                    written += 1;
                    ControlFlow::Continue(())
                }
                Err(e) => {
                    failure = Some(failed(e));
                    ControlFlow::Break(())
                }
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
        self.interrupted()?;
        out.flush().map_err(failed)?;
        Ok(written)
    }

    /// Up to `limit` samples as frequency vectors, row after row.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let closure = Closure::new(&input)?;
    /// assert_eq!(closure.frequencies(None), [0, 0, 6, 6, 0]);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn frequencies(&self, limit: Option<usize>) -> Vec<u32> {
        let mut out = Vec::new();
        let mut taken = 0;
        let _ = self.for_each(|row| {
            if limit.is_some_and(|l| taken >= l) {
                return ControlFlow::Break(());
            }
            out.extend_from_slice(row);
            taken += 1;
            ControlFlow::Continue(())
        });
        out
    }

    fn visit(
        &self,
        level: i64,
        left: i64,
        sum: i64,
        squares: i64,
        counts: &mut [u32],
        visit: &mut impl FnMut(&[u32]) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        if level <= 2 {
            if self.interrupted().is_err() {
                return ControlFlow::Break(());
            }
            let mut solutions = self.base_solutions(level, left, sum, squares);
            solutions.sort_unstable_by(|a, b| b.cmp(a));
            for solution in solutions {
                self.place_base(level, solution, counts);
                self.emit(counts, visit)?;
                if let Some(listed) = &self.listed {
                    listed.fetch_add(1, Ordering::Relaxed);
                }
            }
            return ControlFlow::Continue(());
        }
        let slot = (self.top - level) as usize;
        for c in self.choices(level, left, sum).rev() {
            let (s, q) = (sum + level * c, squares + level * level * c);
            if self.feasible(level - 1, left - c, s, q) {
                counts[slot] = c as u32;
                self.visit(level - 1, left - c, s, q, counts, visit)?;
            }
        }
        counts[slot] = 0;
        ControlFlow::Continue(())
    }

    /// Writes a base solution (counts of the values 2, 1 and 0, those up
    /// to `level`) into a frequency vector, lowest scale value first.
    fn place_base(&self, level: i64, solution: [i64; 3], counts: &mut [u32]) {
        let k = self.top as usize;
        for (w, c) in [2, 1, 0].into_iter().zip(solution) {
            if w <= level {
                counts[k - w as usize] = c as u32;
            }
        }
    }

    /// Hands a completed sample to `visit`, with the placed values.
    fn emit(
        &self,
        counts: &mut [u32],
        visit: &mut impl FnMut(&[u32]) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        if self.placed.is_empty() {
            return visit(counts);
        }
        self.add_placed(counts);
        let flow = visit(counts);
        counts
            .iter_mut()
            .zip(&self.placed)
            .for_each(|(c, p)| *c -= p);
        flow
    }

    /// Can `left` more values from `0..=level` still reach some target?
    fn feasible(&self, level: i64, left: i64, sum: i64, squares: i64) -> bool {
        self.fitting(&self.targets, level, left, sum, squares)
            .is_some()
    }

    /// The index in `targets` (a run of [`Closure::targets`]) of the first
    /// that `left` more values from `0..=level` can still reach.
    fn fitting(
        &self,
        targets: &[Target],
        level: i64,
        left: i64,
        sum: i64,
        squares: i64,
    ) -> Option<usize> {
        if !self.excluded.is_empty() {
            return self.fitting_barred(targets, level, left, sum, squares);
        }
        let (offset, targets) = reachable(targets, sum, sum + level * left);
        let first = targets.first()?;
        if left == 0 || level == 0 {
            return hit(targets, sum, squares).map(|i| offset + i);
        }
        // The least and greatest sum of squares of `left` integers from
        // `0..=level` that add up to the remaining sum: as equal as possible
        // (u or u + 1 each), or as spread as possible (w at `level`, one at
        // r). The quotients are kept up to date instead of divided anew:
        // the targets come in increasing sum, mostly one apart.
        let mut rest = first.sum - sum;
        let (mut u, mut v) = (rest / left, rest % left);
        let (mut w, mut r) = (rest / level, rest % level);
        for (i, t) in targets.iter().enumerate() {
            let step = t.sum - sum - rest;
            rest += step;
            v += step;
            r += step;
            while v >= left {
                v -= left;
                u += 1;
            }
            while r >= level {
                r -= level;
                w += 1;
            }
            let lo = (left - v) * u * u + v * (u + 1) * (u + 1);
            let hi = w * level * level + r * r;
            if squares + lo <= t.squares_hi && squares + hi >= t.squares_lo {
                return Some(offset + i);
            }
        }
        None
    }

    /// [`Closure::fitting`] when some values are barred: the bounds come
    /// from the allowed values only. The least sum of squares of `left`
    /// values adding up to `rest` is `left` times the chord between the two
    /// allowed values around their mean (exact for consecutive integers),
    /// the greatest at most the chord between the lowest and highest.
    fn fitting_barred(
        &self,
        targets: &[Target],
        level: i64,
        left: i64,
        sum: i64,
        squares: i64,
    ) -> Option<usize> {
        let allowed = |w: &i64| self.allows(self.top - w);
        let (Some(lowest), Some(highest)) =
            ((0..=level).find(allowed), (0..=level).rev().find(allowed))
        else {
            return None;
        };
        let (offset, targets) = reachable(targets, sum + lowest * left, sum + highest * left);
        if left == 0 {
            return hit(targets, sum, squares).map(|i| offset + i);
        }
        let fits = targets.iter().position(|t| {
            let rest = t.sum - sum;
            let u = rest.div_euclid(left);
            let below = (lowest..=u).rev().find(allowed).unwrap_or(lowest);
            let above = if below * left == rest {
                below
            } else {
                (u + 1..=highest).find(allowed).unwrap_or(highest)
            };
            let lo = (below + above) * rest - below * above * left;
            let hi = (lowest + highest) * rest - lowest * highest * left;
            squares + lo <= t.squares_hi && squares + hi >= t.squares_lo
        });
        fits.map(|i| offset + i)
    }

    /// The counts of value `level` that can still reach a target sum: `c`
    /// of them add `level·c`, and the `left − c` values below add between 0
    /// and `(level − 1)(left − c)`.
    fn choices(&self, level: i64, left: i64, sum: i64) -> std::ops::RangeInclusive<i64> {
        let (lo, hi) = match (self.targets.first(), self.targets.last()) {
            (Some(first), Some(last)) => (
                (first.sum - sum - (level - 1) * left).max(0),
                (last.sum - sum).div_euclid(level).min(left),
            ),
            _ => (1, 0),
        };
        if self.allows(self.top - level) {
            lo..=hi
        } else {
            lo..=hi.min(0)
        }
    }

    /// The targets whose sum lies in `[lo, hi]` (they are sorted by sum).
    fn reachable(&self, lo: i64, hi: i64) -> &[Target] {
        reachable(&self.targets, lo, hi).1
    }

    /// Counts of the values `0..=level` (`level ≤ 2`) that complete the
    /// sample: one per target and admissible sum of squares.
    fn base_count(&self, level: i64, left: i64, sum: i64, squares: i64) -> u128 {
        if !self.excluded.is_empty() {
            return self.base_solutions(level, left, sum, squares).len() as u128;
        }
        self.reachable(sum, sum + level * left)
            .iter()
            .map(|t| {
                let rest = t.sum - sum;
                let (lo, hi) = base_squares(level, left, rest);
                let lo = lo.max(t.squares_lo - squares);
                let hi = hi.min(t.squares_hi - squares);
                match level {
                    2 => same_parity_in(lo, hi, rest),
                    _ => u128::from(lo <= hi),
                }
            })
            .sum()
    }

    fn base_solutions(&self, level: i64, left: i64, sum: i64, squares: i64) -> Vec<[i64; 3]> {
        let mut out = Vec::new();
        for t in self.reachable(sum, sum + level * left) {
            let rest = t.sum - sum;
            let (lo, hi) = base_squares(level, left, rest);
            let lo = lo.max(t.squares_lo - squares);
            let hi = hi.min(t.squares_hi - squares);
            let mut q = lo;
            while q <= hi {
                match level {
                    2 if (q - rest) % 2 != 0 => {}
                    2 => {
                        let (c2, c1) = ((q - rest) / 2, 2 * rest - q);
                        out.push([c2, c1, left - c1 - c2]);
                    }
                    1 => out.push([0, rest, left - rest]),
                    _ => out.push([0, 0, left]),
                }
                q += 1;
            }
        }
        if !self.excluded.is_empty() {
            let barred = |w: i64, c: i64| c > 0 && !self.allows(self.top - w);
            out.retain(|&[c2, c1, c0]| !(barred(2, c2) || barred(1, c1) || barred(0, c0)));
        }
        out
    }
}

/// The index of the target that `sum` and `squares` meet exactly: where no
/// value is left to add.
fn hit(targets: &[Target], sum: i64, squares: i64) -> Option<usize> {
    targets
        .iter()
        .position(|t| t.sum == sum && (t.squares_lo..=t.squares_hi).contains(&squares))
}

/// The run of `targets` (sorted by sum) whose sum lies in `[lo, hi]`, with
/// its offset.
fn reachable(targets: &[Target], lo: i64, hi: i64) -> (usize, &[Target]) {
    let from = targets.partition_point(|t| t.sum < lo);
    let to = targets.partition_point(|t| t.sum <= hi);
    (from, &targets[from..to.max(from)])
}

/// The sums of squares `left` values from `0..=level` (`level ≤ 2`) can have
/// with sum `rest`, as a range: empty when `rest` is out of reach.
fn base_squares(level: i64, left: i64, rest: i64) -> (i64, i64) {
    if rest < 0 || rest > level * left {
        return (1, 0);
    }
    match level {
        // c2 = (q − t)/2 ≥ 0, c1 = 2t − q ≥ 0, c0 = r − c1 − c2 ≥ 0.
        2 => (rest.max(3 * rest - 2 * left), 2 * rest),
        1 => (rest, rest),
        _ => (0, 0),
    }
}

/// Integers in `[lo, hi]` with the parity of `parity`.
fn same_parity_in(lo: i64, hi: i64, parity: i64) -> u128 {
    if lo > hi {
        return 0;
    }
    let first = lo + (parity - lo).rem_euclid(2);
    if first > hi {
        0
    } else {
        ((hi - first) / 2 + 1) as u128
    }
}

/// Random cases for property tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::ClosureInput;
    use crate::{Decimal, Result};

    /// A case on `lo..=lo + width` whose mean some sum gives (rounded to
    /// two decimals), so that samples may exist: the mean at `mean_at` and
    /// the SD at `sd_at` of the scale's width.
    pub(crate) fn case(
        n: u64,
        lo: i64,
        width: i64,
        items: u32,
        mean_at: f64,
        sd_at: f64,
    ) -> Result<ClosureInput> {
        let steps = (n * u64::from(items)) as f64;
        let mean = lo as f64 + (mean_at * width as f64 * steps).round() / steps;
        let mean = Decimal::parse(&format!("{mean:.2}"))?;
        let sd = Decimal::parse(&format!("{:.2}", sd_at * width as f64))?;
        Ok(ClosureInput {
            items,
            ..ClosureInput::new(mean, sd, n, lo, lo + width)
        })
    }
}
