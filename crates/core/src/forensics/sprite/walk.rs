//! The SPRITE heuristic: random walks from a sample with the right sum
//! towards the right spread, moving two values at a time.
//!
//! Values are the recursion's integers `w` (the scale reversed), so sums
//! and sums of squares are compared with the exact targets of CLOSURE: a
//! walk that ends has found a consistent sample, checked with integers.

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::{Drawn, SpriteOptions};
use crate::closure::Closure;
use crate::error::Result;
use crate::rng::Rng;

/// Random walks until `n_samples` samples are found, or `max_misses`
/// walks in a row failed or found a sample already kept. Walks run in
/// parallel, each on its own random stream, and are taken in order, so the
/// result does not depend on the threads.
pub(super) fn walks(closure: &Closure, options: &SpriteOptions) -> Result<Drawn> {
    let mut drawn = Drawn {
        method: super::Method::Sprite,
        frequencies: Vec::new(),
        possible: closure.targets.is_empty().then_some(0),
        attempts: 0,
        failures: 0,
        duplicates: 0,
    };
    if closure.targets.is_empty() {
        return Ok(drawn);
    }
    let steps = Steps::new(closure);
    let mut seen = FxHashSet::default();
    let (mut found, mut misses) = (0, 0);
    while found < options.n_samples && misses < options.max_misses {
        let batch = (options.n_samples - found).clamp(16, 1024) as u64;
        let first = drawn.attempts;
        let walked: Vec<Option<Vec<u32>>> = (first..first + batch)
            .into_par_iter()
            .map(|attempt| walk(closure, &steps, options, attempt))
            .collect::<Result<_>>()?;
        for row in walked {
            drawn.attempts += 1;
            match row {
                None => {
                    drawn.failures += 1;
                    misses += 1;
                }
                Some(row) if !options.replace && !seen.insert(row.clone()) => {
                    drawn.duplicates += 1;
                    misses += 1;
                }
                Some(row) => {
                    drawn.frequencies.extend_from_slice(&row);
                    found += 1;
                    misses = 0;
                }
            }
            if found == options.n_samples || misses == options.max_misses {
                break;
            }
        }
    }
    Ok(drawn)
}

/// The allowed value next above and next below each value.
struct Steps {
    up: Vec<Option<i64>>,
    down: Vec<Option<i64>>,
    allowed: Vec<i64>,
}

impl Steps {
    fn new(closure: &Closure) -> Self {
        let top = closure.top;
        let allowed: Vec<i64> = (0..=top).filter(|&w| closure.allows(top - w)).collect();
        let (mut up, mut down) = (vec![None; top as usize + 1], vec![None; top as usize + 1]);
        for pair in allowed.windows(2) {
            let (below, above) = (pair[0], pair[1]);
            (below..above).for_each(|w| up[w as usize] = Some(above));
            (below + 1..=above).for_each(|w| down[w as usize] = Some(below));
        }
        if let (Some(&first), Some(&last)) = (allowed.first(), allowed.last()) {
            (0..first).for_each(|w| up[w as usize] = Some(first));
            (last + 1..=top).for_each(|w| down[w as usize] = Some(last));
        }
        Steps { up, down, allowed }
    }

    fn up(&self, w: i64) -> Option<i64> {
        self.up[w as usize]
    }

    fn down(&self, w: i64) -> Option<i64> {
        self.down[w as usize]
    }
}

/// One random walk on stream `attempt + 1` (stream 0 is the uniform
/// method's): a frequency vector, or `None` after `max_iterations` moves.
fn walk(
    closure: &Closure,
    steps: &Steps,
    options: &SpriteOptions,
    attempt: u64,
) -> Result<Option<Vec<u32>>> {
    let mut rng = Rng::new(options.seed, attempt + 1);
    let target = &closure.targets[rng.index(closure.targets.len())];
    let n = closure.n as usize;
    if n > 0 && steps.allowed.is_empty() {
        return Ok(None);
    }
    let mut values: Vec<i64> = (0..n)
        .map(|_| steps.allowed[rng.index(steps.allowed.len())])
        .collect();
    let mut sum: i64 = values.iter().sum();
    let mut squares: i64 = values.iter().map(|w| w * w).sum();
    let mut moves = 0;
    let mut budget = || {
        moves += 1;
        if moves % 4096 == 0 {
            closure.interrupted()?;
        }
        Ok::<bool, crate::Error>(moves <= options.max_iterations)
    };
    // The sum first: one value at a time, never past the target.
    while sum != target.sum {
        if !budget()? {
            return Ok(None);
        }
        let i = rng.index(n);
        let gap = target.sum - sum;
        let next = if gap > 0 {
            steps.up(values[i])
        } else {
            steps.down(values[i])
        };
        if let Some(w) = next.filter(|w| (w - values[i]).abs() <= gap.abs()) {
            sum += w - values[i];
            squares += w * w - values[i] * values[i];
            values[i] = w;
        }
    }
    // Then the spread: two values apart or together by the same step, which
    // keeps the sum.
    while !(target.squares_lo..=target.squares_hi).contains(&squares) {
        if !budget()? {
            return Ok(None);
        }
        let (i, j) = (rng.index(n), rng.index(n));
        let (high, low) = if values[i] >= values[j] {
            (i, j)
        } else {
            (j, i)
        };
        let (a, b) = (values[high], values[low]);
        let moved = if squares < target.squares_lo {
            match (steps.up(a), steps.down(b)) {
                (Some(x), Some(y)) if i != j && x - a == b - y => Some((x, y)),
                _ => None,
            }
        } else {
            match (steps.down(a), steps.up(b)) {
                (Some(x), Some(y)) if a - x == y - b && x - y > 0 => Some((x, y)),
                _ => None,
            }
        };
        if let Some((x, y)) = moved {
            squares += x * x + y * y - a * a - b * b;
            values[high] = x;
            values[low] = y;
        }
    }
    let mut row = vec![0; closure.top as usize + 1];
    for w in values {
        row[(closure.top - w) as usize] += 1;
    }
    closure.add_placed(&mut row);
    Ok(Some(row))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Decimal;
    use crate::closure::{ClosureInput, Restrictions};

    #[test]
    fn steps_reach_the_next_allowed_value() -> crate::Result<()> {
        let input = ClosureInput::new(Decimal::parse("5.5")?, Decimal::parse("2.1")?, 20, 1, 10);
        for barred in [
            vec![],
            vec![1.0],
            vec![10.0],
            vec![2.0, 3.0, 7.0],
            vec![1.0, 5.0, 10.0],
        ] {
            let restrictions = barred
                .iter()
                .fold(Restrictions::default(), |r, &v| r.exactly(v, 0));
            let closure = Closure::new(&input)?.restrict(&restrictions)?;
            let steps = Steps::new(&closure);
            let allowed = |w: i64| closure.allows(closure.top - w);
            for w in 0..=closure.top {
                let up = (w + 1..=closure.top).find(|&a| allowed(a));
                let down = (0..w).rev().find(|&a| allowed(a));
                assert_eq!(
                    (steps.up(w), steps.down(w)),
                    (up, down),
                    "{barred:?} at {w}"
                );
            }
        }
        Ok(())
    }
}
