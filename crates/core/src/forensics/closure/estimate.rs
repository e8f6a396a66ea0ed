//! The number of samples where counting is out of reach, estimated by
//! sequential importance sampling, with its standard error.
//!
//! A trial builds one sample as the recursion would, choosing the count of
//! each value from the lowest scale value up, and weighs it by the inverse
//! of the probability of its choices; the last three values are counted in
//! closed form. The mean weight is an unbiased estimate of the count. The
//! choices follow the maximum-entropy model of the samples: independent
//! geometric counts tilted so that their expected count, sum and sum of
//! squares are the report's (a saddle point, found by Newton's method on
//! the convex dual). Each count is drawn from that value's geometric law
//! times the normal approximation of what the values still to come add,
//! which is a discrete normal in the count; candidates beyond twelve of its
//! standard deviations (relative mass below 1e-30) are not drawn, and the
//! rest are kept only where the recursion's exact bounds say a sample can
//! still be completed.

use rayon::prelude::*;

use super::Closure;
use crate::error::{Error, Result};
use crate::rng::Rng;

/// An estimated number of samples.
///
/// ```
/// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
/// let d = Decimal::parse;
/// let closure = Closure::new(&ClosureInput::new(d("3.5")?, d("1.2")?, 40, 1, 7))?;
/// let estimate = closure.estimate_count(2000, 1)?;
/// let exact = closure.count()? as f64;
/// assert!((estimate.value() - exact).abs() <= 5.0 * estimate.relative_error * exact);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CountEstimate {
    /// The base-10 logarithm of the estimate (counts may pass `f64::MAX`).
    pub log10: f64,
    /// The estimate's standard error relative to it.
    pub relative_error: f64,
    /// The trials it averages.
    pub trials: usize,
}

impl CountEstimate {
    /// The estimate itself (infinite beyond `f64::MAX`).
    ///
    /// ```
    /// let e = ferrox::closure::CountEstimate { log10: 3.0, relative_error: 0.01, trials: 10 };
    /// assert!((e.value() - 1000.0).abs() < 1e-9);
    /// ```
    pub fn value(&self) -> f64 {
        10f64.powf(self.log10)
    }
}

impl std::fmt::Display for CountEstimate {
    /// `about 1.23e45 (± 0.8%)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.log10 == f64::NEG_INFINITY {
            return write!(f, "none found in {} trials", self.trials);
        }
        let exponent = self.log10.floor();
        let mantissa = 10f64.powf(self.log10 - exponent);
        write!(
            f,
            "about {mantissa:.2}e{exponent} (± {:.1}%)",
            100.0 * self.relative_error
        )
    }
}

impl Closure {
    /// Estimates the number of samples from `trials` sequential importance
    /// samples (seeded; the same on every platform and thread count): for
    /// cases too large to count, whose counts may also be too large for
    /// 128 bits. See the module documentation of `estimate` for the method.
    ///
    /// ```
    /// use ferrox::{closure::{Closure, ClosureInput}, Decimal};
    /// let d = Decimal::parse;
    /// let closure = Closure::new(&ClosureInput::new(d("34.2")?, d("8.1")?, 150, 18, 80))?;
    /// let estimate = closure.estimate_count(200, 1)?;
    /// assert!(estimate.log10 > 30.0 && estimate.relative_error < 1.0);
    /// assert!(estimate.to_string().starts_with("about "));
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn estimate_count(&self, trials: usize, seed: u64) -> Result<CountEstimate> {
        if trials < 2 {
            return Err(Error::invalid(
                "trials",
                "an estimate needs at least 2 trials",
            ));
        }
        let none = CountEstimate {
            log10: f64::NEG_INFINITY,
            relative_error: 0.0,
            trials,
        };
        if self.targets.is_empty() {
            return Ok(none);
        }
        let model = Model::new(self)?;
        let logs = (0..trials)
            .into_par_iter()
            .map(|i| {
                self.interrupted()?;
                Ok(model.trial(self, &mut Rng::new(seed, i as u64)))
            })
            .collect::<Result<Vec<f64>>>()?;
        let top = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if top == f64::NEG_INFINITY {
            return Ok(none);
        }
        // Weights relative to the largest, so that none overflows.
        let scaled: Vec<f64> = logs.iter().map(|l| (l - top).exp()).collect();
        let m = trials as f64;
        let mean = scaled.iter().sum::<f64>() / m;
        let variance = scaled.iter().map(|w| (w - mean).powi(2)).sum::<f64>() / (m - 1.0);
        Ok(CountEstimate {
            log10: (top + mean.ln()) / std::f64::consts::LN_10,
            relative_error: (variance / m).sqrt() / mean,
            trials,
        })
    }
}

/// The tilted geometric model: each value's parameter `η_w` (its count is
/// geometric with `P(c) ∝ e^{−η_w c}`) and, for each level, the mean and
/// precision (inverse covariance) of (count, sum, sum of squares) over the
/// values below it.
struct Model {
    eta: Vec<f64>,
    /// Means and precisions of the values `0..level`, by level.
    below: Vec<([f64; 3], [[f64; 3]; 3])>,
    /// The report's sum and sum of squares, and their spread across targets.
    centre: [f64; 2],
}

impl Model {
    fn new(closure: &Closure) -> Result<Self> {
        let k = closure.top;
        let allowed: Vec<bool> = (0..=k).map(|w| closure.allows(k - w)).collect();
        let targets = &closure.targets;
        let mid = &targets[targets.len() / 2];
        let (s, q) = (
            mid.sum as f64,
            (mid.squares_lo as f64 + mid.squares_hi as f64) / 2.0,
        );
        let eta = tilt(closure.n as f64, s, q, &allowed)?;
        let (s_lo, s_hi) = (targets[0].sum as f64, targets[targets.len() - 1].sum as f64);
        let (q_lo, q_hi) = (mid.squares_lo as f64, mid.squares_hi as f64);
        let spread = [
            0.0,
            (s_hi - s_lo).powi(2) / 12.0,
            (q_hi - q_lo).powi(2) / 12.0,
        ];
        let mut below = Vec::with_capacity(k as usize + 2);
        let (mut mean, mut cov) = ([0.0; 3], [[0.0; 3]; 3]);
        for w in 0..=k + 1 {
            let mut c = cov;
            for (i, row) in c.iter_mut().enumerate() {
                row[i] += spread[i] + 1.0;
            }
            below.push((mean, invert(&c)));
            if w > k || !allowed[w as usize] {
                continue;
            }
            let (mu, var) = geometric(eta[w as usize]);
            let v = [1.0, w as f64, (w * w) as f64];
            for i in 0..3 {
                mean[i] += mu * v[i];
                for j in 0..3 {
                    cov[i][j] += var * v[i] * v[j];
                }
            }
        }
        Ok(Model {
            eta,
            below,
            centre: [s, q],
        })
    }

    /// The log of one trial's weight (−∞ when it ends where no sample
    /// can be completed).
    fn trial(&self, closure: &Closure, rng: &mut Rng) -> f64 {
        let (mut left, mut sum, mut squares) = (closure.n, 0i64, 0i64);
        let mut log_weight = 0.0;
        let mut probabilities = Vec::new();
        for level in (3..=closure.top).rev() {
            let range = closure.choices(level, left, sum);
            let (lo, hi) = (*range.start(), *range.end());
            if lo > hi {
                return f64::NEG_INFINITY;
            }
            let (mean, precision) = self.proposal(level, left, sum, squares);
            let (from, to) = if hi - lo <= 256 || precision <= 0.0 {
                (lo, hi)
            } else {
                let reach = (12.0 / precision.sqrt()).max(64.0);
                (
                    ((mean - reach).floor() as i64).clamp(lo, hi),
                    ((mean + reach).ceil() as i64).clamp(lo, hi),
                )
            };
            probabilities.clear();
            let feasible = closure.feasible_counts(level, left, sum, squares, (from, to));
            for (c, ok) in (from..).zip(feasible) {
                let x = c as f64 - mean;
                probabilities.push(if ok {
                    -0.5 * precision * x * x
                } else {
                    f64::NEG_INFINITY
                });
            }
            let top = probabilities
                .iter()
                .copied()
                .fold(f64::NEG_INFINITY, f64::max);
            if top == f64::NEG_INFINITY {
                return f64::NEG_INFINITY;
            }
            probabilities.iter_mut().for_each(|p| *p = (*p - top).exp());
            let total: f64 = probabilities.iter().sum();
            let mut u = unit(rng) * total;
            let mut pick = probabilities.len() - 1;
            for (i, p) in probabilities.iter().enumerate() {
                if u < *p {
                    pick = i;
                    break;
                }
                u -= p;
            }
            log_weight -= (probabilities[pick] / total).ln();
            let c = from + pick as i64;
            left -= c;
            sum += level * c;
            squares += level * level * c;
        }
        let base = closure.base_count(closure.top.min(2), left, sum, squares);
        if base == 0 {
            return f64::NEG_INFINITY;
        }
        log_weight + (base as f64).ln()
    }

    /// The proposal for the count `c` of value `level`: its geometric law
    /// times the normal density of what the values below must add. The log
    /// is quadratic in `c`: returns its peak and its precision (inverse
    /// variance).
    fn proposal(&self, level: i64, left: i64, sum: i64, squares: i64) -> (f64, f64) {
        let (mean, p) = &self.below[level as usize];
        let l = level as f64;
        let v = [1.0, l, l * l];
        let need = [
            left as f64 - mean[0],
            self.centre[0] - sum as f64 - mean[1],
            self.centre[1] - squares as f64 - mean[2],
        ];
        // log q(c) = −½ (need − c v)ᵀ P (need − c v) − η c.
        let pv: [f64; 3] = std::array::from_fn(|i| (0..3).map(|j| p[i][j] * v[j]).sum());
        let alpha: f64 = (0..3).map(|i| v[i] * pv[i]).sum();
        let beta: f64 = (0..3).map(|i| need[i] * pv[i]).sum::<f64>() - self.eta[level as usize];
        if alpha.is_nan() || alpha <= 0.0 {
            return (0.0, 0.0);
        }
        (beta / alpha, alpha)
    }
}

/// A uniform draw from `[0, 1)`.
fn unit(rng: &mut Rng) -> f64 {
    rng.below(1 << 53) as f64 / (1u64 << 53) as f64
}

/// The mean and variance of a geometric count with `P(c) ∝ e^{−η c}`.
fn geometric(eta: f64) -> (f64, f64) {
    let mu = eta.exp_m1().recip();
    (mu, mu * (1.0 + mu))
}

/// The parameters `η_w = a + b·x + g·x²` (`x = w / K`) of the geometric
/// counts whose expected count, sum and sum of squares are `n`, `s`, `q`:
/// the minimum of the convex `Λ(θ) + θ·(n, s, q)`, with `Λ` the log
/// partition function, by Newton's method with backtracking.
fn tilt(n: f64, s: f64, q: f64, allowed: &[bool]) -> Result<Vec<f64>> {
    let k = (allowed.len() - 1).max(1) as f64;
    let xs: Vec<f64> = (0..allowed.len()).map(|w| w as f64 / k).collect();
    let goal = [n, s / k, q / (k * k)];
    let etas =
        |t: &[f64; 3]| -> Vec<f64> { xs.iter().map(|x| t[0] + t[1] * x + t[2] * x * x).collect() };
    // The dual objective; +∞ outside the domain (every allowed η > 0).
    let objective = |t: &[f64; 3]| -> f64 {
        let mut total = t[0] * goal[0] + t[1] * goal[1] + t[2] * goal[2];
        for (eta, ok) in etas(t).into_iter().zip(allowed) {
            if *ok {
                if eta <= 0.0 {
                    return f64::INFINITY;
                }
                total -= (-(-eta).exp_m1()).ln();
            }
        }
        total
    };
    let values = allowed.iter().filter(|a| **a).count() as f64;
    let mut theta = [(1.0 + values / n.max(1.0)).ln(), 0.0, 0.0];
    let mut value = objective(&theta);
    for _ in 0..200 {
        let (mut grad, mut hess) = (goal, [[0.0; 3]; 3]);
        for ((eta, x), ok) in etas(&theta).into_iter().zip(&xs).zip(allowed) {
            if !ok {
                continue;
            }
            let (mu, var) = geometric(eta);
            let v = [1.0, *x, x * x];
            for i in 0..3 {
                grad[i] -= mu * v[i];
                for j in 0..3 {
                    hess[i][j] += var * v[i] * v[j];
                }
            }
        }
        let inverse = invert(&hess);
        let step: [f64; 3] =
            std::array::from_fn(|i| -(0..3).map(|j| inverse[i][j] * grad[j]).sum::<f64>());
        let decrease: f64 = -(0..3).map(|i| grad[i] * step[i]).sum::<f64>();
        if decrease.abs() < 1e-12 * (1.0 + value.abs()) {
            return Ok(etas(&theta));
        }
        let mut t = 1.0;
        loop {
            let next: [f64; 3] = std::array::from_fn(|i| theta[i] + t * step[i]);
            let candidate = objective(&next);
            if candidate <= value - 0.25 * t * decrease {
                theta = next;
                value = candidate;
                break;
            }
            t /= 2.0;
            if t < 1e-12 {
                return Ok(etas(&theta));
            }
        }
    }
    if value.is_finite() {
        Ok(etas(&theta))
    } else {
        Err(Error::Internal(
            "the model of the samples did not converge".into(),
        ))
    }
}

/// The inverse of a symmetric 3 × 3 matrix (by its adjugate), or zero when
/// it is singular.
fn invert(m: &[[f64; 3]; 3]) -> [[f64; 3]; 3] {
    let c = |i: usize, j: usize| {
        let (r0, r1) = ((i + 1) % 3, (i + 2) % 3);
        let (c0, c1) = ((j + 1) % 3, (j + 2) % 3);
        m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0]
    };
    let det: f64 = (0..3).map(|j| m[0][j] * c(0, j)).sum();
    if det == 0.0 || !det.is_finite() {
        return [[0.0; 3]; 3];
    }
    std::array::from_fn(|i| std::array::from_fn(|j| c(j, i) / det))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Decimal;
    use crate::closure::{ClosureInput, Restrictions};

    /// Seeded estimates lie within four standard errors of the exact
    /// counts, on cases from 1–7 to 0–20 (one with restrictions), and their
    /// errors are a few percent.
    #[test]
    fn estimates_agree_with_exact_counts() -> Result<()> {
        let d = Decimal::parse;
        let cases = [
            ("3.5", "1.2", 40, 1, 7, None),
            ("4", "1.5", 300, 1, 7, Some("0.05")),
            ("5.5", "2.1", 200, 1, 10, Some("0.05")),
            ("10.13", "5.01", 82, 0, 20, None),
        ];
        for (mean, sd, n, lo, hi, errors) in cases {
            let mut input = ClosureInput::new(d(mean)?, d(sd)?, n, lo, hi);
            if let Some(e) = errors {
                input = input.with_errors(d(e)?, d(e)?);
            }
            let closure = Closure::new(&input)?;
            let (estimate, exact) = (closure.estimate_count(1000, 1)?, closure.count()? as f64);
            let z = (estimate.value() / exact - 1.0) / estimate.relative_error;
            assert!(z.abs() < 4.0, "{mean} {sd} {n}: {estimate} against {exact}");
            assert!(estimate.relative_error < 0.1, "{estimate}");
            assert_eq!(estimate, closure.estimate_count(1000, 1)?, "seeded");
        }
        let restricted = Closure::new(&ClosureInput::new(d("3.9")?, d("1.8")?, 60, 1, 7))?
            .restrict(&Restrictions::default().exactly(7.0, 2).at_least(1.0, 3))?;
        let estimate = restricted.estimate_count(1000, 2)?;
        let exact = restricted.count()? as f64;
        assert!((estimate.value() / exact - 1.0).abs() < 4.0 * estimate.relative_error);
        Ok(())
    }

    #[test]
    fn impossible_reports_have_no_samples_to_estimate() -> Result<()> {
        let d = Decimal::parse;
        let closure = Closure::new(&ClosureInput::new(d("2.0")?, d("0.5")?, 3, 1, 3))?;
        let estimate = closure.estimate_count(100, 1)?;
        assert_eq!(estimate.log10, f64::NEG_INFINITY);
        assert_eq!(estimate.to_string(), "none found in 100 trials");
        assert!(closure.estimate_count(1, 1).is_err());
        Ok(())
    }

    /// The tilted model's expected count, sum and sum of squares are the
    /// report's.
    #[test]
    fn the_tilt_matches_the_report() -> Result<()> {
        let allowed = vec![true; 21];
        let (n, s, q) = (80.0, 800.0, 10_000.0);
        let eta = tilt(n, s, q, &allowed)?;
        let moments = eta.iter().enumerate().fold([0.0; 3], |acc, (w, &e)| {
            let (mu, _) = geometric(e);
            let w = w as f64;
            [acc[0] + mu, acc[1] + mu * w, acc[2] + mu * w * w]
        });
        for (got, want) in moments.iter().zip([n, s, q]) {
            assert!((got - want).abs() < 1e-6 * want, "{moments:?}");
        }
        Ok(())
    }
}
