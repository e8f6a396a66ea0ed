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
