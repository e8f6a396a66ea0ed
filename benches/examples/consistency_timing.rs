//! GRIM and GRIMMER over a million generated rows in Rust alone: the floor
//! under the Python figures of `consistency_python.py`.
//!
//!     cargo run --release -p ferrox-benches --example consistency_timing

use std::time::Instant;

use ferrox::decimal::parse_column;
use ferrox::grim::{GrimCase, GrimOptions, grim_map};
use ferrox::grimmer::{GrimmerCase, GrimmerOptions, grimmer_map};

const ROWS: usize = 1_000_000;

/// A small deterministic generator (64-bit LCG), so the table is the same
/// on every run without a dependency.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!("{label:<24} {:8.3} s", start.elapsed().as_secs_f64());
    out
}

fn main() -> ferrox::Result<()> {
    let mut rng = Lcg(20_261_121);
    let x: Vec<String> = (0..ROWS)
        .map(|_| format!("{:.2}", 1.0 + rng.below(600) as f64 / 100.0))
        .collect();
    let sd: Vec<String> = (0..ROWS)
        .map(|_| format!("{:.2}", 0.5 + rng.below(200) as f64 / 100.0))
        .collect();
    let n: Vec<f64> = (0..ROWS).map(|_| 10.0 + rng.below(190) as f64).collect();
    let (x, sd) = timed("parse x and sd", || {
        Ok::<_, ferrox::Error>((parse_column(&x)?, parse_column(&sd)?))
    })?;
    let grim_cases = timed("GRIM cases", || GrimCase::from_columns(&x, &n, &[1.0]))?;
    let rows = timed("grim_map", || {
        grim_map(&grim_cases, &GrimOptions::default())
    })?;
    let cases = timed("GRIMMER cases", || {
        GrimmerCase::from_columns(&x, &sd, &n, &[1.0])
    })?;
    let verdicts = timed("grimmer_map", || {
        grimmer_map(&cases, &GrimmerOptions::default())
    })?;
    let consistent = |k: usize| format!("{:.1}%", 100.0 * k as f64 / ROWS as f64);
    println!(
        "GRIM consistent: {}, GRIMMER consistent: {}",
        consistent(rows.iter().filter(|r| r.consistency).count()),
        consistent(verdicts.iter().filter(|v| v.is_consistent()).count())
    );
    Ok(())
}
