//! How well the uniform chain mixes, and how fast it draws:
//! `cargo run --release -p ferrox-benches --example sprite_chain [DRAWS [MEAN SD N MIN MAX]]`,
//! with `SWEEPS=S` in the environment to draw every `S·n` proposals (and
//! burn in for 25 draws' worth) instead of the chain's own schedule, and
//! `ITEMS=K` for scores averaged over `K` items.
//!
//! Draws 1,000 samples (or `DRAWS`) by the chain for each case (or the one
//! given) and reports the time and, over the horns index, the fourth
//! central moment (the weight of the tails, the slowest to settle from the
//! chains' starts) and each value's count, the largest lag-one
//! autocorrelation of successive draws of one
//! chain, the largest integrated autocorrelation time (in draws, averaged
//! over the chains) and the largest split R-hat over the chains' halves.

use std::time::Instant;

use ferrox::Decimal;
use ferrox::closure::{ClosureInput, Restrictions};
use ferrox::sprite::{Method, SpriteOptions, sprite};

/// Chains the draws are interleaved from (see the chain module).
const CHAINS: usize = 4;

fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

fn variance(x: &[f64]) -> f64 {
    let m = mean(x);
    x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (x.len() - 1) as f64
}

/// Lag-one autocorrelation (0 for a constant series).
fn lag_one(x: &[f64]) -> f64 {
    let m = mean(x);
    let v: f64 = x.iter().map(|a| (a - m).powi(2)).sum();
    if v == 0.0 {
        return 0.0;
    }
    x.windows(2).map(|w| (w[0] - m) * (w[1] - m)).sum::<f64>() / v
}

/// Integrated autocorrelation time, summed over Geyer's initial positive
/// sequence of pairs of autocorrelations (at least 1).
fn autocorrelation_time(x: &[f64]) -> f64 {
    let m = mean(x);
    let v: f64 = x.iter().map(|a| (a - m).powi(2)).sum();
    if v == 0.0 {
        return 1.0;
    }
    let rho = |k: usize| {
        x.windows(k + 1)
            .map(|w| (w[0] - m) * (w[k] - m))
            .sum::<f64>()
            / v
    };
    let mut tau = -1.0;
    for k in (0..x.len() / 2).step_by(2) {
        let pair = rho(k) + rho(k + 1);
        if pair <= 0.0 {
            break;
        }
        tau += 2.0 * pair;
    }
    tau.max(1.0)
}

/// Split R-hat (Gelman et al.) of the chains, each cut in two halves.
fn split_rhat(chains: &[Vec<f64>]) -> f64 {
    let halves: Vec<&[f64]> = chains
        .iter()
        .flat_map(|c| {
            let (a, b) = c.split_at(c.len() / 2);
            [a, &b[..a.len()]]
        })
        .collect();
    let n = halves[0].len() as f64;
    let means: Vec<f64> = halves.iter().map(|h| mean(h)).collect();
    let within = mean(&halves.iter().map(|h| variance(h)).collect::<Vec<_>>());
    if within == 0.0 {
        return 1.0;
    }
    let between = n * variance(&means);
    (((n - 1.0) / n * within + between / n) / within).sqrt()
}

fn main() -> Result<(), ferrox::Error> {
    let d = Decimal::parse;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let draws = args
        .first()
        .map_or(Ok(1000), |text| ferrox_benches::whole(text, "DRAWS"))?;
    let cases = ferrox_benches::cases(args.get(1..).unwrap_or_default())?;
    let setting = |name: &'static str| match std::env::var(name) {
        Ok(text) => text
            .parse()
            .map(Some)
            .map_err(|_| ferrox::Error::invalid(name, "a whole number")),
        Err(_) => Ok(None),
    };
    let sweeps: Option<u64> = setting("SWEEPS")?;
    let items = setting("ITEMS")?.unwrap_or(1);
    for (m, s, n, lo, hi) in cases {
        let input = ClosureInput {
            items: items as u32,
            ..ClosureInput::new(d(&m)?, d(&s)?, n, lo, hi)
        };
        let options = SpriteOptions {
            n_samples: draws,
            method: Method::Chain,
            replace: true,
            seed: 1,
            thin: sweeps.map(|s| s * n),
            ..SpriteOptions::default()
        };
        let start = Instant::now();
        let drawn = sprite(&input, &Restrictions::default(), &options)?;
        let elapsed = start.elapsed();
        let samples = &drawn.samples;
        let horns = samples.horns();
        let values = samples.values();
        let mut series: Vec<(String, Vec<f64>)> = vec![
            ("horns index".into(), horns),
            (
                "fourth moment".into(),
                ferrox_benches::fourth_moments(samples),
            ),
        ];
        for (j, value) in values.iter().enumerate() {
            series.push((
                format!("count of {value}"),
                (0..samples.len())
                    .map(|i| f64::from(samples.row(i)[j]))
                    .collect(),
            ));
        }
        let (mut worst_rho, mut worst_rhat) = (0.0f64, 0.0f64);
        let mut worst_tau = (0.0f64, "");
        for (name, s) in &series {
            let chains: Vec<Vec<f64>> = (0..CHAINS)
                .map(|c| s.iter().skip(c).step_by(CHAINS).copied().collect())
                .collect();
            for c in &chains {
                worst_rho = worst_rho.max(lag_one(c).abs());
            }
            let times: Vec<f64> = chains.iter().map(|c| autocorrelation_time(c)).collect();
            if mean(&times) > worst_tau.0 {
                worst_tau = (mean(&times), name);
            }
            worst_rhat = worst_rhat.max(split_rhat(&chains));
        }
        println!(
            "mean {m} sd {s} n {n} scale {lo}-{hi}: {draws} draws in {:.0} ms; largest |lag-1 autocorrelation| {worst_rho:.3}; largest autocorrelation time {:.2} ({}); largest split R-hat {worst_rhat:.4}",
            elapsed.as_secs_f64() * 1e3,
            worst_tau.0,
            worst_tau.1
        );
    }
    Ok(())
}
