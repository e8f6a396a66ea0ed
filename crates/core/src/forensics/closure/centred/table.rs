//! The counting table: filled by adding values, emptied by taking them off,
//! and combined with the centre values.

use rayon::prelude::*;

use super::layout::{Column, Layout};
use super::{Cell, Centred, Drawn};

/// A table cell: 32 bits when the counts provably fit (half the memory to
/// fill and walk), else 64.
pub(super) trait Count:
    Copy + Default + Send + Sync + std::ops::AddAssign + std::ops::SubAssign
{
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

/// Tables this large fill their slabs on all cores.
const PARALLEL_CELLS: usize = 1 << 20;

/// The counts, laid out by [`Layout`].
pub(super) struct Table<C> {
    pub(super) layout: Layout,
    cells: Vec<C>,
}

impl<C: Count> Table<C> {
    /// The table holding only the empty multiset (if it can reach a target),
    /// zeroed on all cores: first touching the memory is much of the work.
    pub(super) fn new(layout: Layout) -> Self {
        let size = layout.size();
        let mut cells = Vec::with_capacity(size);
        cells.par_extend(rayon::iter::repeat_n(C::default(), size));
        if let Some(empty) = layout.cell(0, 0, 0) {
            cells[empty] = C::ONE;
        }
        Table { layout, cells }
    }

    /// Adds any number of copies of the value `u` to every multiset: the
    /// unbounded-knapsack update in increasing `r`, so that copies chain.
    pub(super) fn add_value(&mut self, u: i64) {
        self.update_bands(u, false, |d, s| *d += s);
    }

    /// Undoes [`Table::add_value`]: the multisets without `u` are those with
    /// any number of copies less those with at least one, so each cell loses
    /// the cell one `u` below it, in decreasing `r` so that it reads the
    /// table before the change.
    pub(super) fn remove_value(&mut self, u: i64) {
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
            let (earlier, rest) = self.cells.split_at_mut(layout.slab(band).start);
            let earlier = &*earlier;
            layout
                .slabs_mut(rest, band, end)
                .into_par_iter()
                .with_min_len(split)
                .for_each(|(r, slab)| layout.pair_with(slab, r, u, earlier, &op));
        }
    }

    /// The layout, the cells freed.
    pub(super) fn into_layout(self) -> Layout {
        self.layout
    }

    /// The count in `cell`; zero outside the table.
    pub(super) fn get(&self, cell: Cell) -> u64 {
        self.layout
            .cell(cell.m, cell.sum, cell.squares)
            .map_or(0, |i| self.cells[i].wide())
    }

    pub(super) fn counts(&self, column: &Column) -> &[C] {
        &self.cells[column.cells.clone()]
    }

    /// Completes every stored multiset with the centre values `−1, 0, 1`:
    /// for a target sum `T_t` and sums of squares `[lo, hi]`, the values ±1
    /// must add `d = T_t − T` to the sum and `e` to the sum of squares, with
    /// `e ≥ |d|`, `e ≡ d (mod 2)`, and `e ≤ n − m` so that the count of
    /// centre values `n − m − e` is not negative. Each such `e` is one sample.
    pub(super) fn combine(&self, targets: &[Centred], n: i64) -> u128 {
        self.slab_totals(targets, n).into_iter().sum::<i128>() as u128
    }

    /// [`Table::combine`] for each slab.
    pub(super) fn slab_totals(&self, targets: &[Centred], n: i64) -> Vec<i128> {
        (0..=self.layout.r_max)
            .into_par_iter()
            .map(|r| self.combine_slab(r, targets, n))
            .collect()
    }

    /// [`Table::combine`] for the multisets with sum of squares `r`.
    fn combine_slab(&self, r: i64, targets: &[Centred], n: i64) -> i128 {
        let slab = &self.cells[self.layout.slab(r)];
        slab_total(&self.layout, r, slab, targets, n, &mut Vec::new())
    }

    /// Finds, for each `(rank within slab r, sample)` in increasing rank
    /// (at least one), its column, target, count `m` and centre values,
    /// walking the slab in the order [`Table::combine_slab`] counts it.
    /// Returns them by sample.
    pub(super) fn locate(
        &self,
        r: i64,
        targets: &[Centred],
        n: i64,
        ranks: &[(i128, usize)],
    ) -> Vec<(usize, Drawn)> {
        let mut drawn = Vec::with_capacity(ranks.len());
        let (mut prefix, mut weights) = (Prefix::default(), Vec::new());
        let (mut next, mut before) = (0, 0i128);
        for column in self.layout.columns(r) {
            let counts = self.counts(&column);
            // Columns no rank falls in are skipped whole.
            let all = column_total(counts, column.m_lo, column.sum, r, n, targets, &mut weights);
            if ranks[next].0 >= before + all {
                before += all;
                continue;
            }
            prefix.fill(counts, column.m_lo);
            for t in targets {
                let total = completions(t, column.sum, r, n, &prefix);
                while let Some(&(rank, sample)) = ranks.get(next) {
                    if rank >= before + total {
                        break;
                    }
                    drawn.push((sample, within(t, &column, r, n, counts, rank - before)));
                    next += 1;
                }
                before += total;
                if next == ranks.len() {
                    return drawn;
                }
            }
        }
        drawn
    }
}

/// The samples completing the multisets of slab `r` (its cells `slab`) with
/// the centre values to every target; `weights` is scratch space.
pub(super) fn slab_total<C: Count>(
    layout: &Layout,
    r: i64,
    slab: &[C],
    targets: &[Centred],
    n: i64,
    weights: &mut Vec<i64>,
) -> i128 {
    let start = layout.slab(r).start;
    // The centre values add at most n − m to the sum of squares: columns
    // whose multisets are too few to reach any target's lowest one add
    // nothing.
    let lowest = targets.iter().map(|t| t.squares_lo).min().unwrap_or(0);
    layout
        .columns(r)
        .filter(|column| lowest - r <= n - column.m_lo)
        .map(|column| {
            let counts = &slab[column.cells.start - start..column.cells.end - start];
            column_total(counts, column.m_lo, column.sum, r, n, targets, weights)
        })
        .sum()
}

/// The sample at `rank` among those completing one column to target `t`:
/// by count `m`, then centre values, then index in the cell.
fn within<C: Count>(
    t: &Centred,
    column: &Column,
    r: i64,
    n: i64,
    counts: &[C],
    mut rank: i128,
) -> Drawn {
    let (d, first, _) = t.centre_range(column.sum, r);
    for (m, cell) in (column.m_lo..).zip(counts) {
        let cell = i128::from(cell.wide());
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
                cell: Cell {
                    m,
                    sum: column.sum,
                    squares: r,
                },
                index: (rank % cell) as u64,
                centre: [(e - d) / 2, n - m - e, (e + d) / 2],
            };
        }
        rank -= here;
    }
    Drawn::default()
}

/// Prefix sums over the count `m` of one column, from its lowest `m`: of
/// the count, of `m`·count and of the count at even `m` (they fit in i64:
/// see `plan`).
#[derive(Default)]
struct Prefix {
    m_lo: i64,
    count: Vec<i64>,
    moment: Vec<i64>,
    even: Vec<i64>,
}

impl Prefix {
    /// The prefix sums of one column; returns its total.
    fn fill<C: Count>(&mut self, column: &[C], m_lo: i64) -> i64 {
        self.m_lo = m_lo;
        for sums in [&mut self.count, &mut self.moment, &mut self.even] {
            sums.clear();
        }
        let (mut c, mut mc, mut even) = (0i64, 0i64, 0i64);
        for (m, f) in (m_lo..).zip(column) {
            let f = f.wide() as i64;
            c += f;
            mc += m * f;
            if m % 2 == 0 {
                even += f;
            }
            self.count.push(c);
            self.moment.push(mc);
            self.even.push(even);
        }
        c
    }

    /// The sum of `sums` over `m` from `a` to `b`.
    fn range(&self, a: i64, b: i64, sums: &[i64]) -> i128 {
        let (a, b) = (a.max(self.m_lo), b.min(self.m_lo + sums.len() as i64 - 1));
        if a > b {
            return 0;
        }
        let (a, b) = ((a - self.m_lo) as usize, (b - self.m_lo) as usize);
        i128::from(sums[b] - if a > 0 { sums[a - 1] } else { 0 })
    }
}

/// The samples completing one column (counts by `m` from `m_lo`, sum
/// `sum`, sum of squares `r`) to every target. With `κ = n − m` the cap on
/// `e`, a target admits the `e` in `first, first + 2, …, last` up to `κ`;
/// so the column's total is `Σ_m count(m) · G(n − m)`, where `G(κ)` counts
/// the admissible `e ≤ κ` over all targets. Each target's part of `G` is a
/// constant up to the lowest cap plus a staircase rising by one every
/// second cap from its first `e` above it to its last; so with `W(κ)`, the
/// sum over caps `κ' ≥ κ` of `count · (⌊(κ' − κ)/2⌋ + 1)`, it adds
/// `W(first) − W(last + 2)`. One pass over the counts builds `W`
/// (`weights`, reused between columns); each target then costs two
/// lookups.
fn column_total<C: Count>(
    counts: &[C],
    m_lo: i64,
    sum: i64,
    r: i64,
    n: i64,
    targets: &[Centred],
    weights: &mut Vec<i64>,
) -> i128 {
    let m_hi = m_lo + counts.len() as i64 - 1;
    let (k_lo, k_hi) = (n - m_hi, n - m_lo);
    if counts.is_empty() || k_hi < 0 {
        return 0;
    }
    // weights[i] = W(k_lo + i); two zeros past the highest cap.
    // Each count goes into the running total and into the staircase of its
    // cap's parity; all fit in i64, since a column's counts add up to at
    // most `most` (see `plan`).
    let len = counts.len();
    if weights.len() < len + 2 {
        weights.resize(len + 2, 0);
    }
    weights[len..len + 2].fill(0);
    let (mut all, mut staircase) = (0i64, [0i64; 2]);
    let mut pairs = counts.chunks_exact(2);
    for (pair, i) in pairs.by_ref().zip((1..len).rev().step_by(2)) {
        for (k, count) in pair.iter().enumerate() {
            all += count.wide() as i64;
            staircase[k] += all;
            weights[i - k] = staircase[k];
        }
    }
    if let [count] = pairs.remainder() {
        all += count.wide() as i64;
        weights[0] = staircase[0] + all;
    }
    let all = i128::from(all);
    let mut total = 0i128;
    for t in targets {
        let (_, first, last) = t.centre_range(sum, r);
        if first > last {
            continue;
        }
        // The e up to the lowest cap count for every m; the staircase
        // starts at the first e above it.
        let start = if first > k_lo {
            first
        } else {
            let top = last.min(k_lo);
            total += i128::from((top - first).div_euclid(2) + 1) * all;
            first + ((k_lo - first) / 2 + 1) * 2
        };
        let end = last.min(k_hi);
        if start <= end {
            let w = |k: i64| i128::from(weights[(k - k_lo) as usize]);
            total += w(start) - w(end + 2);
        }
    }
    total
}

/// The samples completing one column (sum `sum`, sum of squares `r`,
/// prefix sums over `m`) to target `t`.
fn completions(t: &Centred, sum: i64, r: i64, n: i64, prefix: &Prefix) -> i128 {
    let (d, first, last) = t.centre_range(sum, r);
    if first > last {
        return 0;
    }
    // m ≤ n − last: the cap n − m does not bind.
    let free = n - last;
    let mut result = prefix.range(0, free, &prefix.count) * i128::from((last - first) / 2 + 1);
    // n − last < m ≤ n − first: e runs from `first` to the largest value
    // ≤ n − m with the parity of d, i.e. (n − m − first − odd)/2 + 1 of
    // them, where odd is 1 when n − m − d is odd.
    let (a, b) = (free + 1, n - first);
    let total = prefix.range(a, b, &prefix.count);
    let weighted = prefix.range(a, b, &prefix.moment);
    let even = prefix.range(a, b, &prefix.even);
    // The counts at m whose parity differs from that of n − d.
    let mismatched = if (n - d).rem_euclid(2) == 0 {
        total - even
    } else {
        even
    };
    result += (i128::from(n - first + 2) * total - weighted - mismatched) / 2;
    result
}
