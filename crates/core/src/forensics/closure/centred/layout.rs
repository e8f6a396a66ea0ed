//! Where each cell of the counting table lives.

use std::ops::Range;

use super::table::Count;

/// Cells count the multisets of the non-centre values (`|u| ≥ 2`) by their
/// number `m`, sum `T` and sum of squares `r`, packed by `r`: each slab `r`
/// holds the sums `T = low(r), low(r) + 2, …` (`width(r)` of them), each a
/// column of the counts `m` from `m_lo(r, T)` to `min(m_max, r/4)`, stored
/// contiguously so that filling and combining walk memory in order.
///
/// Only cells that can hold a multiset and still reach a target are kept.
/// Every value has `u² ≥ 4` (so `m ≤ r/4`) and `u² ≤ u_max²` (so
/// `m ≥ r/u_max²`); by Cauchy–Schwarz `T² ≤ m·r`; and every later value,
/// and the centre values, move the sum by at most what they add to the sum
/// of squares, so `T` lies within `r_max − r` of the targets' sums. A cell
/// outside these bounds counts nothing, and neither does the cell one value
/// below it, so the table's updates never need one.
pub(super) struct Layout {
    pub(super) r_max: i64,
    lows: Vec<i64>,
    widths: Vec<usize>,
    /// The index of each slab's first column (one more entry at the end).
    first_column: Vec<usize>,
    /// Each column's first cell (one more entry at the end).
    starts: Vec<usize>,
    /// Each column's lowest `m`.
    m_lows: Vec<i64>,
}

/// One column of a slab: the multisets with sum `sum`, counts `m` from
/// `m_lo` on, in the cells `cells`.
#[derive(Debug, Clone)]
pub(super) struct Column {
    pub(super) sum: i64,
    pub(super) m_lo: i64,
    pub(super) cells: std::ops::Range<usize>,
}

/// Most columns a layout may index: 16 bytes each, 128 MB in all.
const MAX_COLUMNS: usize = 8_000_000;

/// The bounds that decide each slab's sums and each column's counts.
struct Slabs {
    r_max: i64,
    m_max: i64,
    u_max: i64,
    window: (i64, i64),
}

impl Slabs {
    /// Slab `r`'s lowest sum and number of sums.
    fn sums(&self, r: i64) -> (i64, usize) {
        let (t_min, t_max) = self.window;
        let lo = (-half(r)).max(t_min - (self.r_max - r));
        let lo = lo + (r - lo).rem_euclid(2);
        let hi = half(r).min(t_max + (self.r_max - r));
        let hi = hi - (hi - r).rem_euclid(2);
        let width = if hi >= lo {
            ((hi - lo) / 2 + 1) as usize
        } else {
            0
        };
        (lo, width)
    }

    fn m_hi(&self, r: i64) -> i64 {
        self.m_max.min(r / 4)
    }

    /// The lowest count `m` of the column with sum `t` in slab `r`.
    fn m_lo(&self, r: i64, t: i64) -> i64 {
        let u2 = self.u_max * self.u_max;
        let by_spread = (r + u2 - 1) / u2.max(1);
        let by_sum = if r == 0 { 0 } else { (t * t + r - 1) / r };
        by_spread.max(by_sum).min(self.m_hi(r) + 1)
    }

    /// The number of cells of that column.
    fn height(&self, r: i64, t: i64) -> usize {
        (self.m_hi(r) - self.m_lo(r, t) + 1) as usize
    }
}

/// The largest `|T|` with `T ≡ r (mod 2)` and `|T| ≤ r/2`; −1 when none.
fn half(r: i64) -> i64 {
    let t = r / 2;
    if (t - r).rem_euclid(2) == 0 { t } else { t - 1 }
}

impl Layout {
    /// The layout for values up to `u_max` in absolute value and sums
    /// within `window` (the targets' sums); `None` when the table would
    /// have more than `max_cells` cells or its index more than
    /// [`MAX_COLUMNS`] columns. Both are known after a first pass that
    /// allocates nothing and stops at either limit.
    pub(super) fn new(
        r_max: i64,
        m_max: i64,
        u_max: i64,
        window: (i64, i64),
        max_cells: usize,
    ) -> Option<Self> {
        if r_max as usize >= max_cells {
            return None;
        }
        let slabs = Slabs {
            r_max,
            m_max,
            u_max,
            window,
        };
        let (mut size, mut columns) = (0usize, 0usize);
        for r in 0..=r_max {
            let (lo, width) = slabs.sums(r);
            columns += width;
            size += (0..width as i64)
                .map(|j| slabs.height(r, lo + 2 * j))
                .sum::<usize>();
            if size > max_cells || columns > MAX_COLUMNS {
                return None;
            }
        }
        let count = r_max as usize + 1;
        let mut layout = Layout {
            r_max,
            lows: Vec::with_capacity(count),
            widths: Vec::with_capacity(count),
            first_column: Vec::with_capacity(count + 1),
            starts: Vec::with_capacity(columns + 1),
            m_lows: Vec::with_capacity(columns),
        };
        let mut size = 0usize;
        for r in 0..=r_max {
            let (lo, width) = slabs.sums(r);
            layout.lows.push(lo);
            layout.widths.push(width);
            layout.first_column.push(layout.starts.len());
            for j in 0..width as i64 {
                let t = lo + 2 * j;
                layout.starts.push(size);
                layout.m_lows.push(slabs.m_lo(r, t));
                size += slabs.height(r, t);
            }
        }
        layout.first_column.push(layout.starts.len());
        layout.starts.push(size);
        Some(layout)
    }

    pub(super) fn size(&self) -> usize {
        self.starts[self.starts.len() - 1]
    }

    /// The cells of slab `r`.
    pub(super) fn slab(&self, r: i64) -> std::ops::Range<usize> {
        let r = r as usize;
        self.starts[self.first_column[r]]..self.starts[self.first_column[r + 1]]
    }

    /// Slabs `from..=to` of `cells`, the table's cells from slab `from` on,
    /// each as its own slice, to be updated in parallel.
    pub(super) fn slabs_mut<'a, C>(
        &self,
        cells: &'a mut [C],
        from: i64,
        to: i64,
    ) -> Vec<(i64, &'a mut [C])> {
        let mut rest = &mut cells[..self.slab(to).end - self.slab(from).start];
        let mut slabs = Vec::with_capacity((to - from + 1) as usize);
        for r in from..=to {
            let (slab, more) = std::mem::take(&mut rest).split_at_mut(self.slab(r).len());
            slabs.push((r, slab));
            rest = more;
        }
        slabs
    }

    fn column_at(&self, r: i64, j: usize) -> Column {
        let c = self.first_column[r as usize] + j;
        Column {
            sum: self.lows[r as usize] + 2 * j as i64,
            m_lo: self.m_lows[c],
            cells: self.starts[c]..self.starts[c + 1],
        }
    }

    /// The columns of slab `r`, by increasing sum.
    pub(super) fn columns(&self, r: i64) -> impl Iterator<Item = Column> + '_ {
        (0..self.widths[r as usize]).map(move |j| self.column_at(r, j))
    }

    /// The cell of `m` multisets with sum `t` and sum of squares `r`.
    pub(super) fn cell(&self, m: i64, t: i64, r: i64) -> Option<usize> {
        if !(0..=self.r_max).contains(&r) {
            return None;
        }
        let j = t - self.lows[r as usize];
        if j < 0 || j % 2 != 0 || j / 2 >= self.widths[r as usize] as i64 {
            return None;
        }
        let column = self.column_at(r, (j / 2) as usize);
        let i = m - column.m_lo;
        (i >= 0 && (i as usize) < column.cells.len()).then(|| column.cells.start + i as usize)
    }

    /// Applies `op` to each cell of slab `r` (`slab`) and the cell of slab
    /// `r − u²` holding the same multisets less one `u` (in `earlier`, the
    /// cells before the slab's band).
    pub(super) fn pair_with<C: Count>(
        &self,
        slab: &mut [C],
        r: i64,
        u: i64,
        earlier: &[C],
        op: impl Fn(&mut C, C),
    ) {
        let start = self.slab(r).start;
        for (cells, source) in self.pairs(r, u) {
            let to = &mut slab[cells.start - start..cells.end - start];
            for (d, s) in to.iter_mut().zip(&earlier[source..]) {
                op(d, *s);
            }
        }
    }

    /// The cells of slab `r` whose multisets less one `u` are in the table,
    /// a run per column in increasing order, each with the first cell of
    /// slab `r − u²` that its run reads from.
    pub(super) fn pairs(&self, r: i64, u: i64) -> impl Iterator<Item = (Range<usize>, usize)> + '_ {
        let below = r - u * u;
        let (j_lo, j_hi, shift) = if below < 0 {
            (1, 0, 0)
        } else {
            // Source column j' = j + shift for destination column j: both
            // hold the sum T at low + 2j, and the source's is T − u.
            let shift = (self.lows[r as usize] - u - self.lows[below as usize]) / 2;
            let w_from = self.widths[below as usize] as i64;
            (
                (-shift).max(0),
                (self.widths[r as usize] as i64 - 1).min(w_from - 1 - shift),
                shift,
            )
        };
        (j_lo..=j_hi).filter_map(move |j| {
            let dst = self.column_at(r, j as usize);
            let src = self.column_at(below, (j + shift) as usize);
            // One more copy of u: m − 1 values at T − u become m at T.
            let m_lo = dst.m_lo.max(src.m_lo + 1);
            let m_hi =
                (dst.m_lo + dst.cells.len() as i64).min(src.m_lo + src.cells.len() as i64 + 1);
            (m_hi > m_lo).then(|| {
                let first = dst.cells.start + (m_lo - dst.m_lo) as usize;
                (
                    first..first + (m_hi - m_lo) as usize,
                    src.cells.start + (m_lo - 1 - src.m_lo) as usize,
                )
            })
        })
    }
}
