//! CLOSURE against published counts and an independent brute force.

use std::ops::ControlFlow;

use ferrox::closure::{Closure, ClosureInput, ClosureSummary, SdKind, Tolerance};
use ferrox::{Decimal, Procedure, Rounding, unround};
use proptest::prelude::*;

fn dec(text: &str) -> Decimal {
    Decimal::parse(text).expect("a decimal")
}

#[test]
fn published_counts() {
    let path = format!(
        "{}/../../testdata/reference/closure_counts.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut reader = csv::Reader::from_path(&path).expect("closure_counts.csv");
    let mut rows = 0;
    for row in reader.records() {
        let row = row.expect("a row");
        let field = |i: usize| row.get(i).expect("a field");
        let input = ClosureInput::new(
            dec(field(0)),
            dec(field(1)),
            field(2).parse().expect("n"),
            field(3).parse().expect("min"),
            field(4).parse().expect("max"),
        )
        .with_errors(dec(field(5)), dec(field(6)));
        let closure = Closure::new(&input).expect("valid input");
        let expected: u128 = field(7).parse().expect("count");
        assert_eq!(closure.count(), Ok(expected), "{row:?}");
        let listed = closure.frequencies(None);
        let k = closure.scale_values().len();
        assert_eq!((listed.len() / k) as u128, expected, "{row:?}");
        assert_eq!(closure.exists(), Ok(expected > 0));
        rows += 1;
    }
    assert!(rows > 20);
}

/// Exact rational check of one sample, independent of the crate's algebra:
/// mean and SD compared with the interval ends by cross-multiplication.
fn consistent(sample: &[i128], items: i128, input: &ClosureInput) -> bool {
    let n = sample.len() as i128;
    let sum: i128 = sample.iter().sum();
    let squares: i128 = sample.iter().map(|y| y * y).sum();
    let (mean, sd) = match input.tolerance {
        Tolerance::Rounding(r) => (
            unround(&input.mean, &r).expect("bounds"),
            unround(&input.sd, &r).expect("bounds"),
        ),
        Tolerance::Explicit { mean, sd } => (
            ferrox::Bounds::around(input.mean, mean).expect("bounds"),
            ferrox::Bounds::around(input.sd, sd).expect("bounds"),
        ),
    };
    // mean = sum / (n · items)
    let mean_ok = mean.contains(sum, n * items).expect("small");
    // sd² = (n·Q − S²) / (n(n−1)·items²) for the sample SD.
    let spread = n * squares - sum * sum;
    let den = match input.sd_kind {
        SdKind::Sample => n * (n - 1),
        SdKind::Population => n * n,
    } * items
        * items;
    let in_end = |end: &Decimal, closed: bool, above: bool| {
        let scale = 10i128.pow(2 * end.scale());
        let m = end.mantissa();
        if m < 0 {
            return above;
        }
        // compare spread / den with m² / scale
        let (l, r) = (spread * scale, m * m * den);
        if above {
            l > r || (closed && l == r)
        } else {
            l < r || (closed && l == r)
        }
    };
    let sd_ok = if den == 0 {
        // One value has no spread: its SD is 0, which the interval must hold.
        let (lo, hi) = (sd.lower.mantissa(), sd.upper.mantissa());
        (lo < 0 || (lo == 0 && sd.incl_lower)) && (hi > 0 || (hi == 0 && sd.incl_upper))
    } else {
        in_end(&sd.lower, sd.incl_lower, true) && in_end(&sd.upper, sd.incl_upper, false)
    };
    mean_ok && sd_ok
}

/// Every multiset of `n` values from `lo..=hi`, as sorted vectors.
fn multisets(n: usize, lo: i128, hi: i128) -> Vec<Vec<i128>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for first in lo..=hi {
        for mut rest in multisets(n - 1, first, hi) {
            rest.insert(0, first);
            out.push(rest);
        }
    }
    out
}

fn any_rounding() -> impl Strategy<Value = Rounding> {
    (0..Procedure::ALL.len(), any::<bool>()).prop_map(|(i, symmetric)| {
        let p = Procedure::ALL[i];
        Rounding::new(p, 4, symmetric).expect("threshold 4 suits every procedure")
    })
}

/// The optima found without counting equal the counted summary's.
fn extremes_match_summary(
    closure: &Closure,
    summary: &ClosureSummary,
) -> Result<(), TestCaseError> {
    let extremes = closure.extremes()?;
    for (range, counted) in extremes.values.iter().zip(&summary.values) {
        prop_assert_eq!(
            (range.value, range.min, range.max),
            (counted.value, counted.min, counted.max)
        );
    }
    let horns = |pick: &Option<(f64, Vec<u32>)>| pick.as_ref().map(|(h, _)| *h);
    prop_assert_eq!(horns(&extremes.horns_min), horns(&summary.horns_min));
    prop_assert_eq!(horns(&extremes.horns_max), horns(&summary.horns_max));
    Ok(())
}

/// The summary from the counting recursion equals the one from the list.
fn summary_matches_listing(closure: &Closure) -> Result<(), TestCaseError> {
    let summary = closure.summary()?;
    let samples = closure.samples(None, usize::MAX)?;
    prop_assert_eq!(summary.count, Some(samples.len() as u128));
    let k = samples.values().len();
    for (j, counts) in summary.values.iter().enumerate() {
        let mut expected = vec![0u128; counts.distribution.len()];
        for i in 0..samples.len() {
            expected[samples.row(i)[j] as usize] += 1;
        }
        prop_assert_eq!(&counts.distribution, &expected, "value {} of {}", j, k);
    }
    extremes_match_summary(closure, &summary)?;
    let horns = samples.horns();
    let extremes = |pick: Option<(f64, Vec<u32>)>| pick.map(|(h, _)| h);
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    };
    let min = horns.iter().copied().reduce(f64::min);
    let max = horns.iter().copied().reduce(f64::max);
    prop_assert!(
        close(extremes(summary.horns_min.clone()), min),
        "{:?} vs {:?}",
        summary.horns_min,
        min
    );
    prop_assert!(
        close(extremes(summary.horns_max.clone()), max),
        "{:?} vs {:?}",
        summary.horns_max,
        max
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Summaries computed without listing agree with the listed samples.
    #[test]
    fn summary_agrees_with_listing(
        sample in prop::collection::vec(1i128..8, 2..30),
        digits in 1u32..3,
    ) {
        let n = sample.len() as i128;
        let sum: i128 = sample.iter().sum();
        let spread = n * sample.iter().map(|y| y * y).sum::<i128>() - sum * sum;
        let scale = 10i128.pow(digits);
        let mean = ferrox::reround(sum, n, digits, &Rounding::default())?.iter().next().expect("a value");
        let target = spread * scale * scale / (n * (n - 1));
        let mut root = (target as f64).sqrt() as i128;
        while root * root > target { root -= 1; }
        while (root + 1) * (root + 1) <= target { root += 1; }
        let input = ClosureInput::new(mean, Decimal::new(root, digits), n as u64, 1, 7);
        summary_matches_listing(&Closure::new(&input)?)?;
    }

    /// Exact optima without counting equal the counted ones on wider
    /// scales, several items and samples near the extremes of the SD.
    #[test]
    fn extremes_agree_with_counting(
        n in 2u64..60,
        width in 1i64..12,
        items in 1u32..3,
        mean_at in 0.0f64..1.0,
        sd_at in 0.0f64..1.0,
        digits in 1u32..3,
    ) {
        let top = width as f64;
        let mean = top * mean_at;
        let sd = (mean * (top - mean)).sqrt() * sd_at * 1.05;
        let scale = 10f64.powi(digits as i32);
        let mut input = ClosureInput::new(
            Decimal::new((mean * scale).round() as i128, digits),
            Decimal::new((sd * scale).round() as i128, digits),
            n,
            0,
            width,
        );
        input.items = items;
        let closure = Closure::new(&input)?;
        if closure.count().is_ok_and(|count| count < 5_000_000) {
            let summary = closure.summary()?;
            // Counted, not estimated: the distributions are there.
            if !summary.values[0].distribution.is_empty() {
                extremes_match_summary(&closure, &summary)?;
            }
        }
    }

    /// Reports made from a real sample always admit that sample.
    #[test]
    fn real_samples_are_found(
        sample in prop::collection::vec(-2i128..5, 1..16),
        digits in 0u32..3,
        population in any::<bool>(),
    ) {
        let n = sample.len() as i128;
        let sum: i128 = sample.iter().sum();
        let spread = n * sample.iter().map(|y| y * y).sum::<i128>() - sum * sum;
        let den = if population { n * n } else { (n * (n - 1)).max(1) };
        let scale = 10i128.pow(digits);
        let mean = ferrox::reround(sum, n, digits, &Rounding::default())?.iter().next().expect("a value");
        // ⌊SD · 10^digits⌋ by integer square root; the true SD is within one unit.
        let target = spread * scale * scale / den;
        let mut root = (target as f64).sqrt() as i128;
        while root * root > target { root -= 1; }
        while (root + 1) * (root + 1) <= target { root += 1; }
        let mut input = ClosureInput::new(mean, Decimal::new(root, digits), n as u64, -2, 4)
            .with_errors(Decimal::new(5, digits + 1), Decimal::new(1, digits));
        if population { input.sd_kind = SdKind::Population; }
        let closure = Closure::new(&input)?;
        let mut counts = vec![0u32; 7];
        for y in &sample { counts[(y + 2) as usize] += 1; }
        let mut found = false;
        let _ = closure.for_each(|freq| {
            found = freq == counts.as_slice();
            if found { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        });
        prop_assert!(found, "{:?} not found", sample);
        prop_assert!(closure.count()? >= 1);
    }

    /// Brute force over every multiset agrees with the count and the list,
    /// and every listed sample is consistent and listed once.
    #[test]
    fn agrees_with_brute_force(
        n in 1u64..7,
        scale_min in -3i64..3,
        width in 0i64..5,
        items in 1u32..3,
        mean_m in -40i128..80,
        sd_m in 0i128..40,
        digits in 1u32..3,
        rounding in any_rounding(),
        explicit in any::<bool>(),
        population in any::<bool>(),
    ) {
        let scale_max = scale_min + width;
        let (mean, sd) = (Decimal::new(mean_m, digits), Decimal::new(sd_m, digits));
        let mut input = ClosureInput::new(mean, sd, n, scale_min, scale_max);
        input.items = items;
        input.tolerance = if explicit {
            Tolerance::Explicit { mean: Decimal::new(5, digits + 1), sd: Decimal::new(5, digits + 1) }
        } else {
            Tolerance::Rounding(rounding)
        };
        if population { input.sd_kind = SdKind::Population; }
        let closure = Closure::new(&input)?;
        let items_i = i128::from(items);
        let (lo, hi) = (i128::from(scale_min) * items_i, i128::from(scale_max) * items_i);
        let expected: Vec<Vec<i128>> = multisets(n as usize, lo, hi)
            .into_iter()
            .filter(|s| consistent(s, items_i, &input))
            .collect();
        prop_assert_eq!(closure.count()?, expected.len() as u128);
        let mut listed = Vec::new();
        let _ = closure.for_each(|freq| {
            let sample: Vec<i128> = freq
                .iter()
                .enumerate()
                .flat_map(|(z, &c)| std::iter::repeat_n(lo + z as i128, c as usize))
                .collect();
            listed.push(sample);
            ControlFlow::Continue(())
        });
        // Listed in lexicographic order of the sorted samples, as brute force enumerates.
        prop_assert_eq!(listed, expected);
        // Listing on all cores gives the same rows in the same order.
        let one_by_one = closure.frequencies(None);
        let in_parallel = closure.samples(None, usize::MAX)?;
        prop_assert_eq!(in_parallel.frequencies(), one_by_one.as_slice());
    }
}
