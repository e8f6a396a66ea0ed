//! Mann–Whitney U: which values a report can take (GRIM-U), and its
//! p-values, exact and approximate.
//!
//! With group sizes `n1` and `n2`, U counts the pairs in which the first
//! group's value is larger, a tie counting one half. So U is an integer
//! from 0 to `n1·n2` without ties, and a multiple of one half with them: a
//! reported U is consistent only if such a value rounds to it.
//!
//! Its p-value depends on how it was computed, and papers rarely say, so
//! each of the three ways software does it is tried:
//! - `exact`: the exact null distribution of U without ties (R's
//!   `wilcox.test` for samples under 50, SPSS's "exact"), counted in
//!   doubles by adding only positive numbers, for `n1·n2` up to
//!   [`MAX_EXACT`]; the two-sided p is `min(1, 2 · min(P(U ≤ u), P(U ≥ u)))`.
//! - `normal`: `z = (U − n1·n2/2) / σ`, `σ² = n1·n2·(n1 + n2 + 1)/12`
//!   (SPSS's asymptotic p).
//! - `normal_cc`: the same with a continuity correction of one half
//!   towards the mean (R's default with ties or large samples).
//!
//! Ties shrink σ by an amount the report does not give; that correction is
//! not tried, so with ties a p from software can be a little smaller than
//! `normal`'s.
//!
//! ```
//! use ferrox::stats::ranks::{grim_u, GrimUOptions};
//! use ferrox::stats::apa::ReportedP;
//! // Without ties, U = 23 of 10 and 10 has exact p .0433, normal .0413, and
//! // normal with continuity correction .0452.
//! let no_ties = GrimUOptions { ties: false, ..Default::default() };
//! let p = ReportedP::parse("= .043")?;
//! let v = grim_u(&"23".parse()?, 10, 10, Some(&p), &no_ties)?;
//! assert!(v.u_consistency && v.p_consistency == Some(true));
//! assert_eq!(v.methods, "exact");
//! assert!(!grim_u(&"23.2".parse()?, 10, 10, None, &GrimUOptions::default())?.u_consistency);
//! # Ok::<(), ferrox::Error>(())
//! ```

use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::decimal::Decimal;
use crate::error::{Error, Result};
use crate::input::{MAX_N, at_row};
use crate::rounding::{Rounding, unround};
use crate::stats::apa::{ApaResult, ReportedP};
use crate::stats::pcheck::{POptions, PSet, reported_set};
use crate::stats::tails::normal_upper;

/// The largest `n1·n2` whose exact distribution is counted.
pub const MAX_EXACT: u64 = 10_000;

/// How GRIM-U reads a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GrimUOptions {
    /// How U and an `=` p were rounded, alpha and the rest of a p check.
    pub p: POptions,
    /// Whether the data may have ties (then U may be a half-integer and
    /// the exact distribution does not apply).
    pub ties: bool,
}

impl Default for GrimUOptions {
    fn default() -> Self {
        GrimUOptions {
            p: POptions::default(),
            ties: true,
        }
    }
}

/// GRIM-U's verdict on one report.
#[derive(Debug, Clone, PartialEq)]
pub struct GrimU {
    /// Whether a U the groups can give rounds to the report.
    pub u_consistency: bool,
    /// Whether some such U's p-value, by some method, is compatible with
    /// the reported p; `None` without a p.
    pub p_consistency: Option<bool>,
    /// The methods under which the p fits (`exact`, `normal`,
    /// `normal_cc`, comma-separated), or that were tried when none fits.
    pub methods: String,
    /// p at the reported U by the normal approximation.
    pub computed_p: f64,
    /// The smallest p over the attainable U (all methods).
    pub p_low: f64,
    /// The largest.
    pub p_high: f64,
}

/// Tests a reported U (and optionally its p) against group sizes `n1` and
/// `n2`.
///
/// ```
/// use ferrox::stats::{apa::ReportedP, ranks::{grim_u, GrimUOptions}};
/// let p = ReportedP::parse(".04")?;
/// let v = grim_u(&"23".parse()?, 10, 10, Some(&p), &GrimUOptions::default())?;
/// assert_eq!((v.u_consistency, v.p_consistency), (true, Some(true)));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grim_u(
    u: &Decimal,
    n1: u64,
    n2: u64,
    p: Option<&ReportedP>,
    options: &GrimUOptions,
) -> Result<GrimU> {
    let sizes = Sizes::new(n1, n2)?;
    sizes.check_value(*u)?;
    let attainable = sizes.attainable(u, &options.p.rounding, options.ties)?;
    let u_consistency = attainable.is_some();
    // Without an attainable U, the p is judged over the rounding interval.
    let (first, last) = match attainable {
        Some((a, b)) => (a as f64 / 2.0, b as f64 / 2.0),
        None => {
            let b = unround(u, &options.p.rounding)?;
            (
                b.lower.to_f64().max(0.0),
                b.upper.to_f64().min(sizes.product() as f64),
            )
        }
    };
    let reported = p.map(|p| reported_set(p, &options.p)).transpose()?;
    let mut fits = Vec::new();
    let mut tried = Vec::new();
    let (mut p_low, mut p_high) = (f64::INFINITY, f64::NEG_INFINITY);
    for method in Method::ALL {
        let Some((low, high)) = sizes.p_range(method, first, last, attainable)? else {
            continue;
        };
        tried.push(method.name());
        (p_low, p_high) = (p_low.min(low), p_high.max(high));
        if reported.is_some_and(|r: PSet| r.meets(low, high)) {
            fits.push(method.name());
        }
    }
    let p_consistency = reported.map(|_| !fits.is_empty());
    let methods = if fits.is_empty() { tried } else { fits }.join(",");
    Ok(GrimU {
        u_consistency,
        p_consistency,
        methods,
        computed_p: sizes.normal(u.to_f64(), false),
        p_low,
        p_high,
    })
}

/// One reported U: the value as written, the group sizes, and the p if
/// one was reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GrimUCase {
    /// U as written.
    pub u: Decimal,
    /// The first group's size.
    pub n1: u64,
    /// The second group's size.
    pub n2: u64,
    /// The reported p, if any.
    pub p: Option<ReportedP>,
}

/// [`grim_u`] over many cases, in parallel; an error names its row
/// (counting from 1).
///
/// ```
/// use ferrox::stats::ranks::{grim_u_map, GrimUCase, GrimUOptions};
/// let case = |u: &str| Ok::<_, ferrox::Error>(GrimUCase { u: u.parse()?, n1: 10, n2: 10, p: None });
/// let verdicts = grim_u_map(&[case("23")?, case("23.2")?], &GrimUOptions::default())?;
/// assert_eq!((verdicts[0].u_consistency, verdicts[1].u_consistency), (true, false));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn grim_u_map(cases: &[GrimUCase], options: &GrimUOptions) -> Result<Vec<GrimU>> {
    cases
        .par_iter()
        .enumerate()
        .map(|(row, c)| {
            grim_u(&c.u, c.n1, c.n2, c.p.as_ref(), options).map_err(at_row(cases.len(), row))
        })
        .collect()
}

/// The p check of a reported U or W: GRIM-U with the report's p.
pub(crate) fn check_report(result: &ApaResult, options: &POptions) -> Result<GrimU> {
    let size = |df: Option<Decimal>, name: &'static str| -> Result<u64> {
        let df = df.ok_or_else(|| {
            Error::invalid(
                name,
                format!(
                    "a {} test needs the group sizes n1 and n2 (df1 and df2)",
                    result.test
                ),
            )
        })?;
        u64::try_from(df.mantissa())
            .ok()
            .filter(|&n| df.scale() == 0 && n >= 1)
            .ok_or_else(|| {
                Error::invalid(
                    name,
                    format!("a group size is a whole number of at least 1, not {df}"),
                )
            })
    };
    let options = GrimUOptions {
        p: *options,
        ties: true,
    };
    grim_u(
        &result.value,
        size(result.df1, "df1")?,
        size(result.df2, "df2")?,
        Some(&result.p),
        &options,
    )
}

/// The two-sided exact p-value of `U = u` without ties (R's
/// `wilcox.test(exact = TRUE)`).
///
/// ```
/// use ferrox::stats::ranks::exact_p;
/// assert!((exact_p(23, 10, 10)? - 0.043_257_052_54).abs() < 1e-11);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn exact_p(u: u64, n1: u64, n2: u64) -> Result<f64> {
    let sizes = Sizes::new(n1, n2)?;
    if u > sizes.product() {
        return Err(Error::invalid(
            "value",
            format!("U is at most n1·n2 = {}", sizes.product()),
        ));
    }
    Ok(sizes.exact()?.p(u))
}

/// The two-sided normal-approximation p-value of U, with or without a
/// continuity correction.
///
/// ```
/// use ferrox::stats::ranks::normal_p;
/// assert!((normal_p(23.0, 10, 10, false)? - 0.041_250_016_59).abs() < 1e-11);
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn normal_p(u: f64, n1: u64, n2: u64, corrected: bool) -> Result<f64> {
    let sizes = Sizes::new(n1, n2)?;
    Ok(sizes.normal(u, corrected))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Exact,
    Normal,
    NormalCorrected,
}

impl Method {
    const ALL: [Method; 3] = [Method::Exact, Method::Normal, Method::NormalCorrected];

    fn name(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::Normal => "normal",
            Method::NormalCorrected => "normal_cc",
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Sizes {
    n1: u64,
    n2: u64,
}

impl Sizes {
    fn new(n1: u64, n2: u64) -> Result<Self> {
        for (n, name) in [(n1, "n1"), (n2, "n2")] {
            if n == 0 {
                return Err(Error::invalid(name, "a group size must be at least 1"));
            }
        }
        if n1.checked_mul(n2).is_none_or(|p| p > MAX_N) {
            return Err(Error::invalid("n1", "n1·n2 must be below 2^53"));
        }
        Ok(Sizes { n1, n2 })
    }

    fn product(self) -> u64 {
        self.n1 * self.n2
    }

    fn check_value(self, u: Decimal) -> Result<()> {
        let max = Decimal::new(i128::from(self.product()), 0);
        if u.mantissa() < 0 || u.cmp_value(&max).is_gt() {
            return Err(Error::invalid(
                "value",
                format!("U lies between 0 and n1·n2 = {}, not {u}", self.product()),
            ));
        }
        Ok(())
    }

    /// The attainable U that round to `u`, as doubled values `(first,
    /// last)`.
    fn attainable(
        self,
        u: &Decimal,
        rounding: &Rounding,
        ties: bool,
    ) -> Result<Option<(u64, u64)>> {
        let b = unround(u, rounding)?;
        let step = if ties { 1 } else { 2 };
        let Some((first, last)) = b.integers_over(2)? else {
            return Ok(None);
        };
        let first = first.max(0);
        let last = last.min(2 * i128::from(self.product()));
        let first = first + (first.rem_euclid(step));
        let last = last - last.rem_euclid(step);
        Ok((first <= last).then_some((first as u64, last as u64)))
    }

    /// The p range of a method over U in `[first, last]`; `None` where the
    /// method does not apply.
    fn p_range(
        self,
        method: Method,
        first: f64,
        last: f64,
        attainable: Option<(u64, u64)>,
    ) -> Result<Option<(f64, f64)>> {
        let mean = self.product() as f64 / 2.0;
        // p is largest at the U nearest the mean and smallest farthest out.
        let nearest = mean.max(first).min(last);
        let farthest = if (first - mean).abs() > (last - mean).abs() {
            first
        } else {
            last
        };
        Ok(match method {
            Method::Exact => {
                let Some((a, b)) = attainable else {
                    return Ok(None);
                };
                if self.product() > MAX_EXACT {
                    return Ok(None);
                }
                // Whole U only: half-integers need ties, which the exact
                // distribution excludes.
                let (a, b) = (a.div_ceil(2), b / 2);
                if a > b {
                    return Ok(None);
                }
                let dist = self.exact()?;
                let near = (mean.round() as u64).max(a).min(b);
                let far = if (a as f64 - mean).abs() > (b as f64 - mean).abs() {
                    a
                } else {
                    b
                };
                Some((dist.p(far), dist.p(near)))
            }
            Method::Normal => Some((self.normal(farthest, false), self.normal(nearest, false))),
            Method::NormalCorrected => {
                Some((self.normal(farthest, true), self.normal(nearest, true)))
            }
        })
    }

    fn normal(self, u: f64, corrected: bool) -> f64 {
        let (n1, n2) = (self.n1 as f64, self.n2 as f64);
        let sigma = (n1 * n2 * (n1 + n2 + 1.0) / 12.0).sqrt();
        let mut d = (u - n1 * n2 / 2.0).abs();
        if corrected {
            d = (d - 0.5).max(0.0);
        }
        (2.0 * normal_upper(d / sigma).unwrap_or(f64::NAN)).min(1.0)
    }

    fn exact(self) -> Result<Arc<Exact>> {
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let key = (self.n1.min(self.n2), self.n1.max(self.n2));
        if self.product() > MAX_EXACT {
            return Err(Error::Unsupported(format!(
                "the exact distribution of U is counted for n1·n2 up to {MAX_EXACT}, not {}",
                self.product()
            )));
        }
        let cache = CACHE.get_or_init(Default::default);
        if let Some(found) = cache
            .lock()
            .map_err(|_| Error::Internal("U cache poisoned".into()))?
            .get(&key)
        {
            return Ok(Arc::clone(found));
        }
        let dist = Arc::new(Exact::new(key.0, key.1));
        let mut map = cache
            .lock()
            .map_err(|_| Error::Internal("U cache poisoned".into()))?;
        if map.len() >= 256 {
            map.clear();
        }
        map.insert(key, Arc::clone(&dist));
        Ok(dist)
    }
}

/// Exact distributions already counted, by (smaller, larger) group size.
type Cache = Mutex<FxHashMap<(u64, u64), Arc<Exact>>>;

/// The exact null distribution of U, as cumulative probabilities from
/// both ends.
#[derive(Debug)]
struct Exact {
    /// `lower[u] = P(U ≤ u)`.
    lower: Vec<f64>,
    /// `upper[u] = P(U ≥ u)`.
    upper: Vec<f64>,
}

impl Exact {
    /// Counts arrangements by the q-Pascal rule: with `i` and `j` values
    /// left, the largest belongs to the first group (adding `j` to U) or to
    /// the second; only sums of positive counts, so each count keeps its
    /// relative precision.
    fn new(n1: u64, n2: u64) -> Self {
        let (n1, n2) = (n1 as usize, n2 as usize);
        // counts[i] is the distribution for sizes (i, j) as j grows.
        let mut counts: Vec<Vec<f64>> = vec![vec![1.0]; n1 + 1];
        for j in 1..=n2 {
            for i in 1..=n1 {
                let mut next = vec![0.0; i * j + 1];
                for (u, c) in counts[i].iter().enumerate() {
                    next[u] += c;
                }
                for (u, c) in counts[i - 1].iter().enumerate() {
                    next[u + j] += c;
                }
                counts[i] = next;
            }
        }
        let f = counts.pop().unwrap_or_default();
        let total: f64 = f.iter().sum();
        let running = |it: &mut dyn Iterator<Item = &f64>| {
            let mut acc = 0.0;
            it.map(|c| {
                acc += c;
                acc / total
            })
            .collect::<Vec<f64>>()
        };
        let lower = running(&mut f.iter());
        let mut upper = running(&mut f.iter().rev());
        upper.reverse();
        Exact { lower, upper }
    }

    fn p(&self, u: u64) -> f64 {
        let u = u as usize;
        (2.0 * self.lower[u].min(self.upper[u])).min(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Brute force: U over every split of 1..=n1+n2.
    fn brute(n1: usize, n2: usize) -> Vec<f64> {
        let n = n1 + n2;
        let mut f = vec![0.0; n1 * n2 + 1];
        for mask in 0u32..(1 << n) {
            if mask.count_ones() as usize != n1 {
                continue;
            }
            let mut u = 0;
            let mut seen_second = 0;
            for k in 0..n {
                if mask >> k & 1 == 1 {
                    u += seen_second;
                } else {
                    seen_second += 1;
                }
            }
            f[u] += 1.0;
        }
        f
    }

    #[test]
    fn exact_counts_match_brute_force() {
        for (n1, n2) in [(1, 1), (2, 3), (4, 4), (3, 7), (5, 6)] {
            let f = brute(n1, n2);
            let total: f64 = f.iter().sum();
            let dist = Exact::new(n1 as u64, n2 as u64);
            let mut acc = 0.0;
            for (u, c) in f.iter().enumerate() {
                acc += c;
                assert!((dist.lower[u] - acc / total).abs() < 1e-15);
            }
        }
    }

    #[test]
    fn attainable_values_are_whole_or_half() -> Result<()> {
        let s = Sizes::new(4, 5)?;
        let r = Rounding::default();
        assert_eq!(s.attainable(&"7.5".parse()?, &r, true)?, Some((15, 15)));
        assert_eq!(s.attainable(&"7.5".parse()?, &r, false)?, None);
        assert_eq!(s.attainable(&"7".parse()?, &r, false)?, Some((14, 14)));
        assert_eq!(s.attainable(&"7.2".parse()?, &r, true)?, None);
        assert_eq!(s.attainable(&"20".parse()?, &r, true)?, Some((39, 40)));
        assert_eq!(s.attainable(&"20".parse()?, &r, false)?, Some((40, 40)));
        Ok(())
    }
}
