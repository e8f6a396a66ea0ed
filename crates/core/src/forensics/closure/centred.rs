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

use rayon::prelude::*;

use super::Closure;
use crate::error::Result;

/// Most cells (8 bytes each) the table may have: about 320 MB.
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
    if !fits(m_max, others.len()) {
        return None;
    }
    let sums = targets.iter().map(|t| t.sum);
    let window = (sums.clone().min()?, sums.max()?);
    let mut table = Table::new(r_max, m_max, window)?;
    for &u in &others {
        if let Err(e) = closure.interrupted() {
            return Some(Err(e));
        }
        table.add_value(u);
    }
    if let Err(e) = closure.interrupted() {
        return Some(Err(e));
    }
    Some(Ok(table.combine(&targets, n)))
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

/// Whether the table's numbers fit in 64 bits: a cell counts multisets of at
/// most `m_max` values from `values` kinds, of which there are
/// `C(m_max + v, v)`, and a column's prefix sums of `m · count` stay below
/// that times `(m_max + 1)²`.
fn fits(m_max: i64, values: usize) -> bool {
    let mut bound: u128 = 1;
    for i in 1..=values as u128 {
        bound = bound.saturating_mul(m_max as u128 + i) / i;
    }
    let rows = m_max as u128 + 1;
    bound.saturating_mul(rows * rows) < 1 << 62
}

/// Counts of multisets of the non-centre values, packed by sum of squares
/// `r`: for each `r`, the sums `T = low(r), low(r) + 2, …` (`width(r)` of
/// them), each a column of the counts `m = 0..=min(m_max, r/4)`, stored
/// contiguously so that both filling and combining walk memory in order.
///
/// Only sums that can still reach a target are kept: every later value, and
/// the centre values, move the sum by at most what they add to the sum of
/// squares, so `T` must lie within `r_max − r` of the targets' sums.
struct Table {
    r_max: i64,
    m_max: i64,
    lows: Vec<i64>,
    widths: Vec<usize>,
    offsets: Vec<usize>,
    cells: Vec<u64>,
}

/// The largest `|T|` with `T ≡ r (mod 2)` and `|T| ≤ r/2`; −1 when none.
fn half(r: i64) -> i64 {
    let t = r / 2;
    if (t - r).rem_euclid(2) == 0 { t } else { t - 1 }
}

impl Table {
    fn new(r_max: i64, m_max: i64, (t_min, t_max): (i64, i64)) -> Option<Self> {
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
        let mut cells = vec![0u64; size];
        // The empty multiset (r = 0, m = 0, T = 0), if it can reach a target.
        if widths[0] > 0 && lows[0] == 0 {
            cells[0] = 1;
        }
        Some(Table {
            r_max,
            m_max,
            lows,
            widths,
            offsets,
            cells,
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

    /// Adds any number of copies of the value `u` to every multiset: the
    /// unbounded-knapsack update, in increasing `r` so that copies chain.
    fn add_value(&mut self, u: i64) {
        let step = u * u;
        for r in step..=self.r_max {
            let from = r - step;
            let (w_to, w_from) = (self.width(r), self.width(from));
            if w_to == 0 || w_from == 0 {
                continue;
            }
            // Source index j' = j + shift for destination index j: both
            // hold the sum T at low + 2j, and the source's is T − u.
            let shift = (self.low(r) - u - self.low(from)) / 2;
            let j_lo = (-shift).max(0) as usize;
            let j_hi = (w_to as i64 - 1).min(w_from as i64 - 1 - shift);
            if j_hi < j_lo as i64 {
                continue;
            }
            let j_hi = j_hi as usize;
            let (rows_to, rows_from) = (Self::rows(self.m_max, r), Self::rows(self.m_max, from));
            let rows = rows_to.min(rows_from + 1);
            let (head, tail) = self.cells.split_at_mut(self.offsets[r as usize]);
            let source = &head[self.offsets[from as usize]..];
            for j in j_lo..=j_hi {
                // One more copy of u: m − 1 values at T − u become m at T.
                let dst = &mut tail[j * rows_to + 1..j * rows_to + rows];
                let start = (j as i64 + shift) as usize * rows_from;
                let src = &source[start..start + rows - 1];
                for (d, s) in dst.iter_mut().zip(src) {
                    *d += s;
                }
            }
        }
    }

    /// Completes every stored multiset with the centre values `−1, 0, 1`:
    /// for a target sum `T_t` and sums of squares `[lo, hi]`, the values ±1
    /// must add `d = T_t − T` to the sum and `e` to the sum of squares, with
    /// `e ≥ |d|`, `e ≡ d (mod 2)`, and `e ≤ n − m` so that the count of
    /// centre values `n − m − e` is not negative. Each such `e` is one sample.
    fn combine(&self, targets: &[Centred], n: i64) -> u128 {
        let total: i128 = (0..=self.r_max)
            .into_par_iter()
            .map(|r| self.combine_slab(r, targets, n))
            .sum();
        total as u128
    }

    /// [`Table::combine`] for the multisets with sum of squares `r`.
    fn combine_slab(&self, r: i64, targets: &[Centred], n: i64) -> i128 {
        let width = self.width(r);
        let rows = Self::rows(self.m_max, r);
        let slab = &self.cells[self.offsets[r as usize]..self.offsets[r as usize + 1]];
        let widest = targets.iter().map(|t| t.squares_hi - r).max().unwrap_or(0);
        if rows as i64 - 1 <= n - widest {
            // No count m here is large enough for the cap n − m to bind:
            // only each column's total over m matters.
            let columns: Vec<u128> = slab
                .chunks_exact(rows)
                .map(|column| column.iter().map(|&f| u128::from(f)).sum())
                .collect();
            let mut total = 0i128;
            for (j, &column) in columns.iter().enumerate() {
                if column == 0 {
                    continue;
                }
                let sum = self.low(r) + 2 * j as i64;
                let ways: i64 = targets.iter().map(|t| Self::full(t, sum, r)).sum();
                total += column as i128 * i128::from(ways);
            }
            return total;
        }
        // Prefix sums over m of the count, of m·count and of the count at
        // even m (they fit in i64: see `fits`).
        let mut prefix = Prefix {
            count: vec![0; rows],
            moment: vec![0; rows],
            even: vec![0; rows],
        };
        let mut total = 0;
        for j in 0..width {
            let (mut c, mut mc, mut even) = (0i64, 0i64, 0i64);
            for m in 0..rows {
                let f = slab[j * rows + m] as i64;
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
            let sum = self.low(r) + 2 * j as i64;
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
