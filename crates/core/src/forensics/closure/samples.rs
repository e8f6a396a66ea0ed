//! Listed samples and what is computed from them.

use rayon::prelude::*;

use crate::error::{Error, Result};

/// Listed samples: one frequency vector (count per scale value) per row.
///
/// ```
/// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
/// let d = Decimal::parse;
/// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
/// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
/// assert_eq!(samples.horns().len(), 1);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    values: Vec<f64>,
    frequencies: Vec<u32>,
    n: u64,
    count: u128,
}

/// How often one scale value occurs across the listed samples.
///
/// ```
/// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
/// let d = Decimal::parse;
/// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
/// let summary = Closure::new(&input)?.samples(None, 1 << 20)?.summary();
/// assert_eq!(summary[2].value, 3.0);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueSummary {
    /// The scale value.
    pub value: f64,
    /// Its fewest occurrences in a sample.
    pub min: u32,
    /// Its most occurrences in a sample.
    pub max: u32,
    /// Its mean number of occurrences.
    pub mean: f64,
}

impl Samples {
    /// What `Closure::samples` lists: `count` is the number of samples there
    /// are, which `frequencies` may hold fewer of.
    pub(crate) fn listed(values: Vec<f64>, frequencies: Vec<u32>, n: u64, count: u128) -> Self {
        Samples {
            values,
            frequencies,
            n,
            count,
        }
    }

    /// Samples from their parts, as a front door hands them back: each row
    /// of `frequencies` has one count per value and the counts add up to `n`.
    ///
    /// ```
    /// use ferrox::closure::Samples;
    /// let s = Samples::from_parts(vec![1.0, 2.0], vec![1, 2, 3, 0], 3)?;
    /// assert_eq!(s.sorted_values(), [1.0, 2.0, 2.0, 1.0, 1.0, 1.0]);
    /// assert!(Samples::from_parts(vec![1.0, 2.0], vec![1, 1], 3).is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn from_parts(values: Vec<f64>, frequencies: Vec<u32>, n: u64) -> Result<Self> {
        let k = values.len();
        let rows_ok = k > 0
            && frequencies.len() % k == 0
            && frequencies
                .chunks(k)
                .all(|row| row.iter().map(|&c| u64::from(c)).sum::<u64>() == n);
        if !rows_ok {
            return Err(Error::invalid(
                "frequencies",
                format!("each row must have {k} counts adding up to n = {n}"),
            ));
        }
        let count = (frequencies.len() / k) as u128;
        Ok(Samples {
            values,
            frequencies,
            n,
            count,
        })
    }

    /// The scale values, the columns of [`Samples::frequencies`].
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
    /// assert_eq!(samples.values(), [1.0, 2.0, 3.0, 4.0, 5.0]);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// All frequency vectors, row after row.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
    /// assert_eq!(samples.frequencies(), [0, 0, 6, 6, 0]);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn frequencies(&self) -> &[u32] {
        &self.frequencies
    }

    /// How many consistent samples there are, listed or not (`stop_after`
    /// may have kept fewer).
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
    /// assert_eq!(samples.count(), 1);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn count(&self) -> u128 {
        self.count
    }

    /// The sample size: values in each sample.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
    /// assert_eq!(samples.n(), 12);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.n
    }

    /// The frequency vectors, row after row, without a copy.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
    /// assert_eq!(samples.into_frequencies(), vec![0, 0, 6, 6, 0]);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn into_frequencies(self) -> Vec<u32> {
        self.frequencies
    }

    /// The number of samples.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
    /// assert_eq!(samples.len(), 1);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.frequencies.len() / self.values.len()
    }

    /// Whether there are none.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
    /// assert!(!samples.is_empty());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.frequencies.is_empty()
    }

    /// One sample's frequency vector.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
    /// assert_eq!(samples.row(0), [0, 0, 6, 6, 0]);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn row(&self, i: usize) -> &[u32] {
        let k = self.values.len();
        &self.frequencies[i * k..(i + 1) * k]
    }

    /// Each sample as its `n` values in ascending order, row after row.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
    /// assert_eq!(samples.sorted_values()[..7], [3.0; 6].iter().chain(&[4.0]).copied().collect::<Vec<_>>()[..]);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn sorted_values(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.len() * self.n as usize);
        for i in 0..self.len() {
            for (value, &c) in self.values.iter().zip(self.row(i)) {
                out.extend(std::iter::repeat_n(*value, c as usize));
            }
        }
        out
    }

    /// The horns index of each sample (as R unsum defines it): the variance
    /// of its values, weighted by relative frequency, over the largest
    /// variance the scale allows, `(max − min)² / 4`. 0 when every value is
    /// the same, 1 when half sit at each end.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let input = ClosureInput::new(Decimal::parse("3.0")?, Decimal::parse("2.31")?, 4, 1, 5)
    ///     .with_errors(Decimal::parse("0.05")?, Decimal::parse("0.05")?);
    /// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
    /// assert_eq!(samples.row(0), [2, 0, 0, 0, 2]);
    /// assert_eq!(samples.horns(), [1.0]);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn horns(&self) -> Vec<f64> {
        let (lo, hi) = (self.values[0], self.values[self.values.len() - 1]);
        let widest = (hi - lo) * (hi - lo) / 4.0;
        let n = self.n as f64;
        self.frequencies
            .par_chunks_exact(self.values.len())
            .with_min_len(4096)
            .map(|row| {
                let weighted = self.values.iter().zip(row);
                let mean: f64 = weighted
                    .clone()
                    .map(|(v, &c)| v * f64::from(c))
                    .sum::<f64>()
                    / n;
                let spread: f64 = weighted
                    .map(|(v, &c)| f64::from(c) / n * (v - mean) * (v - mean))
                    .sum();
                if widest == 0.0 { 0.0 } else { spread / widest }
            })
            .collect()
    }

    /// For each scale value: its fewest, most and mean occurrences.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let input = ClosureInput::new(d("3.5")?, d("0.5")?, 12, 1, 5).with_errors(d("0.05")?, d("0.05")?);
    /// let samples = Closure::new(&input)?.samples(None, 1 << 20)?;
    /// let summary = samples.summary();
    /// assert_eq!(summary.len(), 5);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn summary(&self) -> Vec<ValueSummary> {
        let rows = self.len().max(1) as f64;
        (0..self.values.len())
            .map(|j| {
                let column = (0..self.len()).map(|i| self.row(i)[j]);
                ValueSummary {
                    value: self.values[j],
                    min: column.clone().min().unwrap_or(0),
                    max: column.clone().max().unwrap_or(0),
                    mean: column.map(f64::from).sum::<f64>() / rows,
                }
            })
            .collect()
    }
}
