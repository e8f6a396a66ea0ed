//! Samples by rank: the `i`-th of the `count` samples, found from the
//! counts without listing the others, so that uniform ranks give uniformly
//! drawn samples.

use super::counter::{self, Counter};
use super::{Closure, centred};
use crate::error::{Error, Result};

/// What [`Closure::draw`] returns: the count, and the samples drawn as
/// frequency vectors in the order of their ranks.
pub(crate) struct Draws {
    pub(crate) count: u128,
    pub(crate) frequencies: Vec<u32>,
}

impl Closure {
    /// Counts the samples, lets `pick` choose ranks below the count, and
    /// finds the samples at them: from one fill of the centred table where
    /// it counts (ranks follow its order), else by the recursion (ranks
    /// follow the listing order of [`Closure::for_each`]).
    pub(crate) fn draw(&self, mut pick: impl FnMut(u128) -> Result<Vec<u128>>) -> Result<Draws> {
        if let Some(drawn) = centred::draw(self, &mut pick) {
            return drawn;
        }
        // One memo counts all samples and then every branch a rank skips.
        counter::within_reach(self)?;
        let mut counter = Counter::new(self);
        let count = if self.targets.is_empty() {
            0
        } else {
            counter.count(self.top, self.n, 0, 0)?
        };
        let ranks = if count == 0 { Vec::new() } else { pick(count)? };
        if ranks.iter().any(|&r| r >= count) {
            return Err(Error::invalid(
                "ranks",
                format!("ranks must be below the count, {count}"),
            ));
        }
        Ok(Draws {
            count,
            frequencies: self.draw_by_recursion(&mut counter, &ranks)?,
        })
    }

    /// Walks down the recursion of [`Closure::for_each`], skipping whole
    /// branches by their counts.
    fn draw_by_recursion(&self, counter: &mut Counter, ranks: &[u128]) -> Result<Vec<u32>> {
        let k = self.top as usize + 1;
        let mut out = crate::memory::filled(ranks.len() * k, 0u32, "the samples")?;
        for (&rank, row) in ranks.iter().zip(out.chunks_exact_mut(k)) {
            self.interrupted()?;
            let (mut rank, mut level) = (rank, self.top);
            let (mut left, mut sum, mut squares) = (self.n, 0, 0);
            while level > 2 {
                for c in self.choices(level, left, sum).rev() {
                    let (l, s, q) = (left - c, sum + level * c, squares + level * level * c);
                    if !self.feasible(level - 1, l, s, q) {
                        continue;
                    }
                    let below = counter.count(level - 1, l, s, q)?;
                    if rank < below {
                        row[(self.top - level) as usize] = c as u32;
                        (left, sum, squares) = (l, s, q);
                        break;
                    }
                    rank -= below;
                }
                level -= 1;
            }
            let mut solutions = self.base_solutions(level, left, sum, squares);
            solutions.sort_unstable_by(|a, b| b.cmp(a));
            self.place_base(level, solutions[rank as usize], row);
            self.add_placed(row);
        }
        Ok(out)
    }
}
