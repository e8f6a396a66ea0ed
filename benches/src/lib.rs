//! Benchmarks only: see `benches/` and the scripts beside them. What the
//! Rust examples share lives here.

use std::time::Instant;

/// CLOSURE cases of issue 15: three that cannot be counted (mean, SD, n,
/// scale ends), then two that can.
pub const BEYOND_COUNTING: [(&str, &str, u64, i64, i64); 5] = [
    ("34.2", "8.1", 150, 18, 80),
    ("50.5", "20.3", 300, 0, 100),
    ("3.21", "1.43", 2000, 1, 7),
    ("4", "1.5", 300, 1, 7),
    ("5.5", "2.1", 200, 1, 10),
];

/// A CLOSURE case: mean and SD as written, n, scale ends.
pub type Case = (String, String, u64, i64, i64);

/// The case `MEAN SD N MIN MAX` in `args`, or without arguments the cases
/// of [`BEYOND_COUNTING`].
pub fn cases(args: &[String]) -> Result<Vec<Case>, ferrox::Error> {
    let number = |i: usize, what| whole::<i64>(&args[i], what);
    match args.len() {
        0 => Ok(BEYOND_COUNTING
            .iter()
            .map(|&(m, s, n, lo, hi)| (m.into(), s.into(), n, lo, hi))
            .collect()),
        5 => Ok(vec![(
            args[0].clone(),
            args[1].clone(),
            number(2, "N")? as u64,
            number(3, "MIN")?,
            number(4, "MAX")?,
        )]),
        _ => Err(ferrox::Error::invalid("arguments", "MEAN SD N MIN MAX")),
    }
}

/// The whole number written `text`; an error naming it `what` otherwise.
pub fn whole<T: std::str::FromStr>(text: &str, what: &'static str) -> Result<T, ferrox::Error> {
    text.parse()
        .map_err(|_| ferrox::Error::invalid(what, "a whole number"))
}

/// The shortest of `repeat` runs of `f`, in seconds.
pub fn best<T>(repeat: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..repeat)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// `count` APA results of every test type, deterministic for a seed: the
/// statistic from a test's usual range and, as in published work, mostly
/// its true p rounded as APA asks, one in ten misreported.
pub fn apa_results(count: usize, seed: u64) -> Vec<String> {
    use ferrox::stats::tails::{chisq_upper, f_upper, normal_upper, t_upper};
    let mut state = seed;
    let mut below = |bound: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % bound
    };
    let apa = |p: f64| match p {
        p if p < 0.001 => "p < .001".to_owned(),
        p if p < 0.01 => format!("p = {p:.3}").replace("0.", "."),
        p => format!("p = {p:.2}").replace("0.", "."),
    };
    (0..count)
        .map(|_| {
            let stat = 0.2 + below(500) as f64 / 100.0;
            let df = 5 + below(300);
            let (text, p) = match below(5) {
                0 => (
                    format!("t({df}) = {stat:.2}"),
                    t_upper(stat, df as f64).map(|p| 2.0 * p),
                ),
                1 => (
                    format!("F(1, {df}) = {:.2}", stat * stat),
                    f_upper(stat * stat, 1.0, df as f64),
                ),
                2 => {
                    let k = 1 + below(4);
                    (
                        format!("\u{3c7}2({k}) = {:.2}", stat * 2.0),
                        chisq_upper(stat * 2.0, k as f64),
                    )
                }
                3 => (
                    format!("z = {stat:.2}"),
                    normal_upper(stat).map(|p| 2.0 * p),
                ),
                _ => (
                    format!("t({df}) = \u{2212}{stat:.2}"),
                    t_upper(stat, df as f64).map(|p| 2.0 * p),
                ),
            };
            let p = p.expect("valid df");
            let p = if below(10) == 0 {
                (p * 1.5).min(0.99)
            } else {
                p
            };
            format!("{text}, {}", apa(p))
        })
        .collect()
}

/// Each sample's fourth central moment: how heavy its tails are, which the
/// horns index at a fixed SD barely shows.
pub fn fourth_moments(samples: &ferrox::closure::Samples) -> Vec<f64> {
    let values = samples.values();
    (0..samples.len())
        .map(|i| {
            let counted = || samples.row(i).iter().map(|&c| f64::from(c)).zip(values);
            let n: f64 = counted().map(|(c, _)| c).sum();
            let mean = counted().map(|(c, &x)| c * x).sum::<f64>() / n;
            counted().map(|(c, &x)| c * (x - mean).powi(4)).sum::<f64>() / n
        })
        .collect()
}
