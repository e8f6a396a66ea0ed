//! Times CLOSURE on the cases of the issue: `cargo run --release --example closure_timing`.

use std::time::Instant;

use ferrox::Decimal;
use ferrox::closure::{Closure, ClosureInput};

fn main() -> ferrox::Result<()> {
    let d = |s: &str| Decimal::parse(s);
    for (mean, sd, n, lo, hi, list) in [
        ("3.5", "1.2", 100, 1, 7, true),
        ("4", "1.5", 80, 1, 7, true),
        ("4", "1.5", 300, 1, 7, false),
        ("5.5", "2.1", 200, 1, 10, false),
    ] {
        let input =
            ClosureInput::new(d(mean)?, d(sd)?, n, lo, hi).with_errors(d("0.05")?, d("0.05")?);
        let start = Instant::now();
        let closure = Closure::new(&input)?;
        let count = closure.count()?;
        let counted = start.elapsed();
        let listed = if list {
            closure.frequencies(None).len() / closure.scale_values().len()
        } else {
            0
        };
        println!(
            "({mean}, {sd}, {n}, {lo}-{hi}): {count} samples, counted in {counted:?}, listed {listed} in {:?}",
            start.elapsed() - counted
        );
    }
    Ok(())
}
