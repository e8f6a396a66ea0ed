//! Counting without keeping the table: slab by slab, in increasing sum of
//! squares, with each value's multisets kept only as far back as its square
//! reaches.
//!
//! The table after adding the values `u₁ … u_j` is `F_j = F_{j−1} + (F_j one
//! u_j lower)`, and one `u_j` lower is `u_j²` slabs back. So slab `r` of
//! every `F_j` follows from slab `r` of `F_{j−1}` and slab `r − u_j²` of
//! `F_j`: a ring of the last slabs per value holds all that is ever read
//! again, and each slab of the last table is combined with the centre values
//! as soon as it is complete. A few megabytes that stay in cache replace a
//! table of tens of megabytes written once per value. Slabs closer together
//! than the smallest `u²` do not depend on each other, so each band of that
//! many slabs is filled on all cores.

use std::ops::Range;

use rayon::prelude::*;

use super::Centred;
use super::layout::Layout;
use super::table::{Count, slab_total};
use crate::error::Result;
use crate::forensics::closure::Closure;

/// The number of samples: the multisets of `others` (at least one value) in
/// `layout`, completed with the centre values to each of `targets`.
pub(super) fn count<C: Count>(
    layout: &Layout,
    others: &[i64],
    targets: &[Centred],
    closure: &Closure,
) -> Result<u128> {
    // From a worker thread, so that each band's tasks are not sent into the
    // pool (and waited for) from outside it.
    rayon::scope(|_| count_bands::<C>(layout, others, targets, closure))
}

/// The most cells the rings hold at once.
pub(super) fn cells(layout: &Layout, others: &[i64]) -> usize {
    let (band, widest) = (band(others), widest(layout));
    others
        .iter()
        .map(|&u| slots(layout, u, band) * widest)
        .sum()
}

/// Slabs closer together than this are filled side by side.
fn band(others: &[i64]) -> i64 {
    others.iter().map(|u| u * u).min().unwrap_or(1)
}

/// The ring of value `u` holds the slabs `u²` back and the band being
/// filled, or every slab.
fn slots(layout: &Layout, u: i64, band: i64) -> usize {
    (u * u + band).min(layout.r_max + 1) as usize
}

fn widest(layout: &Layout) -> usize {
    (0..=layout.r_max)
        .map(|r| layout.slab(r).len())
        .max()
        .unwrap_or(0)
}

fn count_bands<C: Count>(
    layout: &Layout,
    others: &[i64],
    targets: &[Centred],
    closure: &Closure,
) -> Result<u128> {
    let (band, widest) = (band(others), widest(layout));
    let mut rings: Vec<Ring<C>> = others
        .iter()
        .map(|&u| Ring::new(u, slots(layout, u, band), widest))
        .collect();
    let mut total = 0i128;
    for first in (0..=layout.r_max).step_by(band as usize) {
        closure.interrupted()?;
        let mut slabs: Vec<(i64, Vec<Vec<C>>)> = (first..=(first + band - 1).min(layout.r_max))
            .map(|r| {
                let len = layout.slab(r).len();
                (r, rings.iter_mut().map(|ring| ring.take(r, len)).collect())
            })
            .collect();
        let held = &rings;
        total += slabs
            .par_iter_mut()
            .map(|(r, tables)| fill(layout, *r, held, tables, targets, closure.n))
            .sum::<i128>();
        for (r, tables) in slabs {
            for (ring, buffer) in rings.iter_mut().zip(tables) {
                ring.put(r, buffer);
            }
        }
    }
    Ok(total as u128)
}

/// Fills slab `r` of every table (`tables`, in the order of `rings`);
/// returns the samples the last table's cells complete.
fn fill<C: Count>(
    layout: &Layout,
    r: i64,
    rings: &[Ring<C>],
    tables: &mut [Vec<C>],
    targets: &[Centred],
    n: i64,
) -> i128 {
    let slab = layout.slab(r);
    for (j, ring) in rings.iter().enumerate() {
        let (done, rest) = tables.split_at_mut(j);
        let previous = done.last().map(|t| &t[..slab.len()]);
        let here = &mut rest[0][..slab.len()];
        let back = r - ring.value * ring.value;
        let (below, source_start) = if back >= 0 {
            (ring.slab(back), layout.slab(back).start)
        } else {
            (&[][..], 0)
        };
        // F_j = F_{j−1} (zero for the first value, but for the empty
        // multiset), plus F_j u² slabs back where a run reads it.
        let keep = |here: &mut [C], cells: Range<usize>| match previous {
            Some(previous) => here[cells.clone()].copy_from_slice(&previous[cells]),
            None => here[cells].fill(C::default()),
        };
        let mut copied = 0;
        for (cells, source) in layout.pairs(r, ring.value) {
            let (start, end) = (cells.start - slab.start, cells.end - slab.start);
            keep(here, copied..start);
            let from = &below[source - source_start..];
            match previous {
                Some(previous) => {
                    for ((d, p), s) in here[start..end]
                        .iter_mut()
                        .zip(&previous[start..end])
                        .zip(from)
                    {
                        *d = *p;
                        *d += *s;
                    }
                }
                None => here[start..end].copy_from_slice(&from[..end - start]),
            }
            copied = end;
        }
        keep(here, copied..slab.len());
        if r == 0 && previous.is_none() {
            if let Some(empty) = layout.cell(0, 0, 0) {
                here[empty] = C::ONE;
            }
        }
    }
    let last = tables.last().map_or(&[][..], |t| &t[..slab.len()]);
    slab_total(layout, r, last, targets, n, &mut Vec::new())
}

/// The last slabs of the table after adding `value`: the `u²` that later
/// slabs read and the band being filled (see [`slots`]).
struct Ring<C> {
    value: i64,
    slabs: Vec<Vec<C>>,
}

impl<C: Count> Ring<C> {
    /// `slots` slabs of up to `widest` cells, touched as slabs grow.
    fn new(value: i64, slots: usize, widest: usize) -> Self {
        Ring {
            value,
            slabs: (0..slots).map(|_| Vec::with_capacity(widest)).collect(),
        }
    }

    fn index(&self, r: i64) -> usize {
        r as usize % self.slabs.len()
    }

    /// Slab `r`'s cells (and perhaps more after them).
    fn slab(&self, r: i64) -> &[C] {
        &self.slabs[self.index(r)]
    }

    /// The buffer for slab `r`, of at least `len` cells, taken out while
    /// it is filled.
    fn take(&mut self, r: i64, len: usize) -> Vec<C> {
        let i = self.index(r);
        let mut buffer = std::mem::take(&mut self.slabs[i]);
        if buffer.len() < len {
            buffer.resize(len, C::default());
        }
        buffer
    }

    fn put(&mut self, r: i64, buffer: Vec<C>) {
        let i = self.index(r);
        self.slabs[i] = buffer;
    }
}
