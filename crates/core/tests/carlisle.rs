//! Carlisle's test on simulated trials: honest randomisation gives uniform
//! per-trial p-values; fabricated baselines (SDs copied, means too alike)
//! do not.

use ferrox::rng::Rng;
use ferrox::stats::carlisle::{Baseline, BaselineRow, carlisle};
use ferrox::{Decimal, Rounding};

const TRIALS: usize = 10_000;

/// A standard normal draw (Box–Muller on two uniforms from the seeded
/// generator).
fn normal(rng: &mut Rng) -> f64 {
    let uniform = |rng: &mut Rng| (rng.below(1 << 53) as f64 + 0.5) / (1u64 << 53) as f64;
    let (u, v) = (uniform(rng), uniform(rng));
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// A value reported with two decimals.
fn reported(x: f64) -> Decimal {
    Decimal::new((x * 100.0).round() as i128, 2)
}

/// One group's mean and SD of `n` draws from N(mu, sigma²).
fn summary(rng: &mut Rng, n: u64, mu: f64, sigma: f64) -> (f64, f64) {
    let xs: Vec<f64> = (0..n).map(|_| mu + sigma * normal(rng)).collect();
    let mean = xs.iter().sum::<f64>() / n as f64;
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    (mean, var.sqrt())
}

/// The per-trial Stouffer p-values' uniformity over simulated trials: five
/// continuous variables and one yes/no variable in two groups each.
fn simulate(fabricate: bool) -> ferrox::stats::carlisle::Carlisle {
    let mut rng = Rng::new(20261201, u64::from(fabricate));
    let names: Vec<String> = (0..TRIALS).map(|t| format!("trial {t}")).collect();
    let mut values = Vec::new();
    for trial in 0..TRIALS {
        let n = 30 + rng.below(50) as u64;
        for variable in 0..5 {
            let (mu, sigma) = (10.0 + 10.0 * variable as f64, 1.0 + variable as f64);
            let a = summary(&mut rng, n, mu, sigma);
            let b = if fabricate {
                // Copied SD, and a mean a hair from the other group's.
                (a.0 + 0.02 * sigma * normal(&mut rng), a.1)
            } else {
                summary(&mut rng, n, mu, sigma)
            };
            values.push((trial, variable, "A", n, a));
            values.push((trial, variable, "B", n, b));
        }
    }
    let labels = ["age", "weight", "height", "score", "dose"];
    let mut rows: Vec<BaselineRow<'_>> = values
        .iter()
        .map(|&(trial, variable, group, n, (mean, sd))| {
            let value = Baseline::Continuous {
                n,
                mean: reported(mean),
                sd: reported(sd),
            };
            BaselineRow::new(&names[trial], labels[variable], group, value)
        })
        .collect();
    for (trial, name) in names.iter().enumerate() {
        let n = 60 + trial as u64 % 20;
        let a = (0..n).filter(|_| rng.below(2) == 1).count() as u64;
        let b = if fabricate {
            a
        } else {
            (0..n).filter(|_| rng.below(2) == 1).count() as u64
        };
        rows.push(BaselineRow::new(
            name,
            "male",
            "A",
            Baseline::Count { n, count: a },
        ));
        rows.push(BaselineRow::new(
            name,
            "male",
            "B",
            Baseline::Count { n, count: b },
        ));
    }
    carlisle(&rows, &Rounding::default(), 7).expect("the simulated table is valid")
}

#[test]
fn honest_trials_give_uniform_p_values() {
    let out = simulate(false);
    assert_eq!(out.trials.len(), TRIALS);
    let u = out.across_trials;
    let v = out.across_variables;
    assert!(
        u.ks_p > 0.001,
        "KS p = {} (D = {}), auc {}; variables: D {} auc {} p {}",
        u.ks_p,
        u.ks_d,
        u.auc,
        v.ks_d,
        v.auc,
        v.ks_p
    );
    assert!(
        (u.auc - 0.5).abs() < 4.0 / (12.0 * TRIALS as f64).sqrt(),
        "AUC = {}",
        u.auc
    );
}

#[test]
fn fabricated_baselines_are_too_alike() {
    let out = simulate(true);
    let u = out.across_trials;
    assert!(u.ks_p < 1e-12, "KS p = {}", u.ks_p);
    assert!(u.auc > 0.9, "AUC = {}", u.auc);
}
