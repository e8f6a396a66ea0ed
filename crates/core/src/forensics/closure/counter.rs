//! Counting by the memoised recursion, for the cases the centred table
//! cannot take.

use rustc_hash::FxHashMap;

use super::{Closure, centred};
use crate::error::{Error, Result};

/// Most intermediate counts kept while counting: about 500 MB.
const MAX_STATES: usize = 6_000_000;

/// Most target checks while counting: about a minute of work here.
const MAX_STEPS: u64 = 8_000_000_000;

/// The state of the recursion: value level, values left, sum and sum of
/// squares so far.
type State = (u32, u32, i64, i64);

/// Most intermediate states the recursion is expected to need for it to be
/// tried at all: half of what it may keep, so that estimates a few times
/// too low still finish.
const MAX_ESTIMATED_STATES: f64 = (MAX_STATES / 2) as f64;

/// Refuses, before any work, a case whose recursion would need far more
/// states than it may keep ([`estimated_states`]).
pub(super) fn within_reach(closure: &Closure) -> Result<()> {
    let states = estimated_states(closure);
    if states > MAX_ESTIMATED_STATES {
        return Err(Error::OutOfReach {
            states: states as u64,
            table_cells: centred::table_cells(closure),
        });
    }
    Ok(())
}

/// About how many states the memoised recursion keeps, from the case's
/// dimensions alone, in about a millisecond. At value level `L` a state is
/// the count `m`, sum `s` and sum of squares `q` of the values above `L`;
/// for each `(m, s)` the `q` that can remain are those the values above can
/// have (between the balanced `s²/m` and the chord of their range) and
/// that the `n − m` values below can still complete to a target (their own
/// such range), every other one with the right parity. The count of those
/// `q` is integrated over a 64 × 64 grid of `(m, s)` per level. On a grid
/// of cases from 1–5 to 0–100 and n from 20 to 3,000 it was within a
/// factor of about three of the states actually kept.
pub(super) fn estimated_states(closure: &Closure) -> f64 {
    let (Some(first), Some(last)) = (closure.targets.first(), closure.targets.last()) else {
        return 0.0;
    };
    let (n, k) = (closure.n as f64, closure.top as f64);
    let (s_lo, s_hi) = (first.sum as f64, last.sum as f64);
    let s_mid = (s_lo + s_hi) / 2.0;
    let squares = closure.targets.iter().map(|t| (t.squares_lo, t.squares_hi));
    let q_lo = squares.clone().map(|q| q.0).min().unwrap_or(0) as f64;
    let q_hi = squares.map(|q| q.1).max().unwrap_or(0) as f64;
    let m_step = (n / 64.0).max(1.0);
    let mut total = 0.0;
    for level in 3..closure.top {
        let (l, above) = (level as f64, level as f64 + 1.0);
        let mut m = 0.0;
        while m <= n {
            let left = n - m;
            let (s_from, s_to) = ((above * m).max(s_lo - l * left), (k * m).min(s_hi));
            let s_step = ((s_to - s_from) / 64.0).max(1.0);
            let mut s = s_from;
            while s <= s_to {
                let t = (s_mid - s).clamp(0.0, l * left);
                let below = if left > 0.0 {
                    (t * t / left, l * t)
                } else {
                    (0.0, 0.0)
                };
                let lo = if m > 0.0 { s * s / m } else { 0.0 };
                let hi = (above + k) * s - above * k * m;
                let (lo, hi) = (lo.max(q_lo - below.1), hi.min(q_hi - below.0));
                if hi >= lo {
                    total += ((hi - lo) / 2.0 + 1.0) * s_step * m_step;
                }
                s += s_step;
            }
            m += m_step;
        }
    }
    total
}

pub(super) struct Counter<'a> {
    closure: &'a Closure,
    memo: FxHashMap<State, u128>,
    steps: u64,
}

impl<'a> Counter<'a> {
    pub(super) fn new(closure: &'a Closure) -> Self {
        Counter {
            closure,
            memo: FxHashMap::default(),
            steps: 0,
        }
    }

    fn too_much_work(&self) -> Error {
        let bytes = self.memo.capacity() * (std::mem::size_of::<(State, u128)>() + 1);
        Error::TooMuchWork {
            states: self.memo.len(),
            mb: bytes >> 20,
            table_cells: centred::table_cells(self.closure),
        }
    }

    pub(super) fn count(&mut self, level: i64, left: i64, sum: i64, squares: i64) -> Result<u128> {
        if level <= 2 {
            return Ok(self.closure.base_count(level, left, sum, squares));
        }
        let key = (level as u32, left as u32, sum, squares);
        if let Some(&hit) = self.memo.get(&key) {
            return Ok(hit);
        }
        if self.memo.len() >= MAX_STATES {
            return Err(self.too_much_work());
        }
        let mut total: u128 = 0;
        for c in self.closure.choices(level, left, sum) {
            let (s, q) = (sum + level * c, squares + level * level * c);
            self.steps += self.closure.targets.len() as u64;
            if self.steps > MAX_STEPS {
                return Err(self.too_much_work());
            }
            self.closure.interrupted()?;
            if self.closure.feasible(level - 1, left - c, s, q) {
                let below = self.count(level - 1, left - c, s, q)?;
                total = total
                    .checked_add(below)
                    .ok_or(Error::Overflow("the number of samples"))?;
            }
        }
        self.memo.insert(key, total);
        Ok(total)
    }
}
