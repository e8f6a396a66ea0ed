//! SPRITE: uniform draws reach every sample exactly once and are uniform;
//! every sample of either method is consistent and respects restrictions.

use std::collections::{HashMap, HashSet};

use ferrox::closure::{Closure, ClosureInput, Restrictions, Samples};
use ferrox::sprite::{Method, SpriteOptions, sprite};
use ferrox::{Decimal, Error};
use proptest::prelude::*;

fn dec(text: &str) -> Decimal {
    Decimal::parse(text).expect("a decimal")
}

fn rows(samples: &Samples) -> Vec<Vec<u32>> {
    (0..samples.len())
        .map(|i| samples.row(i).to_vec())
        .collect()
}

/// Every consistent sample, listed by CLOSURE, kept when `keep` says so.
fn listed(input: &ClosureInput, keep: impl Fn(&[u32]) -> bool) -> HashSet<Vec<u32>> {
    let closure = Closure::new(input).expect("valid input");
    let k = closure.scale_values().len();
    closure
        .frequencies(None)
        .chunks(k)
        .filter(|row| keep(row))
        .map(<[u32]>::to_vec)
        .collect()
}

fn options(n_samples: usize, seed: u64) -> SpriteOptions {
    SpriteOptions {
        n_samples,
        seed,
        ..SpriteOptions::default()
    }
}

/// Drawing as many distinct samples as there are gives each exactly once,
/// through the centred table (wide scales) and the recursion (narrow).
#[test]
fn distinct_draws_reach_every_sample_once() {
    let cases = [
        ("3.5", "1.2", 30, 1, 7),
        ("4.1", "2.3", 25, 1, 9),
        ("2.2", "0.8", 60, 1, 3),
        ("1.5", "0.5", 30, 1, 2),
        ("-0.4", "1.9", 15, -3, 3),
    ];
    for (mean, sd, n, lo, hi) in cases {
        let input = ClosureInput::new(dec(mean), dec(sd), n, lo, hi);
        let all = listed(&input, |_| true);
        assert!(
            !all.is_empty() && all.len() < 50_000,
            "{mean} {sd}: {}",
            all.len()
        );
        let drawn = sprite(&input, &Restrictions::default(), &options(1 << 20, 9)).expect("drawn");
        assert_eq!(drawn.possible, Some(all.len() as u128));
        let got = rows(&drawn.samples);
        let distinct: HashSet<Vec<u32>> = got.iter().cloned().collect();
        assert_eq!(got.len(), all.len(), "{mean} {sd}");
        assert_eq!(distinct, all, "{mean} {sd}");
    }
}

/// A chi-square statistic of many draws against the uniform distribution,
/// on cases small enough to list. Deterministic given the seeds; the bound
/// is the mean plus six standard deviations of the chi-square law.
#[test]
fn draws_are_uniform() {
    for (mean, sd, n, lo, hi, restrictions) in [
        ("3.5", "1.2", 12, 1, 7, Restrictions::default()),
        ("5.1", "2.0", 12, 1, 9, Restrictions::default()),
        (
            "3.5",
            "1.9",
            20,
            1,
            7,
            Restrictions::default()
                .exactly(4.0, 3)
                .at_least(2.0, 2)
                .range(1, 7),
        ),
    ] {
        let input = ClosureInput::new(dec(mean), dec(sd), n, lo, hi);
        let count = sprite(&input, &restrictions, &options(0, 0))
            .expect("counted")
            .possible;
        let cells = count.expect("a count") as usize;
        assert!((20..=2000).contains(&cells), "{mean}: {cells} samples");
        let draws = 40 * cells;
        let with_replacement = SpriteOptions {
            replace: true,
            ..options(draws, 2024)
        };
        let drawn = sprite(&input, &restrictions, &with_replacement).expect("drawn");
        let mut tally: HashMap<Vec<u32>, usize> = HashMap::new();
        for row in rows(&drawn.samples) {
            *tally.entry(row).or_default() += 1;
        }
        assert_eq!(tally.len(), cells, "every sample drawn at least once");
        let expected = draws as f64 / cells as f64;
        let chi2: f64 = tally
            .values()
            .map(|&o| (o as f64 - expected).powi(2) / expected)
            .sum();
        let df = (cells - 1) as f64;
        assert!(
            chi2 < df + 6.0 * (2.0 * df).sqrt(),
            "{mean}: chi2 {chi2} on {df} df"
        );
        assert!(
            chi2 > df - 6.0 * (2.0 * df).sqrt(),
            "{mean}: chi2 {chi2} on {df} df (too even)"
        );
    }
}

/// Restricted draws are exactly the listed samples that obey the
/// restrictions.
#[test]
fn restrictions_select_exactly() {
    let input = ClosureInput::new(dec("3.5"), dec("1.9"), 20, 1, 7);
    let restrictions = Restrictions::default()
        .exactly(4.0, 3)
        .at_least(2.0, 2)
        .range(1, 7);
    let expected = listed(&input, |row| {
        row[3] == 3 && row[1] >= 2 && row[0] >= 1 && row[6] >= 1
    });
    let drawn = sprite(&input, &restrictions, &options(1 << 20, 1)).expect("drawn");
    let got: HashSet<Vec<u32>> = rows(&drawn.samples).into_iter().collect();
    assert!(expected.len() > 50);
    assert_eq!(drawn.samples.len(), expected.len());
    assert_eq!(got, expected);
    let heuristic = SpriteOptions {
        method: Method::Sprite,
        ..options(50, 3)
    };
    let drawn = sprite(&input, &restrictions, &heuristic).expect("walked");
    assert!(drawn.samples.len() > 10);
    assert!(
        rows(&drawn.samples)
            .iter()
            .all(|row| expected.contains(row))
    );
}

#[test]
fn impossible_reports_are_proved_impossible() {
    // 5.19 cannot be a mean of 28 integers (GRIM), and a mean of 1.0 on a
    // 1-5 scale leaves no spread for an SD of 0.5.
    for (mean, sd, n) in [("5.19", "1.00", 28), ("1.0", "0.5", 10)] {
        let input = ClosureInput::new(dec(mean), dec(sd), n, 1, 7);
        for method in [Method::Uniform, Method::Sprite] {
            let options = SpriteOptions {
                method,
                ..options(10, 1)
            };
            let drawn = sprite(&input, &Restrictions::default(), &options).expect("ran");
            assert_eq!(
                (drawn.possible, drawn.samples.len()),
                (Some(0), 0),
                "{mean} {method:?}"
            );
        }
    }
    // Restrictions that leave no room.
    let input = ClosureInput::new(dec("3.5"), dec("1.2"), 10, 1, 7);
    let crowded = Restrictions::default().at_least(1.0, 6).at_least(7.0, 6);
    let drawn = sprite(&input, &crowded, &options(10, 1)).expect("ran");
    assert_eq!(drawn.possible, Some(0));
}

#[test]
fn bad_restrictions_are_errors() {
    let input = ClosureInput::new(dec("3.5"), dec("1.2"), 10, 1, 7);
    for bad in [
        Restrictions::default().exactly(8.0, 1),
        Restrictions::default().at_least(2.5, 1),
        Restrictions::default().exactly(2.0, 1).exactly(2.0, 2),
    ] {
        let err = sprite(&input, &bad, &options(10, 1)).expect_err("an error");
        assert!(matches!(err, Error::InvalidArgument { .. }), "{err}");
    }
}

#[test]
fn the_same_seed_gives_the_same_samples_on_any_number_of_threads() {
    let input = ClosureInput::new(dec("5.5"), dec("2.1"), 60, 1, 10);
    for method in [Method::Uniform, Method::Sprite] {
        let options = SpriteOptions {
            method,
            ..options(200, 42)
        };
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a pool")
                .install(|| sprite(&input, &Restrictions::default(), &options))
                .expect("drawn")
        };
        let one = run(1);
        assert_eq!(one, run(3), "{method:?}");
        let other_seed = SpriteOptions {
            seed: 43,
            ..options.clone()
        };
        let other = sprite(&input, &Restrictions::default(), &other_seed).expect("drawn");
        assert_ne!(one.samples, other.samples);
    }
}

#[test]
fn heuristic_reports_failures_and_duplicates() {
    // Only two samples exist: distinct walks soon find nothing new.
    let input =
        ClosureInput::new(dec("3.5"), dec("0.5"), 12, 1, 5).with_errors(dec("0.05"), dec("0.05"));
    let options = SpriteOptions {
        method: Method::Sprite,
        max_misses: 20,
        ..options(10, 5)
    };
    let drawn = sprite(&input, &Restrictions::default(), &options).expect("walked");
    assert_eq!(drawn.samples.len(), 1);
    assert!(drawn.duplicates > 0 && drawn.duplicates + drawn.failures >= 20);
    assert_eq!(drawn.attempts, 1 + drawn.duplicates + drawn.failures);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Both methods return only samples CLOSURE lists (with and without
    /// items and restrictions), distinct unless drawn with replacement.
    #[test]
    fn every_sample_is_consistent(
        n in 1u64..14, lo in -3i64..3, width in 1i64..6, items in 1u32..3,
        mean_at in 0.0f64..1.0, sd in 0u32..300, seed in 0u64..1000,
        barred in proptest::option::of(0usize..6), replace: bool, walk: bool,
    ) {
        let hi = lo + width;
        let mean = lo as f64 + mean_at * width as f64;
        let input = ClosureInput { items, ..ClosureInput::new(
            dec(&format!("{mean:.2}")), dec(&format!("{}.{:02}", sd / 100, sd % 100)), n, lo, hi) };
        let k = (width as usize) * items as usize + 1;
        let restrictions = match barred {
            Some(z) if z < k => Restrictions::default().exactly(lo as f64 + z as f64 / f64::from(items), 0),
            _ => Restrictions::default(),
        };
        let z_barred = barred.filter(|&z| z < k);
        let expected = listed(&input, |row| z_barred.is_none_or(|z| row[z] == 0));
        let options = SpriteOptions {
            method: if walk { Method::Sprite } else { Method::Uniform },
            replace,
            max_misses: 30,
            max_iterations: 5_000,
            ..options(25, seed)
        };
        let drawn = sprite(&input, &restrictions, &options).expect("drawn");
        let got = rows(&drawn.samples);
        prop_assert!(got.iter().all(|row| expected.contains(row)));
        if !walk {
            prop_assert_eq!(drawn.possible, Some(expected.len() as u128));
            let wanted = if replace && !expected.is_empty() { 25 } else { expected.len().min(25) };
            prop_assert_eq!(got.len(), wanted);
        }
        if !replace {
            prop_assert_eq!(got.iter().collect::<HashSet<_>>().len(), got.len());
        }
    }
}

/// Restrictions that place every value leave one candidate, which either
/// is consistent or proves that nothing is.
#[test]
fn restrictions_that_place_every_value() {
    let every = Restrictions::default()
        .exactly(1.0, 1)
        .exactly(2.0, 1)
        .exactly(3.0, 1);
    for method in [Method::Uniform, Method::Sprite] {
        let options = SpriteOptions {
            method,
            ..options(5, 1)
        };
        let fits = ClosureInput::new(dec("2.0"), dec("1.00"), 3, 1, 3);
        let drawn = sprite(&fits, &every, &options).expect("drawn");
        assert_eq!(rows(&drawn.samples), [[1, 1, 1]], "{method:?}");
        let no_spread = ClosureInput::new(dec("2.0"), dec("0.00"), 3, 1, 3);
        let drawn = sprite(&no_spread, &every, &options).expect("ran");
        assert_eq!(
            (drawn.possible, drawn.samples.len()),
            (Some(0), 0),
            "{method:?}"
        );
    }
}

/// The chi-square statistic of `observed` tallies against probabilities
/// `expected` (bins with fewer than five expected draws pooled), and its
/// degrees of freedom.
fn chi_square(observed: &[usize], expected: &[f64]) -> (f64, f64) {
    let draws: usize = observed.iter().sum();
    let (mut chi2, mut bins) = (0.0, 0);
    let (mut pooled_o, mut pooled_e) = (0.0, 0.0);
    for (&o, &p) in observed.iter().zip(expected) {
        pooled_o += o as f64;
        pooled_e += p * draws as f64;
        if pooled_e >= 5.0 {
            chi2 += (pooled_o - pooled_e).powi(2) / pooled_e;
            bins += 1;
            (pooled_o, pooled_e) = (0.0, 0.0);
        }
    }
    if pooled_e > 0.0 {
        chi2 += (pooled_o - pooled_e).powi(2) / pooled_e;
        bins += 1;
    }
    (chi2, (bins - 1) as f64)
}

/// The chain's draws are indistinguishable from exact uniform draws:
/// chi-square over every sample on small cases (narrow scales and a wide
/// one, which take different moves), and over each value's
/// number of occurrences and the horns index on a case of 10^8 samples.
/// Deterministic given the seeds; bounds at six standard deviations.
#[test]
fn chain_draws_are_uniform() {
    let chain = |n_samples| SpriteOptions {
        method: Method::Chain,
        replace: true,
        ..options(n_samples, 77)
    };
    let cases = [
        ("2.2", "0.8", 60, 1, 3),
        ("2.6", "0.7", 40, 1, 3),
        ("7.6", "4", 5, 0, 15),
    ];
    for (mean, sd, n, min, max) in cases {
        let input = ClosureInput::new(dec(mean), dec(sd), n, min, max);
        let all: Vec<Vec<u32>> = listed(&input, |_| true).into_iter().collect();
        assert!((10..=500).contains(&all.len()), "{mean}: {}", all.len());
        let draws = 60 * all.len();
        let drawn = sprite(&input, &Restrictions::default(), &chain(draws)).expect("drawn");
        assert_eq!(drawn.method, Method::Chain);
        let mut tally: HashMap<Vec<u32>, usize> = HashMap::new();
        for row in rows(&drawn.samples) {
            *tally.entry(row).or_default() += 1;
        }
        let observed: Vec<usize> = all
            .iter()
            .map(|row| tally.get(row).copied().unwrap_or(0))
            .collect();
        assert_eq!(
            observed.iter().sum::<usize>(),
            draws,
            "only consistent samples"
        );
        let (chi2, df) = chi_square(&observed, &vec![1.0 / all.len() as f64; all.len()]);
        assert!(
            chi2 < df + 6.0 * (2.0 * df).sqrt(),
            "{mean}: chi2 {chi2} on {df} df"
        );
    }
    let input = ClosureInput::new(dec("3.5"), dec("1.2"), 40, 1, 7);
    let closure = Closure::new(&input).expect("valid");
    let summary = closure.summary().expect("counted");
    let drawn = sprite(&input, &Restrictions::default(), &chain(4000)).expect("drawn");
    let samples = rows(&drawn.samples);
    for (j, value) in summary.values.iter().enumerate() {
        let mut observed = vec![0usize; value.distribution.len()];
        samples
            .iter()
            .for_each(|row| observed[row[j] as usize] += 1);
        let expected: Vec<f64> = value
            .distribution
            .iter()
            .map(|&c| c as f64 / summary.count.expect("counted") as f64)
            .collect();
        let (chi2, df) = chi_square(&observed, &expected);
        assert!(
            chi2 < df + 6.0 * (2.0 * df).sqrt(),
            "value {j}: chi2 {chi2} on {df} df"
        );
    }
    // The horns index by deciles of its exact distribution.
    let exact = closure.samples(None, usize::MAX).expect("listed").horns();
    let mut sorted = exact.clone();
    sorted.sort_by(f64::total_cmp);
    let cuts: Vec<f64> = (1..10).map(|d| sorted[d * sorted.len() / 10]).collect();
    let decile = |h: f64| cuts.partition_point(|&c| c <= h);
    let mut expected = vec![0.0; 10];
    exact
        .iter()
        .for_each(|&h| expected[decile(h)] += 1.0 / exact.len() as f64);
    let mut observed = vec![0usize; 10];
    drawn
        .samples
        .horns()
        .iter()
        .for_each(|&h| observed[decile(h)] += 1);
    let (chi2, df) = chi_square(&observed, &expected);
    assert!(
        chi2 < df + 6.0 * (2.0 * df).sqrt(),
        "horns: chi2 {chi2} on {df} df"
    );
}

/// The lag-one autocorrelation of each chain's series of `statistic` over
/// its draws (draw `k` of chain `c` comes at `4k + c`).
fn lag_one_by_chain(samples: &Samples, statistic: impl Fn(&[u32]) -> f64) -> Vec<f64> {
    let series: Vec<f64> = rows(samples).iter().map(|row| statistic(row)).collect();
    (0..4)
        .map(|c| {
            let chain: Vec<f64> = series.iter().skip(c).step_by(4).copied().collect();
            let mean = chain.iter().sum::<f64>() / chain.len() as f64;
            let centred: Vec<f64> = chain.iter().map(|x| x - mean).collect();
            centred.windows(2).map(|w| w[0] * w[1]).sum::<f64>()
                / centred.iter().map(|x| x * x).sum::<f64>()
        })
        .collect()
}

/// `draws` draws by the chain, with replacement.
fn chain_draws(input: &ClosureInput, draws: usize) -> Samples {
    let options = SpriteOptions {
        method: Method::Chain,
        replace: true,
        ..options(draws, 5)
    };
    sprite(input, &Restrictions::default(), &options)
        .expect("drawn")
        .samples
}

/// The chain moves the sample's sum in long strides: on a case whose sums
/// span a whole unit of the mean (4, reported without decimals, n = 300),
/// successive draws of one chain are nearly uncorrelated in their sum. The
/// chain before differences of counts moved the sum by single steps and
/// had an integrated autocorrelation time of 23 draws here.
#[test]
fn chain_draws_mix_the_sum() {
    let samples = chain_draws(&ClosureInput::new(dec("4"), dec("1.5"), 300, 1, 7), 2000);
    let sum = |row: &[u32]| row.iter().zip(1..).map(|(&c, v)| f64::from(c * v)).sum();
    for (c, lag_one) in lag_one_by_chain(&samples, sum).into_iter().enumerate() {
        assert!(
            lag_one < 0.5,
            "chain {c}: lag-one autocorrelation {lag_one}"
        );
    }
}

/// The chain moves weight between the tails at a fixed sum and sum of
/// squares: on a skewed case of a wide scale, successive draws of one chain
/// are weakly correlated in their fourth central moment. Without strided
/// third differences its lag-one autocorrelation is about 0.65 here.
#[test]
fn chain_draws_mix_the_tails() {
    let input = ClosureInput::new(dec("34.2"), dec("8.1"), 150, 18, 80);
    let samples = chain_draws(&input, 400);
    let values = samples.values().to_vec();
    let fourth_moment = |row: &[u32]| {
        let counted = || row.iter().map(|&c| f64::from(c)).zip(&values);
        let mean = counted().map(|(c, x)| c * x).sum::<f64>() / 150.0;
        counted().map(|(c, x)| c * (x - mean).powi(4)).sum::<f64>() / 150.0
    };
    // 100 draws a chain: their mean is the steadier figure.
    let lag_one = lag_one_by_chain(&samples, fourth_moment);
    let mean = lag_one.iter().sum::<f64>() / 4.0;
    assert!(mean < 0.45, "lag-one autocorrelations {lag_one:?}");
}

/// The chain counts its samples as it keeps them, for progress bars.
#[test]
fn chain_draws_are_counted_as_they_come() {
    let counter = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let options = SpriteOptions {
        method: Method::Chain,
        drawn: Some(counter.clone()),
        ..options(25, 5)
    };
    let input = ClosureInput::new(dec("3.5"), dec("1.2"), 40, 1, 7);
    let drawn = sprite(&input, &Restrictions::default(), &options).expect("drawn");
    assert_eq!(drawn.samples.len(), 25);
    assert_eq!(counter.load(std::sync::atomic::Ordering::Relaxed), 25);
}
