//! Uniform samples where counting is out of reach: a Metropolis–Hastings
//! chain on the consistent frequency vectors whose stationary distribution
//! is exactly uniform.
//!
//! A proposal picks elements of the current sample uniformly and moves
//! them: one element a step up or down (the sum moves by one), or two
//! elements to a uniformly chosen pair with the same sum (anywhere on the
//! scale). A proposal that leaves the consistent set (targets, barred
//! values) is rejected; one inside is accepted with probability
//! `min(1, q(back) / q(forth))`, the ratio of the two proposal
//! probabilities, decided in integers. Detailed balance then holds for the
//! uniform distribution on frequency vectors. Why the moves connect the
//! consistent set, and how burn-in and thinning were chosen, is in
//! `docs/algorithms.md`; tests check both on every case small enough to
//! list.
//!
//! Several chains run side by side, each on its own random stream and from
//! its own start (the first sample found and the two horns extremes, for
//! spread-out starts), and their draws are interleaved in a fixed order, so
//! the result does not depend on the threads.

use rayon::prelude::*;

use crate::closure::Closure;
use crate::error::Result;
use crate::rng::Rng;

/// Chains run side by side: a fixed number, so that results do not depend
/// on the machine.
pub(crate) const CHAINS: usize = 4;

/// Streams of the chains, above those of the random walks.
const FIRST_STREAM: u64 = 1 << 48;

/// Proposals per draw and before the first, in sweeps of `n` proposals.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Schedule {
    pub(crate) burn_in: u64,
    pub(crate) thin: u64,
}

impl Schedule {
    /// The schedule the measurements in `docs/performance.md` support:
    /// wide scales mix more slowly (each move touches few of their values),
    /// so they get more sweeps between draws.
    pub(crate) fn for_closure(closure: &Closure) -> Self {
        Schedule {
            burn_in: 1000,
            thin: 10 + closure.top as u64 / 2,
        }
    }
}

/// One chain's state: the sample as elements (for picking uniformly) and as
/// counts, with its sum and sum of squares.
#[derive(Clone)]
pub(crate) struct Chain {
    /// Powers of two up to `n`: the strides of [`Chain::difference`].
    scales: usize,
    /// Scratch space for [`Chain::rotate`].
    triples: Vec<[i64; 3]>,
    elements: Vec<i64>,
    counts: Vec<u64>,
    sum: i64,
    squares: i64,
    rng: Rng,
}

/// The consistent set in the chain's terms: for each sum from `first_sum`,
/// its range of sums of squares (empty ranges where none).
pub(crate) struct Space {
    top: i64,
    first_sum: i64,
    windows: Vec<(i64, i64)>,
    barred: Vec<bool>,
}

impl Space {
    pub(crate) fn new(closure: &Closure) -> Option<Self> {
        let first = closure.targets.first()?.sum;
        let last = closure.targets.last()?.sum;
        let mut windows = vec![(1, 0); (last - first + 1) as usize];
        for t in &closure.targets {
            windows[(t.sum - first) as usize] = (t.squares_lo, t.squares_hi);
        }
        let top = closure.top;
        Some(Space {
            top,
            first_sum: first,
            windows,
            barred: (0..=top).map(|w| !closure.allows(top - w)).collect(),
        })
    }

    /// Whether some sum's range of sums of squares spans at least the
    /// scale (in the integers the chain works in): where the moves are
    /// known, from tests, to connect every sample. A range that narrow
    /// comes only from small samples with SDs given to several decimals,
    /// which exact counting handles.
    pub(crate) fn wide(&self) -> bool {
        self.windows.iter().any(|&(lo, hi)| hi - lo >= self.top)
    }

    fn admits(&self, sum: i64, squares: i64) -> bool {
        let Ok(i) = usize::try_from(sum - self.first_sum) else {
            return false;
        };
        self.windows
            .get(i)
            .is_some_and(|&(lo, hi)| (lo..=hi).contains(&squares))
    }

    fn allows(&self, w: i64) -> bool {
        (0..=self.top).contains(&w) && !self.barred[w as usize]
    }
}

impl Chain {
    /// A chain at `row` (a frequency vector over the scale, lowest first,
    /// including placed values) on random stream `index`.
    pub(crate) fn new(closure: &Closure, row: &[u32], seed: u64, index: usize) -> Self {
        let top = closure.top;
        let mut counts = vec![0u64; top as usize + 1];
        let mut elements = Vec::with_capacity(closure.n as usize);
        for (z, &c) in row.iter().enumerate() {
            let w = top - z as i64;
            let searched = u64::from(c - closure.placed(z));
            counts[w as usize] = searched;
            elements.extend(std::iter::repeat_n(w, searched as usize));
        }
        let sum = elements.iter().sum();
        let squares = elements.iter().map(|w| w * w).sum();
        Chain {
            triples: Vec::new(),
            scales: (u64::BITS - (elements.len() as u64).leading_zeros()).max(1) as usize,
            elements,
            counts,
            sum,
            squares,
            rng: Rng::new(seed, FIRST_STREAM + index as u64),
        }
    }

    /// The current sample as a frequency vector over the scale, lowest
    /// first, with the placed values.
    pub(crate) fn row(&self, closure: &Closure) -> Vec<u32> {
        let top = closure.top as usize;
        let mut row: Vec<u32> = (0..=top).map(|z| self.counts[top - z] as u32).collect();
        closure.add_placed(&mut row);
        row
    }

    /// Runs `sweeps · n` proposals.
    pub(crate) fn run(&mut self, space: &Space, sweeps: u64) {
        let n = self.elements.len();
        if n == 0 {
            return;
        }
        for _ in 0..sweeps * n as u64 {
            // One in five moves a single element; the others move two,
            // three or four (as many as there are).
            match self.rng.index(20) {
                0..2 => self.step(space),
                2..6 => self.resample(space, 2.min(n)),
                6..8 => self.resample(space, 3.min(n)),
                8..10 => self.resample(space, MAX_BLOCK.min(n)),
                10..15 if n >= 3 => self.rotate(space),
                _ => self.difference(space),
            }
        }
    }

    /// Accepts with probability `min(1, back / forth)`, exactly.
    fn accept(&mut self, back: u128, forth: u128) -> bool {
        back >= forth || self.rng.below(forth) < back
    }

    /// A multiple of a third difference, `±t·(1, −3, 3, −1)` on four
    /// neighbouring values: it keeps the count, the sum and the sum of
    /// squares (third differences annihilate quadratics), so however large
    /// `t` is the sample stays consistent if no count goes negative. These
    /// moves span every such direction and take long strides where element
    /// moves change counts one at a time. `t` comes from a fixed law (a
    /// uniform power of two, then uniform below it) and the sign by a coin,
    /// so the proposal is symmetric and valid ones are always accepted.
    fn difference(&mut self, space: &Space) {
        let top = space.top;
        if top < 3 {
            return;
        }
        let a = self.rng.index(top as usize - 2);
        let scale = 1u128 << self.rng.index(self.scales);
        let t = 1 + self.rng.below(scale) as i64;
        let sign = if self.rng.index(2) == 0 { 1 } else { -1 };
        let step = [sign * t, -3 * sign * t, 3 * sign * t, -sign * t];
        let valid = step.iter().enumerate().all(|(i, &d)| {
            let w = a + i;
            let after = self.counts[w] as i64 + d;
            after >= 0 && (after == 0 || space.allows(w as i64))
        });
        if !valid {
            return;
        }
        for (i, &d) in step.iter().enumerate() {
            self.counts[a + i] = (self.counts[a + i] as i64 + d) as u64;
        }
        self.refill();
    }

    /// Three elements to a uniformly chosen triple with the same sum and
    /// sum of squares: the sample stays consistent, and on wide scales these
    /// triples lie far apart (on a circle), so the move takes long strides
    /// where a step moves one value by one. The triples are listed by their
    /// least value (the other two then solve a quadratic), and the
    /// acceptance ratio is that of picking elements with those values.
    fn rotate(&mut self, space: &Space) {
        let n = self.elements.len();
        let mut picks = [0usize; 3];
        for i in 0..3 {
            picks[i] = self.rng.index(n);
            if picks[..i].contains(&picks[i]) {
                return;
            }
        }
        let mut old = picks.map(|i| self.elements[i]);
        old.sort_unstable();
        let total: i64 = old.iter().sum();
        let squares: i64 = old.iter().map(|w| w * w).sum();
        self.triples.clear();
        for x in (total - 2 * space.top).max(0)..=total / 3 {
            // y + z = r and y² + z² = q: (z − y)² = 2q − r².
            let (r, q) = (total - x, squares - x * x);
            let gap2 = 2 * q - r * r;
            if gap2 < 0 {
                continue;
            }
            let gap = gap2.isqrt();
            if gap * gap != gap2 || (r - gap) % 2 != 0 {
                continue;
            }
            let (y, z) = ((r - gap) / 2, (r + gap) / 2);
            if x <= y && z <= space.top && [x, y, z].iter().all(|&w| space.allows(w)) {
                self.triples.push([x, y, z]);
            }
        }
        let new = self.triples[self.rng.index(self.triples.len())];
        if new == old {
            return;
        }
        let counts = &self.counts;
        let after = |w: i64| {
            let moved = |t: &[i64]| t.iter().filter(|&&v| v == w).count() as u64;
            counts[w as usize] + moved(&new) - moved(&old)
        };
        let (forth, back) = (ways(&old, |w| counts[w as usize]), ways(&new, after));
        if self.accept(back, forth) {
            for (&i, &w) in picks.iter().zip(&new) {
                self.elements[i] = w;
            }
            old.iter().for_each(|&w| self.counts[w as usize] -= 1);
            new.iter().for_each(|&w| self.counts[w as usize] += 1);
        }
    }

    /// Rebuilds the element list from the counts after a move that changed
    /// many of them (the order of elements does not matter).
    fn refill(&mut self) {
        self.elements.clear();
        for (w, &c) in self.counts.iter().enumerate() {
            self.elements
                .extend(std::iter::repeat_n(w as i64, c as usize));
        }
    }

    /// One element a step up or down.
    fn step(&mut self, space: &Space) {
        let i = self.rng.index(self.elements.len());
        let a = self.elements[i];
        let b = if self.rng.index(2) == 0 { a - 1 } else { a + 1 };
        if !space.allows(b) {
            return;
        }
        let (sum, squares) = (self.sum + b - a, self.squares + b * b - a * a);
        if !space.admits(sum, squares) {
            return;
        }
        // Picking an element at a, then the direction; back: one at b.
        let (back, forth) = (self.counts[b as usize] + 1, self.counts[a as usize]);
        let (back, forth) = (u128::from(back), u128::from(forth));
        if self.accept(back, forth) {
            self.elements[i] = b;
            self.counts[a as usize] -= 1;
            self.counts[b as usize] += 1;
            (self.sum, self.squares) = (sum, squares);
        }
    }

    /// `k` elements to other values with their sum: the values, sorted,
    /// drawn one by one, each uniformly from those the ones before leave
    /// possible (the last is then fixed). Such a draw is not uniform over
    /// the multisets with that sum, so the acceptance ratio carries the
    /// number of choices at each step, both ways, besides the number of
    /// ways to pick elements with those values before and after the move.
    fn resample(&mut self, space: &Space, k: usize) {
        let n = self.elements.len();
        let mut picks = [0usize; MAX_BLOCK];
        for i in 0..k {
            picks[i] = self.rng.index(n);
            if picks[..i].contains(&picks[i]) {
                return;
            }
        }
        let picks = &picks[..k];
        let mut old = [0i64; MAX_BLOCK];
        for (slot, &i) in old.iter_mut().zip(picks) {
            *slot = self.elements[i];
        }
        let old = &mut old[..k];
        old.sort_unstable();
        let total: i64 = old.iter().sum();
        let mut new = [0i64; MAX_BLOCK];
        let (mut prefix, mut floor, mut forth_steps) = (0i64, 0i64, 1u128);
        for (i, slot) in new[..k - 1].iter_mut().enumerate() {
            let (lo, hi) = value_range(total - prefix, k - i, floor, space.top);
            let choices = (hi - lo + 1) as u128;
            *slot = lo + self.rng.below(choices) as i64;
            forth_steps *= choices;
            (prefix, floor) = (prefix + *slot, *slot);
        }
        new[k - 1] = total - prefix;
        let new = &new[..k];
        if new == &*old || !new.iter().all(|&w| space.allows(w)) {
            return;
        }
        let square = |t: &[i64]| t.iter().map(|w| w * w).sum::<i64>();
        let squares = self.squares - square(old) + square(new);
        if !space.admits(self.sum, squares) {
            return;
        }
        let (mut prefix, mut floor, mut back_steps) = (0i64, 0i64, 1u128);
        for (i, &w) in old[..k - 1].iter().enumerate() {
            let (lo, hi) = value_range(total - prefix, k - i, floor, space.top);
            back_steps *= (hi - lo + 1) as u128;
            (prefix, floor) = (prefix + w, w);
        }
        let counts = &self.counts;
        let after = |w: i64| {
            let moved = |t: &[i64]| t.iter().filter(|&&v| v == w).count() as u64;
            counts[w as usize] + moved(new) - moved(old)
        };
        // Drawing `new` took `forth_steps` equally likely choices; drawing
        // `old` back would take `back_steps`.
        let forth = ways(old, |w| counts[w as usize]) * back_steps;
        let back = ways(new, after) * forth_steps;
        if self.accept(back, forth) {
            for (&i, &w) in picks.iter().zip(new) {
                self.elements[i] = w;
            }
            old.iter().for_each(|&w| self.counts[w as usize] -= 1);
            new.iter().for_each(|&w| self.counts[w as usize] += 1);
            self.squares = squares;
        }
    }
}

/// Most elements one move changes.
const MAX_BLOCK: usize = 4;

/// The values the least of `left` sorted values adding up to `rest` can
/// take, none below `floor` or above `top`.
fn value_range(rest: i64, left: usize, floor: i64, top: i64) -> (i64, i64) {
    let left = left as i64;
    (floor.max(rest - (left - 1) * top), rest.div_euclid(left))
}

/// The number of ways to pick elements with the values `sorted` (as a set
/// of elements), given the count of each value.
fn ways(sorted: &[i64], count: impl Fn(i64) -> u64) -> u128 {
    let mut total = 1u128;
    let mut i = 0;
    while i < sorted.len() {
        let run = sorted[i..].iter().take_while(|&&w| w == sorted[i]).count();
        let c = u128::from(count(sorted[i]));
        // c choose run
        let mut choose = 1u128;
        for j in 0..run as u128 {
            choose = choose * c.saturating_sub(j) / (j + 1);
        }
        total *= choose;
        i += run;
    }
    total
}

/// `wanted` draws from chains started at `starts` (cycled over the
/// [`CHAINS`] chains), in rounds: round `r` holds each chain's `r`-th draw
/// in chain order. `keep` sees each draw in that order and says whether to
/// go on.
pub(crate) fn draws(
    closure: &Closure,
    starts: &[Vec<u32>],
    seed: u64,
    schedule: Schedule,
    mut keep: impl FnMut(Vec<u32>) -> bool,
) -> Result<()> {
    let Some(space) = Space::new(closure) else {
        return Ok(());
    };
    let mut chains: Vec<Chain> = (0..CHAINS)
        .map(|i| Chain::new(closure, &starts[i % starts.len()], seed, i))
        .collect();
    chains
        .par_iter_mut()
        .for_each(|chain| chain.run(&space, schedule.burn_in));
    let mut per_round = 1;
    loop {
        closure.interrupted()?;
        let rounds: Vec<Vec<Vec<u32>>> = chains
            .par_iter_mut()
            .map(|chain| {
                (0..per_round)
                    .map(|_| {
                        chain.run(&space, schedule.thin);
                        chain.row(closure)
                    })
                    .collect()
            })
            .collect();
        for r in 0..per_round {
            for chain in &rounds {
                if !keep(chain[r].clone()) {
                    return Ok(());
                }
            }
        }
        per_round = (per_round * 2).min(256);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, VecDeque};

    use proptest::prelude::*;

    use super::*;
    use crate::Decimal;
    use crate::closure::ClosureInput;

    /// The frequency vectors (by `w`) one move away from `counts`.
    fn neighbours(space: &Space, counts: &[u64]) -> Vec<Vec<u64>> {
        let top = space.top;
        let sum: i64 = counts
            .iter()
            .enumerate()
            .map(|(w, &c)| w as i64 * c as i64)
            .sum();
        let squares: i64 = counts
            .iter()
            .enumerate()
            .map(|(w, &c)| (w * w) as i64 * c as i64)
            .sum();
        let mut out = Vec::new();
        let mut moved = |from: &[i64], to: &[i64]| {
            let mut next = counts.to_vec();
            for &w in from {
                if next[w as usize] == 0 {
                    return;
                }
                next[w as usize] -= 1;
            }
            if !to.iter().all(|&w| space.allows(w)) {
                return;
            }
            to.iter().for_each(|&w| next[w as usize] += 1);
            let s = sum - from.iter().sum::<i64>() + to.iter().sum::<i64>();
            let q = squares - from.iter().map(|w| w * w).sum::<i64>()
                + to.iter().map(|w| w * w).sum::<i64>();
            if space.admits(s, q) {
                out.push(next);
            }
        };
        for a in 0..=top {
            moved(&[a], &[a - 1]);
            moved(&[a], &[a + 1]);
        }
        // Every move of two to four elements keeping their sum.
        let mut blocks: Vec<Vec<i64>> = (0..=top).map(|w| vec![w]).collect();
        for _ in 1..MAX_BLOCK {
            let longer: Vec<Vec<i64>> = blocks
                .iter()
                .flat_map(|b| (b[b.len() - 1]..=top).map(move |w| [b.clone(), vec![w]].concat()))
                .collect();
            for from in &longer {
                for to in longer
                    .iter()
                    .filter(|t| t.iter().sum::<i64>() == from.iter().sum::<i64>())
                {
                    moved(from, to);
                }
            }
            blocks = longer;
        }
        out
    }

    /// Whether every listed sample is reached from the first by moves.
    fn connected(closure: &Closure) -> bool {
        let Some(space) = Space::new(closure) else {
            return true;
        };
        let top = closure.top as usize;
        let by_w = |row: &[u32]| -> Vec<u64> {
            (0..=top)
                .map(|w| u64::from(row[top - w] - closure.placed(top - w)))
                .collect()
        };
        let k = top + 1;
        let all: Vec<Vec<u64>> = closure.frequencies(None).chunks(k).map(by_w).collect();
        if all.is_empty() {
            return true;
        }
        let index: HashMap<&Vec<u64>, usize> =
            all.iter().enumerate().map(|(i, c)| (c, i)).collect();
        let mut seen = vec![false; all.len()];
        let mut queue = VecDeque::from([0]);
        seen[0] = true;
        while let Some(i) = queue.pop_front() {
            for next in neighbours(&space, &all[i]) {
                let j = index[&next];
                if !std::mem::replace(&mut seen[j], true) {
                    queue.push_back(j);
                }
            }
        }
        seen.iter().all(|&s| s)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(100))]

        /// The moves connect every consistent set small enough to list
        /// whose sums of squares span at least the scale
        /// ([`Space::wide`]). A run of 4,000 such cases found no
        /// exception; narrower ones can be disconnected.
        #[test]
        fn moves_connect_the_consistent_samples(
            n in 2u64..60,
            width in 1i64..6,
            items in 1u32..3,
            mean_at in 0.0f64..1.0,
            sd_at in 0.0f64..1.0,
            digits in 0u32..3,
        ) {
            let top = width as f64;
            let mean = top * mean_at;
            let sd = (mean * (top - mean)).sqrt() * sd_at;
            let scale = 10f64.powi(digits as i32);
            let input = ClosureInput {
                items,
                ..ClosureInput::new(
                    Decimal::new((mean * scale).round() as i128, digits),
                    Decimal::new((sd * scale).round() as i128, digits),
                    n,
                    0,
                    width,
                )
            };
            let closure = Closure::new(&input)?;
            if closure.count().is_ok_and(|c| c <= 1_000) {
                let wide = Space::new(&closure).is_some_and(|space| space.wide());
                prop_assert!(!wide || connected(&closure), "{:?}", input);
            }
        }
    }
}
