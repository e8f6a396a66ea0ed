//! CLOSURE: ferrox against closure-core 1.0.0 (crates.io) on the same cases,
//! in one run. `cargo bench -p ferrox-benches --bench closure`
//!
//! Prints criterion's timings and, at the end, the ratio ferrox / closure-core
//! for each case (both list every sample; ferrox counts them first).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use ferrox::Decimal;
use ferrox::closure::{Closure, ClosureInput};

struct Case {
    name: &'static str,
    mean: &'static str,
    sd: &'static str,
    n: u64,
    min: i64,
    max: i64,
    error_sd: &'static str,
}

const CASES: [Case; 3] = [
    Case {
        name: "3.5,1.2,n=50,0-7,.05,.005",
        mean: "3.5",
        sd: "1.2",
        n: 50,
        min: 0,
        max: 7,
        error_sd: "0.005",
    },
    Case {
        name: "3.5,1.2,n=80,1-7,.05,.05",
        mean: "3.5",
        sd: "1.2",
        n: 80,
        min: 1,
        max: 7,
        error_sd: "0.05",
    },
    Case {
        name: "4,1.5,n=80,1-7,.05,.05",
        mean: "4",
        sd: "1.5",
        n: 80,
        min: 1,
        max: 7,
        error_sd: "0.05",
    },
];

fn ferrox_list(case: &Case) -> usize {
    let d = |s| Decimal::parse(s).expect("a decimal");
    let input = ClosureInput::new(d(case.mean), d(case.sd), case.n, case.min, case.max)
        .with_errors(d("0.05"), d(case.error_sd));
    let closure = Closure::new(&input).expect("valid input");
    closure.samples(None, usize::MAX).expect("fits").len()
}

fn peer_list(case: &Case) -> usize {
    let mean: f64 = case.mean.parse().expect("a number");
    let sd: f64 = case.sd.parse().expect("a number");
    let error_sd: f64 = case.error_sd.parse().expect("a number");
    closure_core::dfs_parallel(
        mean,
        sd,
        case.n as i32,
        case.min as i32,
        case.max as i32,
        0.05,
        error_sd,
    )
    .len()
}

fn mean_time(runs: u32, mut f: impl FnMut() -> usize) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        black_box(f());
    }
    start.elapsed() / runs
}

fn main() {
    let mut criterion = Criterion::default().sample_size(10).configure_from_args();
    let mut group = criterion.benchmark_group("closure");
    group.measurement_time(Duration::from_secs(5));
    for case in &CASES {
        group.bench_function(format!("ferrox {}", case.name), |b| {
            b.iter(|| ferrox_list(black_box(case)))
        });
    }
    group.finish();

    println!("\nferrox / closure-core 1.0.0, same run (mean of repeated runs):");
    for case in &CASES {
        let ours = mean_time(20, || ferrox_list(case));
        let theirs = mean_time(3, || peer_list(case));
        let (a, b) = (ferrox_list(case), peer_list(case));
        println!(
            "{:<28} ferrox {:>10.2?} ({a} samples)  closure-core {:>10.2?} ({b} samples)  ratio {:.4} ({:.0}x faster)",
            case.name,
            ours,
            theirs,
            ours.as_secs_f64() / theirs.as_secs_f64(),
            theirs.as_secs_f64() / ours.as_secs_f64()
        );
    }
    criterion.final_summary();
}
