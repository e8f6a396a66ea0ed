//! The chain against exact uniform draws where both exist:
//! `cargo run --release -p ferrox-benches --example chain_vs_exact [DRAWS]`.
//!
//! On the two countable cases of the bench (4, 1.5, 300, 1–7 and 5.5, 2.1,
//! 200, 1–10), draws `DRAWS` samples (1,000) by the chain and as many exact
//! uniform draws (both seed 1, with replacement), and compares each with
//! the exact law: for every value, its number of occurrences against the
//! exact distribution from the counting table; and the horns index against
//! the deciles of 20,000 exact draws (seed 2). It prints chi-square over
//! degrees of freedom (bins with fewer than five expected pooled), the
//! largest over the values. Exact draws show the spread under the null;
//! the chain's draws are correlated (autocorrelation times of about 1.5
//! draws), which inflates its figures by about that factor.

use ferrox::Decimal;
use ferrox::closure::{Closure, ClosureInput, Restrictions, Samples};
use ferrox::sprite::{Method, SpriteOptions, sprite};

/// Chi-square of `observed` tallies against probabilities `expected`,
/// pooling neighbouring bins to at least five expected, and its degrees
/// of freedom.
fn chi_square(observed: &[usize], expected: &[f64]) -> (f64, usize) {
    let draws = observed.iter().sum::<usize>() as f64;
    let mut bins: Vec<(f64, f64)> = Vec::new();
    let mut open = (0.0, 0.0);
    for (&o, &p) in observed.iter().zip(expected) {
        open = (open.0 + o as f64, open.1 + p * draws);
        if open.1 >= 5.0 {
            bins.push(std::mem::take(&mut open));
        }
    }
    match bins.last_mut() {
        Some(last) => *last = (last.0 + open.0, last.1 + open.1),
        None => bins.push(open),
    }
    let chi2 = bins.iter().map(|(o, e)| (o - e).powi(2) / e).sum();
    (chi2, bins.len().saturating_sub(1).max(1))
}

/// The largest chi-square over degrees of freedom among the values, with
/// its value, and that of the horns index by deciles.
fn compare(samples: &Samples, exact: &[Vec<f64>], cuts: &[f64]) -> ((f64, f64), f64) {
    let mut worst = (0.0, 0.0);
    for (j, law) in exact.iter().enumerate() {
        let mut observed = vec![0; law.len()];
        (0..samples.len()).for_each(|i| observed[samples.row(i)[j] as usize] += 1);
        let (chi2, df) = chi_square(&observed, law);
        if chi2 / df as f64 > worst.0 {
            worst = (chi2 / df as f64, samples.values()[j]);
        }
    }
    let mut deciles = vec![0; 10];
    for h in samples.horns() {
        deciles[cuts.partition_point(|&c| c <= h)] += 1;
    }
    let (chi2, df) = chi_square(&deciles, &[0.1; 10]);
    (worst, chi2 / df as f64)
}

fn main() -> Result<(), ferrox::Error> {
    let d = Decimal::parse;
    let draws: usize = std::env::args()
        .nth(1)
        .map_or(Ok(1000), |text| ferrox_benches::whole(&text, "DRAWS"))?;
    for (m, s, n, lo, hi) in &ferrox_benches::BEYOND_COUNTING[3..] {
        let input = ClosureInput::new(d(m)?, d(s)?, *n, *lo, *hi);
        let summary = Closure::new(&input)?.summary()?;
        let count = summary.count.expect("countable") as f64;
        let exact: Vec<Vec<f64>> = summary
            .values
            .iter()
            .map(|v| v.distribution.iter().map(|&c| c as f64 / count).collect())
            .collect();
        let drawn = |method, n_samples, seed| {
            let options = SpriteOptions {
                n_samples,
                seed,
                method,
                replace: true,
                ..SpriteOptions::default()
            };
            sprite(&input, &Restrictions::default(), &options).map(|s| s.samples)
        };
        let mut reference = drawn(Method::Uniform, 20_000, 2)?.horns();
        reference.sort_by(f64::total_cmp);
        let cuts: Vec<f64> = (1..10)
            .map(|k| reference[k * reference.len() / 10])
            .collect();
        for method in [Method::Chain, Method::Uniform] {
            let ((values, value), horns) = compare(&drawn(method, draws, 1)?, &exact, &cuts);
            println!(
                "mean {m} sd {s} n {n} scale {lo}-{hi}, {draws} {} draws: largest chi-square/df over values {values:.2} (value {value}); horns deciles {horns:.2}",
                method.name()
            );
        }
    }
    Ok(())
}
