//! How long the chain takes to forget its starts:
//! `cargo run --release -p ferrox-benches --example chain_burn_in [SEEDS [MEAN SD N MIN MAX]]`.
//!
//! The chains start far out: from the first sample the search finds and
//! from the horns extremes. For each case this draws a reference (2,000
//! draws after the chain's own burn-in), then, for each of `SEEDS` seeds
//! (40), the first six rounds of the four chains after a burn-in of 0, 6
//! and 12 draws' worth of proposals. It prints, for each number of draws'
//! worth since the start (1 to 18), the mean fourth central moment of the
//! draws there less the reference's mean, in the reference's standard
//! deviations: noise is about ±2/√(4·SEEDS).

use ferrox::Decimal;
use ferrox::closure::{ClosureInput, Restrictions};
use ferrox::sprite::{Method, SpriteOptions, sprite};

const ROUNDS: usize = 6;
const CHAINS: usize = 4;

fn main() -> Result<(), ferrox::Error> {
    let d = Decimal::parse;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seeds: u64 = args
        .first()
        .map_or(Ok(40), |text| ferrox_benches::whole(text, "SEEDS"))?;
    for (m, s, n, lo, hi) in ferrox_benches::cases(args.get(1..).unwrap_or_default())? {
        let input = ClosureInput::new(d(&m)?, d(&s)?, n, lo, hi);
        let draw = |n_samples, seed, burn_in_draws| {
            let options = SpriteOptions {
                n_samples,
                seed,
                method: Method::Chain,
                replace: true,
                burn_in_draws,
                ..SpriteOptions::default()
            };
            sprite(&input, &Restrictions::default(), &options)
                .map(|drawn| ferrox_benches::fourth_moments(&drawn.samples))
        };
        let reference = draw(2000, 1, None)?;
        let mean = reference.iter().sum::<f64>() / reference.len() as f64;
        let sd = (reference.iter().map(|x| (x - mean).powi(2)).sum::<f64>()
            / (reference.len() - 1) as f64)
            .sqrt();
        let mut line = format!("mean {m} sd {s} n {n} scale {lo}-{hi}:");
        for burn_in in [0, ROUNDS as u64, 2 * ROUNDS as u64] {
            let mut by_round = [0.0; ROUNDS];
            for seed in 0..seeds {
                let moments = draw(ROUNDS * CHAINS, seed, Some(burn_in))?;
                for (i, x) in moments.iter().enumerate() {
                    by_round[i / CHAINS] += (x - mean) / sd / (seeds as usize * CHAINS) as f64;
                }
            }
            for (round, z) in by_round.iter().enumerate() {
                line += &format!(" {}:{z:+.2}", burn_in + round as u64 + 1);
            }
        }
        println!("{line}");
    }
    Ok(())
}
