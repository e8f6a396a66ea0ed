//! One sample, found by a depth-first search that tries each value's counts
//! from the middle of their range outward.
//!
//! At large `n` most counts in a value's range are far from any sample,
//! and deciding each by [`Closure::feasible`] walks every target. The
//! counts are therefore first screened by necessary conditions that are
//! linear in the count (one interval per target, [`Closure::candidates`]);
//! only those inside are decided exactly, in the same order, so the search
//! finds the same sample as one that decides every count.

use super::Closure;
use crate::error::Result;

/// Counts tried before the rest are screened: most searches find a count
/// among the first few, where screening every target would cost more.
const UNSCREENED: usize = 4;

impl Closure {
    /// One sample's frequency vector, if any sample exists: a depth-first
    /// search like [`Closure::for_each`]'s, but trying each value's counts
    /// from the middle of their range outward. That leaves the values below
    /// a balanced remainder to fill, so the search rarely backtracks where
    /// taking the most first would leave them an extreme one.
    pub(crate) fn find(&self) -> Result<Option<Vec<u32>>> {
        if self.targets.is_empty() {
            return Ok(None);
        }
        let mut counts = vec![0u32; self.top as usize + 1];
        let found = self.search(self.top, self.n, 0, 0, &mut counts);
        self.interrupted()?;
        Ok(found.then(|| {
            self.add_placed(&mut counts);
            counts
        }))
    }

    fn search(&self, level: i64, left: i64, sum: i64, squares: i64, counts: &mut [u32]) -> bool {
        if level <= 2 {
            let solutions = self.base_solutions(level, left, sum, squares);
            let Some(&[c2, c1, c0]) = solutions.first() else {
                return false;
            };
            self.place_base(level, [c2, c1, c0], counts);
            return true;
        }
        if self.interrupted().is_err() {
            return false;
        }
        let range = self.choices(level, left, sum);
        let (lo, hi) = (*range.start(), *range.end());
        let mid = lo + (hi - lo).max(0) / 2;
        let take = |c: i64, counts: &mut [u32]| {
            let (s, q) = (sum + level * c, squares + level * level * c);
            let found = self.feasible(level - 1, left - c, s, q)
                && self.search(level - 1, left - c, s, q, counts);
            if found {
                counts[(self.top - level) as usize] = c as u32;
            }
            found
        };
        if outward(mid, &[(lo, hi)])
            .take(UNSCREENED)
            .any(|c| take(c, counts))
        {
            return true;
        }
        if hi - lo < UNSCREENED as i64 {
            return false;
        }
        let candidates = self.candidates(level, left, sum, squares, (lo, hi));
        outward(mid, &candidates)
            .filter(|&c| rank(mid, c) >= UNSCREENED as i64)
            .any(|c| take(c, counts))
    }

    /// Whether each count `c` in `from..=to` of value `level` leaves a
    /// feasible remainder ([`Closure::feasible`]), deciding exactly only
    /// the counts the screen keeps, and each first by the target that
    /// admitted the count before it (neighbouring counts mostly share one).
    pub(super) fn feasible_counts(
        &self,
        level: i64,
        left: i64,
        sum: i64,
        squares: i64,
        (from, to): (i64, i64),
    ) -> Vec<bool> {
        let mut feasible = vec![false; (to - from + 1).max(0) as usize];
        let mut last: Option<usize> = None;
        for (a, b) in self.candidates(level, left, sum, squares, (from, to)) {
            for c in a..=b {
                let (r, s, q) = (left - c, sum + level * c, squares + level * level * c);
                let again = last.filter(|&i| {
                    self.fitting(&self.targets[i..=i], level - 1, r, s, q)
                        .is_some()
                });
                last = again.or_else(|| self.fitting(&self.targets, level - 1, r, s, q));
                feasible[(c - from) as usize] = last.is_some();
            }
        }
        feasible
    }

    /// The counts `c` in `range` of value `level` that may leave a feasible
    /// remainder, as sorted disjoint intervals: every `c` for which
    /// `feasible(level − 1, left − c, …)` holds is inside. For `c < left`
    /// and a target `(S, Q)`, the `r = left − c` values below add
    /// `t = S − sum − level·c` with `0 ≤ t ≤ (level − 1)·r`, their squares at
    /// least `t²/r` (Cauchy–Schwarz) and at most `(level − 1)·t`; times `r`,
    /// the first bound is linear in `c` too. `c = left` is always kept.
    fn candidates(
        &self,
        level: i64,
        left: i64,
        sum: i64,
        squares: i64,
        (lo, hi): (i64, i64),
    ) -> Vec<(i64, i64)> {
        let (l, n) = (i128::from(level), i128::from(left));
        let below = (i128::from(lo), i128::from(hi).min(n - 1));
        let mut intervals: Vec<(i64, i64)> = self
            .targets
            .iter()
            .filter_map(|t| {
                let s = i128::from(t.sum - sum);
                let (q_lo, q_hi) = (
                    i128::from(t.squares_lo - squares),
                    i128::from(t.squares_hi - squares),
                );
                let mut range = below;
                for (coefficient, bound) in [
                    (l, s),
                    (-1, (l - 1) * n - s),
                    (l * l * n - 2 * s * l + q_hi, q_hi * n - s * s),
                    (-l, (l - 1) * s - q_lo),
                ] {
                    narrow(&mut range, coefficient, bound);
                }
                (range.0 <= range.1).then_some((range.0 as i64, range.1 as i64))
            })
            .collect();
        if (lo..=hi).contains(&left) {
            intervals.push((left, left));
        }
        intervals.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(intervals.len());
        for (a, b) in intervals {
            match merged.last_mut() {
                Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        merged
    }
}

/// Position of `c` in the order of [`outward`] from `mid`.
fn rank(mid: i64, c: i64) -> i64 {
    if c >= mid {
        2 * (c - mid)
    } else {
        2 * (mid - c) - 1
    }
}

/// Narrows `range` to the `m` with `coefficient · m ≤ bound`.
pub(super) fn narrow(range: &mut (i128, i128), coefficient: i128, bound: i128) {
    match coefficient.signum() {
        1 => range.1 = range.1.min(floor_div(bound, coefficient)),
        -1 => range.0 = range.0.max(-floor_div(bound, -coefficient)),
        _ if bound < 0 => *range = (1, 0),
        _ => {}
    }
}

/// `⌊a / b⌋` for `b > 0`, in 64 bits where both fit (several times
/// faster than a 128-bit division, which the screens would spend most of
/// their time in).
fn floor_div(a: i128, b: i128) -> i128 {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(a), Ok(b)) => i128::from(a.div_euclid(b)),
        _ => a.div_euclid(b),
    }
}

/// The members of sorted disjoint `intervals` in the order `mid`, `mid − 1`,
/// `mid + 1`, `mid − 2`, …: outward from `mid`, the upper side first.
fn outward(mid: i64, intervals: &[(i64, i64)]) -> impl Iterator<Item = i64> + '_ {
    let mut up = intervals
        .iter()
        .filter(move |&&(_, b)| b >= mid)
        .flat_map(move |&(a, b)| a.max(mid)..=b)
        .peekable();
    let mut down = intervals
        .iter()
        .rev()
        .filter(move |&&(a, _)| a < mid)
        .flat_map(move |&(a, b)| (a..=b.min(mid - 1)).rev())
        .peekable();
    std::iter::from_fn(move || match (up.peek(), down.peek()) {
        (Some(&u), Some(&d)) if rank(mid, u) > rank(mid, d) => down.next(),
        (Some(_), _) => up.next(),
        (None, _) => down.next(),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::closure::Restrictions;

    proptest! {
        #[test]
        fn outward_skips_only_what_is_outside(
            mid in -5i64..30,
            cuts in proptest::collection::vec((0i64..25, 0i64..4), 0..5),
        ) {
            let mut intervals: Vec<(i64, i64)> = cuts.iter().map(|&(a, w)| (a, a + w)).collect();
            intervals.sort_unstable();
            intervals.dedup_by(|b, a| b.0 <= a.1 + 1 && { a.1 = a.1.max(b.1); true });
            let inside = |c: i64| intervals.iter().any(|&(a, b)| (a..=b).contains(&c));
            let expected: Vec<i64> = (0..=120)
                .map(|i| if i % 2 == 0 { mid + i / 2 } else { mid - (i + 1) / 2 })
                .filter(|&c| inside(c))
                .collect();
            prop_assert_eq!(outward(mid, &intervals).collect::<Vec<_>>(), expected);
        }

        /// The screen keeps every count the exact check admits, with and
        /// without a barred value.
        #[test]
        fn candidates_keep_every_feasible_count(
            n in 4u64..80,
            width in 3i64..40,
            items in 1u32..3,
            mean_at in 0.0f64..1.0,
            sd_at in 0.0f64..0.6,
            level_back in 0i64..3,
            barred in proptest::option::of(0i64..40),
        ) {
            let input = crate::forensics::closure::testing::case(n, 0, width, items, mean_at, sd_at)?;
            // A value that occurs exactly once is placed and barred from the rest.
            let restrictions = barred
                .filter(|&b| b <= width)
                .map_or_else(Restrictions::default, |b| Restrictions::default().exactly(b as f64, 1));
            let closure = Closure::new(&input)?.restrict(&restrictions)?;
            // The partial state of a real sample above `level`, so that some
            // count is feasible.
            let Some(sample) = closure.find()? else { return Ok(()) };
            let top = closure.top;
            let level = (top - level_back).max(3);
            let (mut left, mut sum, mut squares) = (closure.n, 0, 0);
            for value in level + 1..=top {
                let column = (top - value) as usize;
                let c = i64::from(sample[column] - closure.placed(column));
                (left, sum, squares) = (left - c, sum + value * c, squares + value * value * c);
            }
            let range = closure.choices(level, left, sum);
            let (lo, hi) = (*range.start(), *range.end());
            let kept = closure.candidates(level, left, sum, squares, (lo, hi));
            for c in lo..=hi {
                let (s, q) = (sum + level * c, squares + level * level * c);
                if closure.feasible(level - 1, left - c, s, q) {
                    prop_assert!(
                        kept.iter().any(|&(a, b)| (a..=b).contains(&c)),
                        "count {} dropped from {:?}", c, kept
                    );
                }
            }
        }
    }
}
