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
//! counts provably fit, and it is zeroed and filled on all cores.

use rayon::prelude::*;

use super::Closure;
use crate::error::{Error, Result};

/// Most cells the table may have: 320 MB at 8 bytes a cell, 160 MB at 4.
const MAX_CELLS: usize = 40_000_000;

/// The number of samples, or `None` when this method does not apply (fewer
/// than three scale values, or a table too large or counts too large for it);
/// the caller then counts by recursion.
pub(super) fn count(closure: &Closure) -> Option<Result<u128>> {
    Some(match plan(closure)? {
        Plan::Nothing => Ok(0),
        Plan::Table(table) if table.wide => table.count::<u64>(closure),
        Plan::Table(table) => table.count::<u32>(closure),
    })
}

/// The count, and the samples at the ranks `pick` chooses given the count
/// (each below it), as frequency vectors in the order of the ranks; `None`
/// when [`count`] would not apply. Ranks order the samples by where the
/// table counts them, not lexicographically.
pub(super) fn draw(
    closure: &Closure,
    pick: &mut impl FnMut(u128) -> Vec<u128>,
) -> Option<Result<(u128, Vec<u128>, Vec<u32>)>> {
    match plan(closure)? {
        Plan::Nothing => None,
        Plan::Table(table) if table.wide => Some(table.draw::<u64>(closure, pick)),
        Plan::Table(table) => Some(table.draw::<u32>(closure, pick)),
    }
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

fn plan(closure: &Closure) -> Option<Plan> {
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
    let targets: Vec<Centred> = closure
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
    let r_max = targets.iter().map(|t| t.squares_hi).max()?;
    if r_max < 0 {
        return Some(Plan::Nothing);
    }
    let m_max = n.min(r_max / 4);
    let others: Vec<i64> = (-centre..=k - centre)
        .filter(|&u| u.abs() >= 2 && closure.allows(u + centre))
        .collect();
    let layout = Layout::new(r_max, m_max, window(&targets)?)?;
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

    fn count<C: Count>(self, closure: &Closure) -> Result<u128> {
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
        pick: &mut impl FnMut(u128) -> Vec<u128>,
    ) -> Result<(u128, Vec<u128>, Vec<u32>)> {
        let n = closure.n;
        let (
            mut table,
            Parts {
                centre,
                targets,
                others,
            },
        ) = self.fill::<C>(closure)?;
        let totals: Vec<i128> = (0..=table.layout.r_max)
            .into_par_iter()
            .map(|r| table.combine_slab(r, &targets, n))
            .collect();
        let count = totals.iter().sum::<i128>() as u128;
        let ranks = if count == 0 { Vec::new() } else { pick(count) };
        let mut order: Vec<usize> = (0..ranks.len()).collect();
        order.sort_unstable_by_key(|&i| ranks[i]);
        let mut drawn = vec![Drawn::default(); ranks.len()];
        let (mut next, mut before) = (0, 0i128);
        for (r, &total) in totals.iter().enumerate() {
            let end = order[next..].partition_point(|&i| (ranks[i] as i128) < before + total);
            let here: Vec<(i128, usize)> = order[next..next + end]
                .iter()
                .map(|&i| (ranks[i] as i128 - before, i))
                .collect();
            if !here.is_empty() {
                table.locate(r as i64, &targets, n, &here, &mut drawn);
            }
            next += end;
            before += total;
        }
        if next < ranks.len() {
            return Err(Error::invalid("ranks", format!("ranks must be below the count, {count}")));
        }
        let k = closure.top as usize + 1;
        let mut out = vec![0u32; ranks.len() * k];
        for &u in others.iter().rev() {
            closure.interrupted()?;
            table.remove_value(u);
            for (sample, row) in drawn.iter_mut().zip(out.chunks_exact_mut(k)) {
                let copies = table.copies(sample, u);
                row[(u + centre) as usize] = copies as u32;
            }
        }
        for (sample, row) in drawn.iter().zip(out.chunks_exact_mut(k)) {
            debug_assert_eq!(
                (sample.m, sample.sum, sample.squares, sample.index),
                (0, 0, 0, 0)
            );
            for (z, c) in (centre - 1..=centre + 1).zip(sample.centre) {
                row[z as usize] = c as u32;
            }
            row.iter_mut()
                .zip(&closure.placed)
                .for_each(|(c, p)| *c += p);
        }
        Ok((count, ranks, out))
    }
}

/// One drawn sample while it is being found: the cell of its other values
/// (count, sum, sum of squares), its index among that cell's multisets,
/// and the counts of the centre values `−1, 0, 1`.
#[derive(Debug, Clone, Copy, Default)]
struct Drawn {
    m: i64,
    sum: i64,
    squares: i64,
    index: u64,
    centre: [i64; 3],
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

/// A table cell: 32 bits when the counts provably fit (half the memory to
/// fill and walk), else 64.
trait Count: Copy + Default + Send + Sync + std::ops::AddAssign + std::ops::SubAssign {
    const ONE: Self;
    fn wide(self) -> u64;
}

impl Count for u32 {
    const ONE: Self = 1;
    fn wide(self) -> u64 {
        u64::from(self)
    }
}

impl Count for u64 {
    const ONE: Self = 1;
    fn wide(self) -> u64 {
        self
    }
}

/// Prefix sums over the count `m` of one column of the table.
struct Prefix {
    count: Vec<i64>,
    moment: Vec<i64>,
    even: Vec<i64>,
}

impl Prefix {
    /// The prefix sums of one column; returns its total.
    fn fill<C: Count>(&mut self, column: &[C]) -> i64 {
        let (mut c, mut mc, mut even) = (0i64, 0i64, 0i64);
        for (m, f) in column.iter().enumerate() {
            let f = f.wide() as i64;
            c += f;
            mc += m as i64 * f;
            if m % 2 == 0 {
                even += f;
            }
            self.count[m] = c;
            self.moment[m] = mc;
            self.even[m] = even;
        }
        c
    }
}

/// A target in centred values: the sum and the range of sums of squares.
struct Centred {
    sum: i64,
    squares_lo: i64,
    squares_hi: i64,
}

/// Where each cell of the table lives. Cells count the multisets of the
/// non-centre values, packed by sum of squares `r`: for each `r`, the sums
/// `T = low(r), low(r) + 2, …` (`width(r)` of them), each a column of the
/// counts `m = 0..=min(m_max, r/4)`, stored contiguously so that both
/// filling and combining walk memory in order.
///
/// Only sums that can still reach a target are kept: every later value, and
/// the centre values, move the sum by at most what they add to the sum of
/// squares, so `T` must lie within `r_max − r` of the targets' sums.
struct Layout {
    r_max: i64,
    m_max: i64,
    lows: Vec<i64>,
    widths: Vec<usize>,
    offsets: Vec<usize>,
}

/// The largest `|T|` with `T ≡ r (mod 2)` and `|T| ≤ r/2`; −1 when none.
fn half(r: i64) -> i64 {
    let t = r / 2;
    if (t - r).rem_euclid(2) == 0 { t } else { t - 1 }
}

impl Layout {
    /// `None` when the table would have more than [`MAX_CELLS`] cells.
    fn new(r_max: i64, m_max: i64, (t_min, t_max): (i64, i64)) -> Option<Self> {
        if r_max as usize >= MAX_CELLS {
            return None;
        }
        let slabs = r_max as usize + 1;
        let (mut lows, mut widths) = (Vec::with_capacity(slabs), Vec::with_capacity(slabs));
        let mut offsets = Vec::with_capacity(slabs + 1);
        let mut size = 0usize;
        for r in 0..=r_max {
            let lo = (-half(r)).max(t_min - (r_max - r));
            let lo = lo + (r - lo).rem_euclid(2);
            let hi = half(r).min(t_max + (r_max - r));
            let hi = hi - (hi - r).rem_euclid(2);
            let width = if hi >= lo {
                ((hi - lo) / 2 + 1) as usize
            } else {
                0
            };
            lows.push(lo);
            widths.push(width);
            offsets.push(size);
            size += Self::rows(m_max, r) * width;
            if size > MAX_CELLS {
                return None;
            }
        }
        offsets.push(size);
        Some(Layout {
            r_max,
            m_max,
            lows,
            widths,
            offsets,
        })
    }

    fn rows(m_max: i64, r: i64) -> usize {
        (m_max.min(r / 4) + 1) as usize
    }

    fn width(&self, r: i64) -> usize {
        self.widths[r as usize]
    }

    fn low(&self, r: i64) -> i64 {
        self.lows[r as usize]
    }

    fn size(&self) -> usize {
        self.offsets[self.r_max as usize + 1]
    }

    /// Applies `op` to each cell of slab `r` and the cell of slab `r − u²`
    /// holding the same multisets less one `u`.
    fn pair_with<C: Count>(
        &self,
        slab: &mut [C],
        r: i64,
        u: i64,
        earlier: &[C],
        op: impl Fn(&mut C, C),
    ) {
        let from = r - u * u;
        let (w_to, w_from) = (self.width(r), self.width(from));
        if w_to == 0 || w_from == 0 {
            return;
        }
        // Source index j' = j + shift for destination index j: both hold the
        // sum T at low + 2j, and the source's is T − u.
        let shift = (self.low(r) - u - self.low(from)) / 2;
        let j_lo = (-shift).max(0) as usize;
        let j_hi = (w_to as i64 - 1).min(w_from as i64 - 1 - shift);
        if j_hi < j_lo as i64 {
            return;
        }
        let (rows_to, rows_from) = (Self::rows(self.m_max, r), Self::rows(self.m_max, from));
        let rows = rows_to.min(rows_from + 1);
        let source = &earlier[self.offsets[from as usize]..];
        for j in j_lo..=j_hi as usize {
            // One more copy of u: m − 1 values at T − u become m at T.
            let dst = &mut slab[j * rows_to + 1..j * rows_to + rows];
            let start = (j as i64 + shift) as usize * rows_from;
            for (d, s) in dst.iter_mut().zip(&source[start..start + rows - 1]) {
                op(d, *s);
            }
        }
    }
}

/// Tables this large fill their slabs on all cores.
const PARALLEL_CELLS: usize = 1 << 20;

/// The counts, laid out by [`Layout`].
struct Table<C> {
    layout: Layout,
    cells: Vec<C>,
}

impl<C: Count> Table<C> {
    /// The table holding only the empty multiset (if it can reach a target),
    /// zeroed on all cores: first touching the memory is much of the work.
    fn new(layout: Layout) -> Self {
        let size = layout.size();
        let mut cells = Vec::with_capacity(size);
        cells.par_extend(rayon::iter::repeat_n(C::default(), size));
        if layout.width(0) > 0 && layout.low(0) == 0 {
            cells[0] = C::ONE;
        }
        Table { layout, cells }
    }

    /// Adds any number of copies of the value `u` to every multiset: the
    /// unbounded-knapsack update in increasing `r`, so that copies chain.
    fn add_value(&mut self, u: i64) {
        self.update_bands(u, false, |d, s| *d += s);
    }

    /// Undoes [`Table::add_value`]: the multisets without `u` are those with
    /// any number of copies less those with at least one, so each cell loses
    /// the cell one `u` below it, in decreasing `r` so that it reads the
    /// table before the change.
    fn remove_value(&mut self, u: i64) {
        self.update_bands(u, true, |d, s| *d -= s);
    }

    /// Applies `op` between every cell and the cell one `u` below it, band
    /// by band: the `u²` slabs of a band read only earlier bands, so a
    /// band's slabs are updated in parallel.
    fn update_bands(&mut self, u: i64, downwards: bool, op: impl Fn(&mut C, C) + Sync) {
        let (layout, step) = (&self.layout, u * u);
        let split = if self.cells.len() >= PARALLEL_CELLS {
            1
        } else {
            usize::MAX
        };
        let mut bands: Vec<(i64, i64)> = (step..=layout.r_max)
            .step_by(step as usize)
            .map(|band| (band, (band + step - 1).min(layout.r_max)))
            .collect();
        if downwards {
            bands.reverse();
        }
        for (band, end) in bands {
            let (earlier, rest) = self.cells.split_at_mut(layout.offsets[band as usize]);
            let mut rest =
                &mut rest[..layout.offsets[end as usize + 1] - layout.offsets[band as usize]];
            let mut slabs = Vec::with_capacity(step as usize);
            for r in band..=end {
                let len = layout.offsets[r as usize + 1] - layout.offsets[r as usize];
                let (slab, more) = rest.split_at_mut(len);
                slabs.push((r, slab));
                rest = more;
            }
            let earlier = &*earlier;
            slabs
                .into_par_iter()
                .with_min_len(split)
                .for_each(|(r, slab)| layout.pair_with(slab, r, u, earlier, &op));
        }
    }

    /// The cell of `m` values with sum `t` and sum of squares `r`; zero
    /// outside the table.
    fn get(&self, m: i64, t: i64, r: i64) -> u64 {
        let layout = &self.layout;
        if !(0..=layout.r_max).contains(&r) || m < 0 {
            return 0;
        }
        let (width, rows) = (layout.width(r) as i64, Layout::rows(layout.m_max, r) as i64);
        let j = t - layout.low(r);
        if j < 0 || j % 2 != 0 || j / 2 >= width || m >= rows {
            return 0;
        }
        self.cells[layout.offsets[r as usize] + (j / 2 * rows + m) as usize].wide()
    }

    /// How many copies of `u` the multiset `sample` points at has, given
    /// the table without `u`: its index runs through the multisets with 0,
    /// 1, 2, … copies in turn. Moves `sample` to the cell without them.
    fn copies(&self, sample: &mut Drawn, u: i64) -> i64 {
        let mut c = 0;
        while c <= sample.m {
            let cell = self.get(sample.m - c, sample.sum - c * u, sample.squares - c * u * u);
            if sample.index < cell {
                break;
            }
            sample.index -= cell;
            c += 1;
        }
        sample.m -= c;
        sample.sum -= c * u;
        sample.squares -= c * u * u;
        c
    }

    /// Finds, for each `(rank within slab r, sample)` in increasing rank,
    /// its column, target, count `m` and centre values, walking the slab in
    /// the order [`Table::combine_slab`] counts it.
    fn locate(
        &self,
        r: i64,
        targets: &[Centred],
        n: i64,
        ranks: &[(i128, usize)],
        drawn: &mut [Drawn],
    ) {
        let layout = &self.layout;
        let rows = Layout::rows(layout.m_max, r);
        let slab = &self.cells[layout.offsets[r as usize]..layout.offsets[r as usize + 1]];
        let mut prefix = Prefix {
            count: vec![0; rows],
            moment: vec![0; rows],
            even: vec![0; rows],
        };
        let (mut next, mut before) = (0, 0i128);
        for (j, column) in slab.chunks_exact(rows).enumerate() {
            prefix.fill(column);
            let sum = layout.low(r) + 2 * j as i64;
            for t in targets {
                let total = Self::completions(t, sum, r, n, &prefix);
                while let Some(&(rank, sample)) = ranks.get(next) {
                    if rank >= before + total {
                        break;
                    }
                    drawn[sample] = Self::within(t, sum, r, n, column, rank - before);
                    next += 1;
                }
                before += total;
                if next == ranks.len() {
                    return;
                }
            }
        }
    }

    /// The sample at `rank` among those completing one column to target
    /// `t`: by count `m`, then centre values, then index in the cell.
    fn within(t: &Centred, sum: i64, r: i64, n: i64, column: &[C], mut rank: i128) -> Drawn {
        let d = t.sum - sum;
        let first = d.abs().max(t.squares_lo - r);
        let first = first + (d - first).rem_euclid(2);
        for (m, cell) in column.iter().enumerate() {
            let (m, cell) = (m as i64, i128::from(cell.wide()));
            let last = (t.squares_hi - r).min(n - m);
            let last = last - (last - d).rem_euclid(2);
            let choices = if last >= first {
                (last - first) / 2 + 1
            } else {
                0
            };
            let here = cell * i128::from(choices);
            if rank < here {
                let e = first + 2 * (rank / cell) as i64;
                return Drawn {
                    m,
                    sum,
                    squares: r,
                    index: (rank % cell) as u64,
                    centre: [(e - d) / 2, n - m - e, (e + d) / 2],
                };
            }
            rank -= here;
        }
        Drawn::default()
    }

    /// Completes every stored multiset with the centre values `−1, 0, 1`:
    /// for a target sum `T_t` and sums of squares `[lo, hi]`, the values ±1
    /// must add `d = T_t − T` to the sum and `e` to the sum of squares, with
    /// `e ≥ |d|`, `e ≡ d (mod 2)`, and `e ≤ n − m` so that the count of
    /// centre values `n − m − e` is not negative. Each such `e` is one sample.
    fn combine(&self, targets: &[Centred], n: i64) -> u128 {
        let total: i128 = (0..=self.layout.r_max)
            .into_par_iter()
            .map(|r| self.combine_slab(r, targets, n))
            .sum();
        total as u128
    }

    /// [`Table::combine`] for the multisets with sum of squares `r`.
    fn combine_slab(&self, r: i64, targets: &[Centred], n: i64) -> i128 {
        let layout = &self.layout;
        let width = layout.width(r);
        let rows = Layout::rows(layout.m_max, r);
        let slab = &self.cells[layout.offsets[r as usize]..layout.offsets[r as usize + 1]];
        let widest = targets.iter().map(|t| t.squares_hi - r).max().unwrap_or(0);
        if rows as i64 - 1 <= n - widest {
            // No count m here is large enough for the cap n − m to bind:
            // only each column's total over m matters.
            let columns: Vec<u128> = slab
                .chunks_exact(rows)
                .map(|column| column.iter().map(|f| u128::from(f.wide())).sum())
                .collect();
            let mut total = 0i128;
            for (j, &column) in columns.iter().enumerate() {
                if column == 0 {
                    continue;
                }
                let sum = layout.low(r) + 2 * j as i64;
                let ways: i64 = targets.iter().map(|t| Self::full(t, sum, r)).sum();
                total += column as i128 * i128::from(ways);
            }
            return total;
        }
        // Prefix sums over m of the count, of m·count and of the count at
        // even m (they fit in i64: see `count`).
        let mut prefix = Prefix {
            count: vec![0; rows],
            moment: vec![0; rows],
            even: vec![0; rows],
        };
        let mut total = 0;
        for (j, column) in slab.chunks_exact(rows).take(width).enumerate() {
            if prefix.fill(column) == 0 {
                continue;
            }
            let sum = layout.low(r) + 2 * j as i64;
            for t in targets {
                total += Self::completions(t, sum, r, n, &prefix);
            }
        }
        total
    }

    /// The number of `e` a target admits when the cap on the centre values
    /// does not bind.
    fn full(t: &Centred, sum: i64, r: i64) -> i64 {
        let d = t.sum - sum;
        let first = d.abs().max(t.squares_lo - r);
        let first = first + (d - first).rem_euclid(2);
        let last = t.squares_hi - r;
        let last = last - (last - d).rem_euclid(2);
        if first > last {
            0
        } else {
            (last - first) / 2 + 1
        }
    }

    /// The samples completing one column (sum `sum`, sum of squares `r`,
    /// prefix sums over `m`) to target `t`.
    fn completions(t: &Centred, sum: i64, r: i64, n: i64, prefix: &Prefix) -> i128 {
        let d = t.sum - sum;
        let lo = d.abs().max(t.squares_lo - r);
        let hi = t.squares_hi - r;
        let first = lo + (d - lo).rem_euclid(2);
        let last = hi - (hi - d).rem_euclid(2);
        if first > last {
            return 0;
        }
        let top = prefix.count.len() as i64 - 1;
        let range = |a: i64, b: i64, sums: &[i64]| -> i128 {
            let (a, b) = (a.max(0), b.min(top));
            if a > b {
                return 0;
            }
            i128::from(sums[b as usize] - if a > 0 { sums[a as usize - 1] } else { 0 })
        };
        // m ≤ n − last: the cap n − m does not bind.
        let free = n - last;
        let mut result = range(0, free, &prefix.count) * i128::from((last - first) / 2 + 1);
        // n − last < m ≤ n − first: e runs from `first` to the largest value
        // ≤ n − m with the parity of d, i.e. (n − m − first − odd)/2 + 1 of
        // them, where odd is 1 when n − m − d is odd.
        let (a, b) = (free + 1, n - first);
        let total = range(a, b, &prefix.count);
        let weighted = range(a, b, &prefix.moment);
        let even = range(a, b, &prefix.even);
        // The counts at m whose parity differs from that of n − d.
        let mismatched = if (n - d).rem_euclid(2) == 0 {
            total - even
        } else {
            even
        };
        result += (i128::from(n - first + 2) * total - weighted - mismatched) / 2;
        result
    }
}
