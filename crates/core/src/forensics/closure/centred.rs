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
use crate::error::Result;

/// Most cells the table may have: 320 MB at 8 bytes a cell, 160 MB at 4.
const MAX_CELLS: usize = 40_000_000;

/// The number of samples, or `None` when this method does not apply (fewer
/// than three scale values, or a table too large or counts too large for it);
/// the caller then counts by recursion.
pub(super) fn count(closure: &Closure) -> Option<Result<u128>> {
    let (n, k) = (closure.n, closure.top);
    if k < 2 || closure.targets.is_empty() {
        return None;
    }
    // Targets in z = y − scale_min·items: S_z = n·K − S_w, Q_z = n·K² − 2K·S_w + Q_w.
    let (s_lo, s_hi) = (
        closure.targets.iter().map(|t| n * k - t.sum).min()?,
        closure.targets.iter().map(|t| n * k - t.sum).max()?,
    );
    let centre = ((s_lo + s_hi + n) / (2 * n)).clamp(1, k - 1);
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
        return Some(Ok(0));
    }
    let m_max = n.min(r_max / 4);
    let others: Vec<i64> = (-centre..=k - centre).filter(|u| u.abs() >= 2).collect();
    let layout = Layout::new(r_max, m_max, window(&targets)?)?;
    // A cell counts some of the multisets with its sum of squares, so the
    // most there are for any one sum of squares bounds every cell, and a
    // column's prefix sums of `m · count` stay below it times `m_max + 1`.
    let most = most_multisets(&others, r_max);
    if most.saturating_mul(m_max as u128 + 1) >= 1 << 62 {
        return None;
    }
    Some(if most <= u128::from(u32::MAX) {
        fill_and_combine::<u32>(closure, layout, &others, &targets)
    } else {
        fill_and_combine::<u64>(closure, layout, &others, &targets)
    })
}

fn window(targets: &[Centred]) -> Option<(i64, i64)> {
    let sums = targets.iter().map(|t| t.sum);
    Some((sums.clone().min()?, sums.max()?))
}

fn fill_and_combine<C: Count>(
    closure: &Closure,
    layout: Layout,
    others: &[i64],
    targets: &[Centred],
) -> Result<u128> {
    let mut table = Table::<C>::new(layout);
    for &u in others {
        closure.interrupted()?;
        table.add_value(u);
    }
    closure.interrupted()?;
    Ok(table.combine(targets, closure.n))
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
trait Count: Copy + Default + Send + Sync + std::ops::AddAssign {
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

    /// Slab `r` gains the multisets of slab `r − u²` with one more `u`.
    fn add_into<C: Count>(&self, slab: &mut [C], r: i64, u: i64, earlier: &[C]) {
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
                *d += *s;
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
    /// The `u²` slabs of each band read only earlier bands, so a band's
    /// slabs are filled in parallel.
    fn add_value(&mut self, u: i64) {
        let (layout, step) = (&self.layout, u * u);
        let split = if self.cells.len() >= PARALLEL_CELLS {
            1
        } else {
            usize::MAX
        };
        let mut band = step;
        while band <= layout.r_max {
            let end = (band + step - 1).min(layout.r_max);
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
                .for_each(|(r, slab)| layout.add_into(slab, r, u, earlier));
            band = end + 1;
        }
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
        for j in 0..width {
            let (mut c, mut mc, mut even) = (0i64, 0i64, 0i64);
            for m in 0..rows {
                let f = slab[j * rows + m].wide() as i64;
                c += f;
                mc += m as i64 * f;
                if m % 2 == 0 {
                    even += f;
                }
                prefix.count[m] = c;
                prefix.moment[m] = mc;
                prefix.even[m] = even;
            }
            if c == 0 {
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
