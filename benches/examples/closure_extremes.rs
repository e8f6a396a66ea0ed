//! Exact per-value ranges and horns extremes of CLOSURE cases too large to
//! count, then the complete summary (count, every value's distribution,
//! extremes) of the two cases issue 15 counts with errors .05/.05, then the
//! estimated count of every case (1,000 trials, seed 0) against the exact
//! one where it exists:
//! `cargo run --release -p ferrox-benches --example closure_extremes [MEAN SD N MIN MAX]`.
//! With a case given, its extremes and estimated count only.

use std::time::Instant;

use ferrox::Decimal;
use ferrox::closure::{Closure, ClosureInput};

fn main() -> Result<(), ferrox::Error> {
    let d = Decimal::parse;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cases = ferrox_benches::cases(&args)?;
    for (mean, sd, n, lo, hi) in &cases {
        let closure = Closure::new(&ClosureInput::new(d(mean)?, d(sd)?, *n, *lo, *hi))?;
        let best = (0..3)
            .map(|_| {
                let start = Instant::now();
                closure.extremes().map(|e| (start.elapsed(), e))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let fastest = best.iter().map(|(t, _)| *t).min().expect("three runs");
        let extremes = &best[0].1;
        let horns = |h: &Option<(f64, Vec<u32>)>| h.as_ref().map_or(f64::NAN, |(x, _)| *x);
        println!(
            "mean {mean} sd {sd} n {n} scale {lo}-{hi}: {:.1} ms (best of 3); horns {:.4}..{:.4}; first value {}..{}",
            fastest.as_secs_f64() * 1e3,
            horns(&extremes.horns_min),
            horns(&extremes.horns_max),
            extremes.values[0].min,
            extremes.values[0].max,
        );
    }
    let counted = if args.is_empty() { &cases[3..] } else { &[] };
    for (mean, sd, n, lo, hi) in counted {
        let input =
            ClosureInput::new(d(mean)?, d(sd)?, *n, *lo, *hi).with_errors(d("0.05")?, d("0.05")?);
        let closure = Closure::new(&input)?;
        let summary = closure.summary()?;
        let seconds = ferrox_benches::best(3, || closure.summary());
        println!(
            "summary of mean {mean} sd {sd} n {n} scale {lo}-{hi}, errors .05/.05: {:.1} ms (best of 3); {} samples",
            seconds * 1e3,
            summary.count.unwrap_or(0),
        );
    }
    for (mean, sd, n, lo, hi) in &cases {
        let closure = Closure::new(&ClosureInput::new(d(mean)?, d(sd)?, *n, *lo, *hi))?;
        let estimate = closure.estimate_count(1000, 0)?;
        let seconds = ferrox_benches::best(3, || closure.estimate_count(1000, 0));
        let exact = match closure.count() {
            Ok(count) => format!(
                "exact {count}, off by {:.1} standard errors",
                (estimate.value() / count as f64 - 1.0) / estimate.relative_error
            ),
            Err(_) => "not countable".into(),
        };
        println!(
            "estimate for mean {mean} sd {sd} n {n} scale {lo}-{hi}: {estimate} in {:.0} ms (best of 3); {exact}",
            seconds * 1e3
        );
    }
    Ok(())
}
