//! Counting on values centred at the mean: fast when the scale is wide or `n`
//! is large.
//!
//! Shifted by an integer centre `c` near the mean, a sample's values `u`
//! have a sum of squares `R = Σu²` of about `(n − 1)·sd²` whatever the scale,
//! and partial sums of squares only grow. The three values `c − 1, c, c + 1`
//! are solved in closed form (their counts follow from the count, sum and sum
//! of squares they must supply); a dense table counts the multisets of the
//! other values (`|u| ≥ 2`) by their number `m`, sum `T` and sum of squares
//! `R ≤ R_max`. Since `|u| ≤ u²/2` and `u ≡ u² (mod 2)` for those values, only
//! `|T| ≤ R/2` with `T ≡ R (mod 2)` and `m ≤ R/4` occur, which is all the
//! table stores.
//!
//! Filling the table is bound by memory: its cells are 32-bit when the
//! counts provably fit. Counting goes slab by slab and keeps only the slabs
//! it reads again (`stream`); drawing keeps the whole table, zeroed and
//! filled on all cores, to walk it back.

mod distribution;
mod layout;
mod stream;
mod table;

use layout::Layout;
use rayon::prelude::*;
use table::{Count, Table};

use super::Closure;
use super::draw::Draws;
use super::summary::Distributions;
use crate::error::{Error, Result};

/// Most cells a table kept whole may have (to draw, or to count where
/// streaming would keep as much): 320 MB at 8 bytes a cell, 160 MB at 4.
const MAX_CELLS: usize = 40_000_000;

/// Most cells a table counted slab by slab may span. Its rings stay within
/// [`MAX_CELLS`]; what grows is the layout's index (16 bytes a column, a
/// column holding tens of cells on the cases that reach this far) and the
/// time, about a second per hundred million cells here.
const MAX_STREAMED_CELLS: usize = 1_000_000_000;

/// The number of samples, or `None` when this method does not apply (fewer
/// than three scale values, or a table too large or counts too large for it);
/// the caller then counts by recursion.
pub(super) fn count(closure: &Closure) -> Option<Result<u128>> {
    Some(match plan(closure, MAX_STREAMED_CELLS)? {
        Plan::Nothing => Ok(0),
        Plan::Table(table) if !table.streams() && table.layout.size() > MAX_CELLS => return None,
        Plan::Table(table) if table.wide => table.count::<u64>(closure),
        Plan::Table(table) => table.count::<u32>(closure),
    })
}

/// The count and how often each value occurs (see
/// [`distribution`]), from the whole table; `None` exactly when [`draw`]
/// would not apply, or when the count passes 2⁶⁴ on a table too large for
/// 128-bit cells.
pub(super) fn distributions(closure: &Closure) -> Option<Result<Distributions>> {
    match plan(closure, MAX_CELLS)? {
        Plan::Nothing => Some(Ok(Distributions::none(closure))),
        Plan::Table(table) if table.wide => table.distributions::<u64>(closure),
        Plan::Table(table) => table.distributions::<u32>(closure),
    }
}

/// The count, and the samples at the ranks `pick` chooses given the count
/// (each below it), as frequency vectors in the order of the ranks; `None`
/// exactly when [`count`] would not apply. Ranks order the samples by where the
/// table counts them, not lexicographically.
pub(super) fn draw(
    closure: &Closure,
    pick: &mut impl FnMut(u128) -> Result<Vec<u128>>,
) -> Option<Result<Draws>> {
    Some(match plan(closure, MAX_CELLS)? {
        Plan::Nothing => Ok(Draws {
            count: 0,
            frequencies: Vec::new(),
        }),
        Plan::Table(table) if table.wide => table.draw::<u64>(closure, pick),
        Plan::Table(table) => table.draw::<u32>(closure, pick),
    })
}

enum Plan {
    /// No multiset can reach a target.
    Nothing,
    Table(TablePlan),
}

/// What the table is built from.
struct TablePlan {
    parts: Parts,
    layout: Layout,
    /// Whether cells need 64 bits.
    wide: bool,
}

/// The centre, the targets around it and the other values.
struct Parts {
    centre: i64,
    targets: Vec<Centred>,
    /// The non-centre values, in the order they are added.
    others: Vec<i64>,
}

/// The table for `closure` within `max_cells`.
fn plan(closure: &Closure, max_cells: usize) -> Option<Plan> {
    let (centre, targets) = centred_targets(closure)?;
    let (n, k) = (closure.n, closure.top);
    let r_max = targets.iter().map(|t| t.squares_hi).max()?;
    if r_max < 0 {
        return Some(Plan::Nothing);
    }
    let m_max = n.min(r_max / 4);
    // A value whose square exceeds every target's sum of squares is in no
    // sample.
    let others: Vec<i64> = (-centre..=k - centre)
        .filter(|&u| u.abs() >= 2 && u * u <= r_max && closure.allows(u + centre))
        .collect();
    let u_max = others.iter().map(|u| u.abs()).max().unwrap_or(0);
    let layout = Layout::new(r_max, m_max, u_max, window(&targets)?, max_cells)?;
    // A cell counts some of the multisets with its sum of squares, so the
    // most there are for any one sum of squares bounds every cell, and a
    // column's prefix sums of `m · count` stay below it times `m_max + 1`.
    let most = most_multisets(&others, r_max);
    if most.saturating_mul(m_max as u128 + 1) >= 1 << 62 {
        return None;
    }
    Some(Plan::Table(TablePlan {
        parts: Parts {
            centre,
            targets,
            others,
        },
        layout,
        wide: most > u128::from(u32::MAX),
    }))
}

/// The centre (an integer near the mean whose neighbours are allowed) and
/// the targets around it; `None` when there are fewer than three scale
/// values or no such centre.
fn centred_targets(closure: &Closure) -> Option<(i64, Vec<Centred>)> {
    let (n, k) = (closure.n, closure.top);
    if k < 2 || n == 0 || closure.targets.is_empty() {
        return None;
    }
    // Targets in z = y − scale_min·items: S_z = n·K − S_w, Q_z = n·K² − 2K·S_w + Q_w.
    let (s_lo, s_hi) = (
        closure.targets.iter().map(|t| n * k - t.sum).min()?,
        closure.targets.iter().map(|t| n * k - t.sum).max()?,
    );
    // The centre values must all be allowed; nearest the mean is best.
    let preferred = ((s_lo + s_hi + n) / (2 * n)).clamp(1, k - 1);
    let centre = (0..k)
        .flat_map(|d| [preferred - d, preferred + d])
        .find(|&c| (1..k).contains(&c) && (c - 1..=c + 1).all(|z| closure.allows(z)))?;
    let targets = closure
        .targets
        .iter()
        .map(|t| {
            let s = n * k - t.sum;
            let shift = n * k * k - 2 * k * t.sum - 2 * centre * s + n * centre * centre;
            Centred {
                sum: s - n * centre,
                squares_lo: t.squares_lo + shift,
                squares_hi: t.squares_hi + shift,
            }
        })
        .collect();
    Some((centre, targets))
}

/// About how many cells a table counting `closure` would need: `R³/24`,
/// `R` the largest centred sum of squares (see `docs/algorithms.md`); a
/// measure of how far out of reach a case is, for error messages.
pub(super) fn table_cells(closure: &Closure) -> Option<u128> {
    let (_, targets) = centred_targets(closure)?;
    let r_max = targets.iter().map(|t| t.squares_hi).max()?.max(0) as u128;
    Some(r_max.saturating_pow(3) / 24)
}

impl TablePlan {
    fn fill<C: Count>(self, closure: &Closure) -> Result<(Table<C>, Parts)> {
        let mut table = Table::<C>::new(self.layout);
        for &u in &self.parts.others {
            closure.interrupted()?;
            table.add_value(u);
        }
        closure.interrupted()?;
        Ok((table, self.parts))
    }

    fn distributions<C: Count>(self, closure: &Closure) -> Option<Result<Distributions>> {
        match self.fill::<C>(closure) {
            Ok((table, parts)) => {
                distribution::distributions(table, &parts, closure, MAX_CELLS / 2)
            }
            Err(e) => Some(Err(e)),
        }
    }

    /// Whether counting goes slab by slab: unless the slabs kept for that
    /// would outnumber the table's cells (values with squares near the
    /// largest sum of squares keep almost every slab) or [`MAX_CELLS`].
    fn streams(&self) -> bool {
        let others = &self.parts.others;
        let kept = stream::cells(&self.layout, others);
        !others.is_empty() && kept <= self.layout.size() && kept <= MAX_CELLS
    }

    /// Counts slab by slab where [`TablePlan::streams`], else from the whole
    /// table.
    fn count<C: Count>(self, closure: &Closure) -> Result<u128> {
        if self.streams() {
            let Parts {
                targets, others, ..
            } = &self.parts;
            return stream::count::<C>(&self.layout, others, targets, closure);
        }
        let (table, parts) = self.fill::<C>(closure)?;
        Ok(table.combine(&parts.targets, closure.n))
    }

    /// Finds each rank's slab, column, target, count of other values and
    /// centre values, and its index among the multisets of its cell; then
    /// takes the other values off the table one by one, in reverse, each
    /// index choosing how many copies of the value its multiset has.
    fn draw<C: Count>(
        self,
        closure: &Closure,
        pick: &mut impl FnMut(u128) -> Result<Vec<u128>>,
    ) -> Result<Draws> {
        let n = closure.n;
        let (
            mut table,
            Parts {
                centre,
                targets,
                others,
            },
        ) = self.fill::<C>(closure)?;
        let totals = table.slab_totals(&targets, n);
        let count = totals.iter().sum::<i128>() as u128;
        let ranks = if count == 0 { Vec::new() } else { pick(count)? };
        let mut order: Vec<usize> = (0..ranks.len()).collect();
        order.sort_unstable_by_key(|&i| ranks[i]);
        // Each slab's ranks (within the slab), located on all cores.
        let mut slabs = Vec::new();
        let (mut next, mut before) = (0, 0i128);
        for (r, &total) in totals.iter().enumerate() {
            let end = order[next..].partition_point(|&i| (ranks[i] as i128) < before + total);
            if end > 0 {
                let here: Vec<(i128, usize)> = order[next..next + end]
                    .iter()
                    .map(|&i| (ranks[i] as i128 - before, i))
                    .collect();
                slabs.push((r as i64, here));
            }
            next += end;
            before += total;
        }
        if next < ranks.len() {
            return Err(Error::invalid(
                "ranks",
                format!("ranks must be below the count, {count}"),
            ));
        }
        let mut drawn = vec![Drawn::default(); ranks.len()];
        let located: Vec<Vec<(usize, Drawn)>> = slabs
            .into_par_iter()
            .map(|(r, here)| table.locate(r, &targets, n, &here))
            .collect();
        for (sample, found) in located.into_iter().flatten() {
            drawn[sample] = found;
        }
        let k = closure.top as usize + 1;
        let mut out = vec![0u32; ranks.len() * k];
        // The table holds the multisets of the first `held` values. Choosing
        // the copies of value `i` needs the counts without it and the values
        // after it: the last three values' are solved in closed form; else
        // the values after `i` are taken off the table and the counts
        // without `i` are two cells' difference.
        let mut held = others.len();
        for (i, &u) in others.iter().enumerate().rev() {
            closure.interrupted()?;
            let without: &dyn Fn(Cell) -> u64 = if i <= 3 {
                &|cell| u64::from(solve_small(&others[..i], cell).is_some())
            } else {
                while held > i + 1 {
                    held -= 1;
                    table.remove_value(others[held]);
                }
                let table = &table;
                &move |cell: Cell| table.get(cell) - table.get(cell.less(u, 1))
            };
            for (sample, row) in drawn.iter_mut().zip(out.chunks_exact_mut(k)) {
                row[(u + centre) as usize] = sample.copies(u, without) as u32;
            }
        }
        for (sample, row) in drawn.iter().zip(out.chunks_exact_mut(k)) {
            debug_assert_eq!((sample.cell, sample.index), (Cell::default(), 0));
            for (z, c) in (centre - 1..=centre + 1).zip(sample.centre) {
                row[z as usize] = c as u32;
            }
            closure.add_placed(row);
        }
        Ok(Draws {
            count,
            frequencies: out,
        })
    }
}

/// One drawn sample while it is being found: the cell of its other values,
/// its index among that cell's multisets, and the counts of the centre
/// values `−1, 0, 1`.
#[derive(Debug, Clone, Copy, Default)]
struct Drawn {
    cell: Cell,
    index: u64,
    centre: [i64; 3],
}

/// Multisets of `m` values with sum `sum` and sum of squares `squares`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Cell {
    m: i64,
    sum: i64,
    squares: i64,
}

impl Cell {
    /// The cell with `c` fewer copies of `u`.
    fn less(self, u: i64, c: i64) -> Cell {
        Cell {
            m: self.m - c,
            sum: self.sum - c * u,
            squares: self.squares - c * u * u,
        }
    }
}

impl Drawn {
    /// How many copies of `u` the multiset this sample points at has, given
    /// the counts `without` it: its index runs through the multisets with
    /// 0, 1, 2, … copies in turn. Moves the sample to the cell without them.
    fn copies(&mut self, u: i64, without: &dyn Fn(Cell) -> u64) -> i64 {
        let mut c = 0;
        while c <= self.cell.m {
            let here = without(self.cell.less(u, c));
            if self.index < here {
                break;
            }
            self.index -= here;
            c += 1;
        }
        self.cell = self.cell.less(u, c);
        c
    }
}

/// The counts of at most three distinct `values` that make up `cell`: three
/// linear equations (count, sum, sum of squares) in at most three unknowns
/// have at most one solution, found by Lagrange interpolation.
fn solve_small(values: &[i64], cell: Cell) -> Option<[i64; 3]> {
    let Cell { m, sum, squares } = cell;
    let mut counts = [0i64; 3];
    for (a, &va) in values.iter().enumerate() {
        // With the other values o (and p), the count of va is the cell's
        // moment of Π(x − o) over Π(va − o).
        let mut rest = values
            .iter()
            .enumerate()
            .filter(|&(b, _)| b != a)
            .map(|(_, &v)| v);
        let (num, den) = match (rest.next(), rest.next()) {
            (None, _) => (m, 1),
            (Some(o), None) => (sum - o * m, va - o),
            (Some(o), Some(p)) => (squares - (o + p) * sum + o * p * m, (va - o) * (va - p)),
        };
        if num % den != 0 || num / den < 0 {
            return None;
        }
        counts[a] = num / den;
    }
    let moment = |f: fn(i64) -> i64| {
        values
            .iter()
            .zip(counts)
            .map(|(&v, c)| c * f(v))
            .sum::<i64>()
    };
    (moment(|_| 1) == m && moment(|v| v) == sum && moment(|v| v * v) == squares).then_some(counts)
}

fn window(targets: &[Centred]) -> Option<(i64, i64)> {
    let sums = targets.iter().map(|t| t.sum);
    Some((sums.clone().min()?, sums.max()?))
}

/// The most multisets of `values` that share one sum of squares up to
/// `r_max` (saturating).
fn most_multisets(values: &[i64], r_max: i64) -> u128 {
    let mut ways = vec![0u128; r_max as usize + 1];
    ways[0] = 1;
    for &u in values {
        let step = (u * u) as usize;
        for r in step..ways.len() {
            ways[r] = ways[r].saturating_add(ways[r - step]);
        }
    }
    ways.into_iter().max().unwrap_or(0)
}

/// A target in centred values: the sum and the range of sums of squares.
struct Centred {
    sum: i64,
    squares_lo: i64,
    squares_hi: i64,
}

impl Centred {
    /// What completing multisets with sum `sum` and sum of squares `r` to
    /// this target asks of the values ±1: the sum `d` they add, and the
    /// first and last sums of squares `e` they may add (`e ≥ |d|`,
    /// `e ≡ d (mod 2)`), before the cap `e ≤ n − m`. No `e` when
    /// `first > last`.
    fn centre_range(&self, sum: i64, r: i64) -> (i64, i64, i64) {
        let d = self.sum - sum;
        let first = d.abs().max(self.squares_lo - r);
        let last = self.squares_hi - r;
        (
            d,
            first + (d - first).rem_euclid(2),
            last - (last - d).rem_euclid(2),
        )
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::Decimal;
    use crate::closure::ClosureInput;
    use crate::forensics::closure::counter::Counter;

    /// The count slab by slab, from the whole table, and by the recursion.
    fn three_ways(closure: &Closure) -> Result<Option<[u128; 3]>> {
        let Some(Plan::Table(plan)) = plan(closure, MAX_CELLS) else {
            return Ok(None);
        };
        let Parts {
            targets, others, ..
        } = &plan.parts;
        if others.is_empty() {
            return Ok(None);
        }
        let streamed = stream::count::<u64>(&plan.layout, others, targets, closure)?;
        let (table, parts) = plan.fill::<u64>(closure)?;
        let whole = table.combine(&parts.targets, closure.n);
        let recursion = Counter::new(closure).count(closure.top, closure.n, 0, 0)?;
        Ok(Some([streamed, whole, recursion]))
    }

    #[test]
    fn both_table_counts_agree_on_the_benchmark_case() -> Result<()> {
        let d = Decimal::parse;
        let input =
            ClosureInput::new(d("4")?, d("1.5")?, 80, 1, 7).with_errors(d("0.05")?, d("0.05")?);
        let counts = three_ways(&Closure::new(&input)?)?;
        assert_eq!(counts, Some([1_665_812; 3]));
        Ok(())
    }

    /// Beyond the cells a whole table may have, counting goes on slab by
    /// slab, and agrees with the recursion.
    #[test]
    fn streamed_counts_reach_past_the_whole_table() -> Result<()> {
        let d = Decimal::parse;
        let closure = Closure::new(&ClosureInput::new(d("4.13")?, d("1.51")?, 700, 1, 7))?;
        assert!(plan(&closure, MAX_CELLS).is_none());
        let streamed = count(&closure).ok_or(Error::Internal("no streamed count".into()))??;
        let recursion = Counter::new(&closure).count(closure.top, closure.n, 0, 0)?;
        assert_eq!((streamed, recursion), (5_814_594_154, 5_814_594_154));
        Ok(())
    }

    /// A layout too large to index is refused after a bounded first pass,
    /// before any memory is taken.
    #[test]
    fn wide_scales_are_refused_before_their_index_is_built() -> Result<()> {
        let d = Decimal::parse;
        let closure = Closure::new(&ClosureInput::new(d("50.13")?, d("25.01")?, 60, 0, 100))?;
        assert!(count(&closure).is_none());
        Ok(())
    }

    #[test]
    fn out_of_reach_cases_say_how_large_their_table_would_be() -> Result<()> {
        let d = Decimal::parse;
        let input = ClosureInput::new(d("50.5")?, d("20")?, 1000, 1, 100)
            .with_errors(d("0.05")?, d("0.05")?);
        let cells = table_cells(&Closure::new(&input)?);
        assert!(cells.is_some_and(|c| (10u128.pow(15)..10u128.pow(16)).contains(&c)));
        let stopped = Error::TooMuchWork {
            states: 6_000_000,
            mb: 343,
            table_cells: cells,
        };
        assert!(stopped.to_string().contains("cells, 11 PB)"), "{stopped}");
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn slab_by_slab_agrees_with_the_table_and_the_recursion(
            n in 2u64..30,
            lo in -3i64..3,
            width in 3i64..10,
            items in 1u32..3,
            mean_at in 0.0f64..1.0,
            sd_at in 0.0f64..0.6,
        ) {
            let input = crate::forensics::closure::testing::case(n, lo, width, items, mean_at, sd_at)?;
            let counts = three_ways(&Closure::new(&input)?)?;
            if let Some([streamed, whole, recursion]) = counts {
                prop_assert_eq!(streamed, whole);
                prop_assert_eq!(streamed, recursion);
            }
        }
    }
}
