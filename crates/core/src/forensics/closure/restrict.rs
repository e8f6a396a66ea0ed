//! Restrictions on how often values occur, as SPRITE takes them: values
//! placed in every sample up front, and values barred from the rest.
//!
//! A value that must occur at least `c` times is placed `c` times and the
//! search fills the other `n − c` values; one that must occur exactly `c`
//! times is also barred from them. Placing values shifts the sum and
//! sum-of-squares targets, so counting, listing and sampling are unchanged.

use super::{Closure, Target};
use crate::error::{Error, Result};
use crate::input::whole;

/// How often some scale values must occur in every sample.
///
/// ```
/// use ferrox::closure::Restrictions;
/// let r = Restrictions::default().exactly(3.0, 2).at_least(1.0, 1);
/// assert_eq!(r.exact, [(3.0, 2)]);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Restrictions {
    /// Values that occur exactly this many times.
    pub exact: Vec<(f64, u64)>,
    /// Values that occur at least this many times.
    pub minimum: Vec<(f64, u64)>,
}

impl Restrictions {
    /// These restrictions, and `value` exactly `count` times.
    ///
    /// ```
    /// use ferrox::closure::Restrictions;
    /// assert_eq!(Restrictions::default().exactly(7.0, 0).exact.len(), 1);
    /// ```
    pub fn exactly(mut self, value: f64, count: u64) -> Self {
        self.exact.push((value, count));
        self
    }

    /// These restrictions, and `value` at least `count` times.
    ///
    /// ```
    /// use ferrox::closure::Restrictions;
    /// assert_eq!(Restrictions::default().at_least(1.0, 2).minimum, [(1.0, 2)]);
    /// ```
    pub fn at_least(mut self, value: f64, count: u64) -> Self {
        self.minimum.push((value, count));
        self
    }

    /// These restrictions, and both ends of the scale at least once: what
    /// rsprite2 calls `restrictions_minimum = "range"`.
    ///
    /// ```
    /// use ferrox::closure::Restrictions;
    /// assert_eq!(Restrictions::default().range(1, 7).minimum, [(1.0, 1), (7.0, 1)]);
    /// ```
    pub fn range(self, scale_min: i64, scale_max: i64) -> Self {
        self.at_least(scale_min as f64, 1)
            .at_least(scale_max as f64, 1)
    }

    /// The front doors' form: (value, count) pairs with counts as doubles,
    /// and `range` for both scale ends at least once.
    ///
    /// ```
    /// use ferrox::closure::Restrictions;
    /// let r = Restrictions::from_args(&[(4.0, 2.0)], &[], true, 1, 7)?;
    /// assert_eq!(r.minimum, [(1.0, 1), (7.0, 1)]);
    /// assert!(Restrictions::from_args(&[(4.0, -2.0)], &[], false, 1, 7).is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn from_args(
        exact: &[(f64, f64)],
        minimum: &[(f64, f64)],
        range: bool,
        scale_min: i64,
        scale_max: i64,
    ) -> Result<Self> {
        let counts = |pairs: &[(f64, f64)], name: &'static str| {
            pairs
                .iter()
                .map(|&(value, c)| match whole(c, name)? {
                    c if c >= 0 => Ok((value, c as u64)),
                    _ => Err(Error::invalid(
                        name,
                        format!("the count of {value} is negative"),
                    )),
                })
                .collect::<Result<Vec<_>>>()
        };
        let restrictions = Restrictions {
            exact: counts(exact, "restrictions_exact")?,
            minimum: counts(minimum, "restrictions_minimum")?,
        };
        Ok(if range {
            restrictions.range(scale_min, scale_max)
        } else {
            restrictions
        })
    }

    /// Whether nothing is restricted.
    ///
    /// ```
    /// assert!(ferrox::closure::Restrictions::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.minimum.is_empty()
    }
}

impl Closure {
    /// The same problem restricted: only samples in which the values occur
    /// as `restrictions` say. Restrictions that contradict each other or `n`
    /// leave no sample; values off the scale are an error.
    pub(crate) fn restrict(self, restrictions: &Restrictions) -> Result<Self> {
        let k = self.top as usize + 1;
        let mut placed = vec![0u64; k];
        let mut excluded = vec![false; k];
        let mut seen = vec![false; k];
        let mut possible = true;
        for (name, list, exact) in [
            ("restrictions_exact", &restrictions.exact, true),
            ("restrictions_minimum", &restrictions.minimum, false),
        ] {
            seen.fill(false);
            for &(value, count) in list {
                let z = self.grid_index(value, name)?;
                if std::mem::replace(&mut seen[z], true) {
                    return Err(Error::invalid(name, format!("{value} is given twice")));
                }
                if exact {
                    placed[z] = count;
                    excluded[z] = true;
                } else if excluded[z] {
                    possible &= count <= placed[z];
                } else {
                    placed[z] = count;
                }
            }
        }
        let total: u64 = placed.iter().sum();
        if !possible || total > self.n as u64 {
            return Ok(Closure {
                targets: Vec::new(),
                ..self
            });
        }
        // The placed values in w = top − z: their count, sum and squares.
        let (mut sum, mut squares) = (0i64, 0i64);
        for (z, &c) in placed.iter().enumerate() {
            let w = self.top - z as i64;
            sum += c as i64 * w;
            squares += c as i64 * w * w;
        }
        let left = self.n - total as i64;
        let targets = self.shifted_targets(left, sum, squares);
        Ok(Closure {
            n: left,
            targets,
            placed: placed.into_iter().map(|c| c as u32).collect(),
            excluded: if excluded.contains(&true) {
                excluded
            } else {
                Vec::new()
            },
            known_count: Default::default(),
            ..self
        })
    }

    /// The targets of the `left` values still searched once values adding
    /// `sum` and `squares` are placed: shifted, clipped to what `left`
    /// values can reach, and dropped when empty.
    pub(super) fn shifted_targets(&self, left: i64, sum: i64, squares: i64) -> Vec<Target> {
        self.targets
            .iter()
            .filter_map(|t| {
                let target = Target {
                    sum: t.sum - sum,
                    squares_lo: (t.squares_lo - squares).max(0),
                    squares_hi: (t.squares_hi - squares).min(left * self.top * self.top),
                };
                let reachable = (0..=left * self.top).contains(&target.sum);
                (reachable && target.squares_lo <= target.squares_hi).then_some(target)
            })
            .collect()
    }

    /// The column of a scale value, checked to lie on the scale's grid.
    fn grid_index(&self, value: f64, name: &'static str) -> Result<usize> {
        let x = (value - self.scale_min as f64) * f64::from(self.items);
        let z = x.round();
        if !x.is_finite()
            || (x - z).abs() > 1e-9 * x.abs().max(1.0)
            || z < 0.0
            || z > self.top as f64
        {
            return Err(Error::invalid(
                name,
                format!(
                    "{value} is not a value of the scale ({} to {} in steps of 1/{})",
                    self.scale_min,
                    self.scale_min as f64 + self.top as f64 / f64::from(self.items),
                    self.items
                ),
            ));
        }
        Ok(z as usize)
    }

    /// Adds the placed copies of each scale value to a sample's frequencies.
    pub(crate) fn add_placed(&self, row: &mut [u32]) {
        row.iter_mut().zip(&self.placed).for_each(|(c, p)| *c += p);
    }

    /// Copies of the scale value `z` placed in every sample.
    pub(crate) fn placed(&self, z: usize) -> u32 {
        self.placed.get(z).copied().unwrap_or(0)
    }

    /// Whether the scale value `z` may still occur (beyond its placed copies).
    pub(crate) fn allows(&self, z: i64) -> bool {
        self.excluded.get(z as usize).is_none_or(|&barred| !barred)
    }
}
