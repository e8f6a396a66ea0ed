//! How often each value occurs across all samples, from two passes over the
//! counting table instead of a walk through every state.
//!
//! The centre values are read off the filled table: each cell's multisets
//! are completed by centre counts that the closed form lists, so every
//! (cell, target) adds its count to a range of occurrences of each centre
//! value (difference arrays make each range one update).
//!
//! The other values come from a table of completions `B(x)`: the ways to
//! complete the multisets at cell `x` into a sample with any values. It is
//! filled backwards, from the centre completions `G(x)` down through every
//! value (`B(x) = B'(x) + B(x + u)`, the mirror of adding a value). The
//! samples with at least `c` copies of `u` are exactly the completions of
//! `c` copies of `u` alone, `B(c·u)`, so those with exactly `c` copies are
//! `B(c·u) − B((c + 1)·u)`: one lookup each.
//!
//! Completions of cells no multiset reaches can exceed the count, so the
//! backward table computes modulo 2⁶⁴ (or 2¹²⁸): every value read is a
//! number of samples, below the count, hence exact.

use rayon::prelude::*;

use super::layout::Layout;
use super::table::{Count, Table};
use super::{Centred, Parts};
use crate::error::Result;
use crate::forensics::closure::Closure;
use crate::forensics::closure::summary::Distributions;

/// The distributions from the filled table `table` of `parts`; `None` when
/// the count passes 2⁶⁴ and the table is too large for 128-bit cells.
pub(super) fn distributions<C: Count>(
    table: Table<C>,
    parts: &Parts,
    closure: &Closure,
    max_wide_cells: usize,
) -> Option<Result<Distributions>> {
    let n = closure.n;
    let count = table.combine(&parts.targets, n);
    let mut by_value = vec![vec![0u128; n as usize + 1]; closure.top as usize + 1];
    let centre = centre_counts(&table, &parts.targets, n);
    for (u, dist) in (-1..=1).zip(centre) {
        by_value[(parts.centre + u) as usize] = dist;
    }
    let layout = table.into_layout();
    let others = if count <= u128::from(u64::MAX) {
        completions::<u64>(layout, parts, closure)
    } else if layout.size() <= max_wide_cells {
        completions::<u128>(layout, parts, closure)
    } else {
        return None;
    };
    let others = match others {
        Ok(others) => others,
        Err(e) => return Some(Err(e)),
    };
    for z in 0..=closure.top {
        if !(parts.centre - 1..=parts.centre + 1).contains(&z) {
            by_value[z as usize][0] = count;
        }
    }
    for (u, dist) in others {
        by_value[(parts.centre + u) as usize] = dist;
    }
    Some(Ok(Distributions { count, by_value }))
}

/// Difference arrays of the occurrences of the centre values `−1, 0, 1`.
/// The `0` array steps by two: `c` and `c + 2` share a run.
struct Runs([Vec<i128>; 3]);

impl Runs {
    fn new(n: i64) -> Self {
        Runs(std::array::from_fn(|_| vec![0; n as usize + 3]))
    }

    /// Adds `f` to the occurrences `first..=last` of centre value `j`.
    fn add(&mut self, j: usize, first: i64, last: i64, step: usize, f: i128) {
        self.0[j][first as usize] += f;
        self.0[j][last as usize + step] -= f;
    }

    fn merge(mut self, other: Runs) -> Runs {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
        }
        self
    }

    /// The distributions: running sums of the differences.
    fn finish(self) -> [Vec<u128>; 3] {
        let [minus, zero, plus] = self.0;
        [(minus, 1), (zero, 2), (plus, 1)].map(|(mut d, step)| {
            for i in step..d.len() {
                d[i] += d[i - step];
            }
            d.truncate(d.len() - 2);
            d.into_iter().map(|x| x as u128).collect()
        })
    }
}

/// The occurrences of the centre values: for each cell (count `m`, sum
/// `T`, squares `r`) and target, the values ±1 add `e` to the sum of
/// squares for each admissible `e`, giving `(e − d)/2` copies of `−1`,
/// `n − m − e` of `0` and `(e + d)/2` of `1`.
fn centre_counts<C: Count>(table: &Table<C>, targets: &[Centred], n: i64) -> [Vec<u128>; 3] {
    let layout = &table.layout;
    let lowest = targets.iter().map(|t| t.squares_lo).min().unwrap_or(0);
    (0..=layout.r_max)
        .into_par_iter()
        .fold(
            || Runs::new(n),
            |mut runs, r| {
                for column in layout.columns(r) {
                    if lowest - r > n - column.m_lo {
                        continue;
                    }
                    let counts = table.counts(&column);
                    for t in targets {
                        let (d, first, last) = t.centre_range(column.sum, r);
                        for (m, f) in (column.m_lo..).zip(counts) {
                            let Some(e_hi) = highest_e(d, first, last, n - m) else {
                                break;
                            };
                            let f = i128::from(f.wide());
                            if f == 0 {
                                continue;
                            }
                            runs.add(0, (first - d) / 2, (e_hi - d) / 2, 1, f);
                            runs.add(1, n - m - e_hi, n - m - first, 2, f);
                            runs.add(2, (first + d) / 2, (e_hi + d) / 2, 1, f);
                        }
                    }
                }
                runs
            },
        )
        .reduce(|| Runs::new(n), Runs::merge)
        .finish()
}

/// The largest admissible `e` (parity of `d`, from `first` to `last`) up
/// to the cap `n − m`; `None` when there is none (nor for larger `m`).
fn highest_e(d: i64, first: i64, last: i64, cap: i64) -> Option<i64> {
    let e = if last <= cap {
        last
    } else {
        cap - (cap - d).rem_euclid(2)
    };
    (e >= first).then_some(e)
}

/// Arithmetic modulo 2⁶⁴ or 2¹²⁸.
trait Ring: Copy + Default + Send + Sync {
    fn from_i64(x: i64) -> Self;
    fn plus(self, other: Self) -> Self;
    fn minus(self, other: Self) -> Self;
    fn value(self) -> u128;
}

impl Ring for u64 {
    fn from_i64(x: i64) -> Self {
        x as u64
    }
    fn plus(self, other: Self) -> Self {
        self.wrapping_add(other)
    }
    fn minus(self, other: Self) -> Self {
        self.wrapping_sub(other)
    }
    fn value(self) -> u128 {
        u128::from(self)
    }
}

impl Ring for u128 {
    fn from_i64(x: i64) -> Self {
        x as u128
    }
    fn plus(self, other: Self) -> Self {
        self.wrapping_add(other)
    }
    fn minus(self, other: Self) -> Self {
        self.wrapping_sub(other)
    }
    fn value(self) -> u128 {
        self
    }
}

/// The distribution of each other value `u`, from the backward table of
/// completions.
fn completions<W: Ring>(
    layout: Layout,
    parts: &Parts,
    closure: &Closure,
) -> Result<Vec<(i64, Vec<u128>)>> {
    let n = closure.n;
    let mut cells = vec![W::default(); layout.size()];
    layout
        .slabs_mut(&mut cells, 0, layout.r_max)
        .into_par_iter()
        .for_each(|(r, slab)| centre_completions(&layout, r, slab, &parts.targets, n));
    for &u in &parts.others {
        closure.interrupted()?;
        add_backwards(&layout, &mut cells, u);
    }
    let at = |c: i64, u: i64| {
        layout
            .cell(c, c * u, c * u * u)
            .map_or(W::default(), |i| cells[i])
    };
    Ok(parts
        .others
        .iter()
        .map(|&u| {
            let dist = (0..=n)
                .map(|c| at(c, u).minus(at(c + 1, u)).value())
                .collect();
            (u, dist)
        })
        .collect())
}

/// The ways the centre values complete each cell of slab `r` (`slab`).
fn centre_completions<W: Ring>(
    layout: &Layout,
    r: i64,
    slab: &mut [W],
    targets: &[Centred],
    n: i64,
) {
    let start = layout.slab(r).start;
    for column in layout.columns(r) {
        let cells = &mut slab[column.cells.start - start..column.cells.end - start];
        for t in targets {
            let (d, first, last) = t.centre_range(column.sum, r);
            for (m, cell) in (column.m_lo..).zip(cells.iter_mut()) {
                let Some(e_hi) = highest_e(d, first, last, n - m) else {
                    break;
                };
                *cell = cell.plus(W::from_i64((e_hi - first) / 2 + 1));
            }
        }
    }
}

/// Lets any number of copies of `u` complete every cell: each cell gains
/// the completions of the cell one `u` above it, top band first so that
/// copies chain. The slabs a band writes (`u²` below it) are distinct, so
/// they are updated in parallel.
fn add_backwards<W: Ring>(layout: &Layout, cells: &mut [W], u: i64) {
    let step = u * u;
    let mut bands: Vec<i64> = (step..=layout.r_max).step_by(step as usize).collect();
    bands.reverse();
    for band in bands {
        let end = (band + step - 1).min(layout.r_max);
        let upper_start = layout.slab(band).start;
        let (lower, upper) = cells.split_at_mut(upper_start);
        let upper = &*upper;
        let from = layout.slab(band - step).start;
        layout
            .slabs_mut(&mut lower[from..], band - step, end - step)
            .into_par_iter()
            .for_each(|(below, slab)| {
                let r = below + step;
                let start = layout.slab(below).start;
                for (run, source) in layout.pairs(r, u) {
                    let from = &upper[run.start - upper_start..run.end - upper_start];
                    let to = &mut slab[source - start..source - start + run.len()];
                    to.iter_mut().zip(from).for_each(|(d, s)| *d = d.plus(*s));
                }
            });
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Plan, plan};
    use super::*;
    use crate::Decimal;
    use crate::closure::ClosureInput;
    use crate::error::Error;

    /// The backward table gives the same distributions modulo 2⁶⁴ and
    /// 2¹²⁸, and its completions of the empty multiset are the count.
    #[test]
    fn completions_agree_in_both_rings() -> Result<()> {
        let d = Decimal::parse;
        let input =
            ClosureInput::new(d("5.5")?, d("2.1")?, 60, 1, 10).with_errors(d("0.05")?, d("0.05")?);
        let closure = Closure::new(&input)?;
        let Some(Plan::Table(table)) = plan(&closure, 1 << 24) else {
            return Err(Error::Internal("no table".into()));
        };
        let (table, parts) = table.fill::<u64>(&closure)?;
        let count = table.combine(&parts.targets, closure.n);
        let layout = table.into_layout();
        let narrow = completions::<u64>(layout, &parts, &closure)?;
        let Some(Plan::Table(table)) = plan(&closure, 1 << 24) else {
            return Err(Error::Internal("no table".into()));
        };
        let wide = completions::<u128>(table.layout, &parts, &closure)?;
        assert_eq!(narrow, wide);
        for (_, dist) in &narrow {
            assert_eq!(dist.iter().sum::<u128>(), count);
        }
        assert!(count > 1_000_000);
        Ok(())
    }
}
