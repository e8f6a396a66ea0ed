//! Times SPRITE, both methods, on the cases of the performance page: 1,000
//! distinct samples each (best of 3 runs):
//! `cargo run --release -p ferrox-benches --example sprite_timing`.

use std::time::{Duration, Instant};

use ferrox::Decimal;
use ferrox::closure::{ClosureInput, Restrictions};
use ferrox::sprite::{Method, SpriteOptions, sprite};

fn main() -> ferrox::Result<()> {
    let d = |s: &str| Decimal::parse(s);
    let cases = [("3.5", "1.2", 50, 1, 7), ("5.5", "2.1", 200, 1, 10)];
    for (mean, sd, n, lo, hi) in cases {
        let input = ClosureInput::new(d(mean)?, d(sd)?, n, lo, hi);
        for method in [Method::Uniform, Method::Sprite] {
            let options = SpriteOptions {
                n_samples: 1000,
                seed: 1,
                method,
                ..SpriteOptions::default()
            };
            let mut best = Duration::MAX;
            let mut drawn = None;
            for _ in 0..3 {
                let start = Instant::now();
                drawn = Some(sprite(&input, &Restrictions::default(), &options)?);
                best = best.min(start.elapsed());
            }
            let drawn = drawn.ok_or(ferrox::Error::Unsupported("no runs".into()))?;
            println!(
                "({mean}, {sd}, {n}, {lo}-{hi}) {method:?}: {} samples in {:.1} ms \
                 (possible: {:?}, failures {}, duplicates {})",
                drawn.samples.len(),
                best.as_secs_f64() * 1e3,
                drawn.possible,
                drawn.failures,
                drawn.duplicates,
            );
        }
    }
    Ok(())
}
