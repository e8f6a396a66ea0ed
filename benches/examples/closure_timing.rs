//! Times CLOSURE on the cases of the performance page (best of 5 runs):
//! `cargo run --release -p ferrox-benches --example closure_timing`; with the
//! argument `list`, only the listing case (for measuring its peak memory);
//! with `count`, only the 1-10 count, once (for counting its instructions
//! under `valgrind --tool=callgrind`).

use std::time::{Duration, Instant};

use ferrox::Decimal;
use ferrox::closure::{Closure, ClosureInput};

fn best_of<T>(
    runs: usize,
    mut f: impl FnMut() -> ferrox::Result<T>,
) -> ferrox::Result<(Duration, T)> {
    let mut best = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f()?;
        let took = start.elapsed();
        if best.as_ref().is_none_or(|(t, _)| took < *t) {
            best = Some((took, value));
        }
    }
    best.ok_or(ferrox::Error::Unsupported("no runs".into()))
}

fn main() -> ferrox::Result<()> {
    let d = |s: &str| Decimal::parse(s);
    let only = std::env::args().nth(1);
    let only_listing = only.as_deref() == Some("list");
    let cases = [
        ("3.5", "1.2", 100, 1, 7, true),
        ("4", "1.5", 80, 1, 7, true),
        ("4", "1.5", 300, 1, 7, false),
        ("5.5", "2.1", 200, 1, 10, false),
    ];
    let chosen: &[_] = match only.as_deref() {
        Some("list") => &cases[..1],
        Some("count") => &cases[3..],
        _ => &cases,
    };
    for &(mean, sd, n, lo, hi, list) in chosen {
        let input =
            ClosureInput::new(d(mean)?, d(sd)?, n, lo, hi).with_errors(d("0.05")?, d("0.05")?);
        let case = format!("({mean}, {sd}, {n}, {lo}-{hi})");
        if list {
            // One run when measuring memory: best-of-5 keeps two listings alive.
            let runs = if only_listing { 1 } else { 5 };
            let (listed, samples) =
                best_of(runs, || Closure::new(&input)?.samples(None, usize::MAX))?;
            let (summarised, _) = best_of(5, || Ok((samples.horns(), samples.summary())))?;
            println!(
                "{case}: {} samples, counted and listed in {listed:?}; horns and summary in {summarised:?}",
                samples.count()
            );
        } else {
            let runs = if only.as_deref() == Some("count") {
                1
            } else {
                5
            };
            let (counted, count) = best_of(runs, || Closure::new(&input)?.count())?;
            println!("{case}: {count} samples, counted in {counted:?}");
        }
    }
    Ok(())
}
