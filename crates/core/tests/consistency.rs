//! GRIMMER and DEBIT in exact mode: real samples always pass, and every
//! accepted report has a sample behind it (checked against brute force and
//! against the CLOSURE search, itself checked against brute force).

mod common;

use common::{any_rounding, reports};
use ferrox::closure::{Closure, ClosureInput, Tolerance};
use ferrox::debit::{DebitCase, DebitOptions, debit};
use ferrox::grimmer::{GrimmerCase, GrimmerOptions, GrimmerVerdict, grimmer};
use ferrox::{Decimal, Mode, Rounding, unround};
use proptest::prelude::*;

/// Whether `√(spread / factor)` lies in the interval `report` was rounded
/// from, decided by squaring both sides (independently of the library's
/// own spread ranges).
fn sd_rounds_to(spread: i128, factor: i128, report: Decimal, rounding: &Rounding) -> bool {
    let b = unround(&report, rounding).expect("reports unround");
    let scale = 10i128.pow(2 * b.lower.scale());
    let value = spread * scale;
    let square = |m: i128| m * m * factor;
    let above = b.lower.mantissa() < 0
        || square(b.lower.mantissa()) < value
        || (square(b.lower.mantissa()) == value && b.incl_lower);
    let below = b.upper.mantissa() >= 0
        && (value < square(b.upper.mantissa())
            || (value == square(b.upper.mantissa()) && b.incl_upper));
    above && below
}

/// Every SD report with `digits` decimals of integers `totals` (each over
/// `items` items); one value has SD 0.
fn sd_reports(totals: &[i128], items: i128, digits: u32, rounding: &Rounding) -> Vec<Decimal> {
    let n = totals.len() as i128;
    let (sum, squares): (i128, i128) = (totals.iter().sum(), totals.iter().map(|t| t * t).sum());
    let (spread, factor) = if n == 1 {
        (0, 1)
    } else {
        (n * squares - sum * sum, n * (n - 1) * items * items)
    };
    let guess = ((spread as f64 / factor as f64).sqrt() * 10f64.powi(digits as i32)).round();
    (guess as i128 - 2..=guess as i128 + 2)
        .filter(|&m| m >= 0)
        .map(|m| Decimal::new(m, digits))
        .filter(|&s| sd_rounds_to(spread, factor, s, rounding))
        .collect()
}

fn exact(rounding: Rounding, scale: Option<(i64, i64)>) -> GrimmerOptions {
    GrimmerOptions {
        rounding,
        mode: Mode::Exact,
        scale,
    }
}

fn closure_exists(case: &GrimmerCase, rounding: Rounding, lo: i64, hi: i64) -> bool {
    let input = ClosureInput {
        items: case.items,
        tolerance: Tolerance::Rounding(rounding),
        ..ClosureInput::new(case.x, case.sd, case.n, lo, hi)
    };
    Closure::new(&input)
        .and_then(|c| c.exists())
        .expect("small cases search")
}

fn d(s: &str) -> Decimal {
    Decimal::parse(s).expect("a decimal")
}

#[test]
fn genuine_data_that_scrutiny_flags_passes() {
    let scrutiny = GrimmerOptions {
        mode: Mode::Scrutiny,
        ..GrimmerOptions::default()
    };
    for (x, sd, n, sum) in [
        ("3.6", "1.99", 40, 146),
        ("4.0", "2.071", 122, 493),
        ("3.2", "1.823", 18, 57),
    ] {
        let case = GrimmerCase::new(d(x), d(sd), n, 1).expect("a case");
        assert_eq!(
            grimmer(&case, &GrimmerOptions::default()),
            Ok(GrimmerVerdict::Consistent)
        );
        assert!(
            !grimmer(&case, &scrutiny)
                .expect("scrutiny runs")
                .is_consistent()
        );
        // The witness: GRIM allows the sum, so exact mode had to look past
        // scrutiny's one reconstructed sum.
        assert_ne!((d(x).to_f64() * n as f64).round() as i128, sum);
    }
}

#[test]
fn parity_and_realisability_are_exact() {
    let opts = GrimmerOptions::default();
    let verdict = |x, sd, n, scale| {
        grimmer(
            &GrimmerCase::new(d(x), d(sd), n, 1).expect("a case"),
            &GrimmerOptions { scale, ..opts },
        )
    };
    // Two values summing to 4 with squares summing to 12 would be 2 ± √2.
    assert_eq!(verdict("2.0", "2.00", 2, None), Ok(GrimmerVerdict::Test3));
    // A mean of 1 on a 1–5 scale is all ones: no spread at all. Off the
    // scale, eight ones, a zero and a two have it.
    assert_eq!(
        verdict("1.0", "0.5", 10, Some((1, 5))),
        Ok(GrimmerVerdict::Test3)
    );
    assert_eq!(
        verdict("1.0", "0.5", 10, None),
        Ok(GrimmerVerdict::Consistent)
    );
    // Half ones, half fives: the largest SD the scale allows is 2.11.
    assert_eq!(
        verdict("3.0", "2.11", 10, Some((1, 5))),
        Ok(GrimmerVerdict::Consistent)
    );
    assert_eq!(
        verdict("3.0", "2.16", 10, Some((1, 5))),
        Ok(GrimmerVerdict::Test3)
    );
    assert_eq!(
        verdict("3.0", "2.16", 10, None),
        Ok(GrimmerVerdict::Consistent)
    );
    assert_eq!(
        verdict("5.19", "1.00", 28, None),
        Ok(GrimmerVerdict::GrimInconsistent)
    );
}

#[test]
fn debit_fixes_scrutiny() {
    let exact = DebitOptions::default();
    let scrutiny = DebitOptions {
        mode: Mode::Scrutiny,
        ..exact
    };
    let run = |x, sd, n, opts: &DebitOptions| {
        debit(&DebitCase::new(d(x), d(sd), n).expect("a case"), opts)
            .expect("debit runs")
            .consistency
    };
    // 5 of 10 and 50 of 100: the SD peaks inside the mean's interval.
    assert_eq!(run("0.5", "0.53", 10, &exact), Some(true));
    assert_eq!(run("0.50", "0.503", 100, &exact), Some(true));
    assert_eq!(run("0.50", "0.503", 100, &scrutiny), Some(false));
    // 0.33 is not k / 10 for any k, whatever scrutiny says of the SD.
    assert_eq!(run("0.33", "0.50", 10, &exact), Some(false));
    assert_eq!(run("0.33", "0.50", 10, &scrutiny), Some(true));
    // An interval end below zero leaves scrutiny with NA.
    assert_eq!(run("0.0", "0.00", 10, &scrutiny), None);
    assert_eq!(run("0.0", "0.00", 10, &exact), Some(true));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    /// No false positives: the reports of real integer samples always pass,
    /// on their scale and without one.
    #[test]
    fn real_samples_pass_grimmer(
        offsets in prop::collection::vec(0i128..=18, 2..40),
        items in 1u32..=3,
        lo in -3i64..=3,
        width in 0i64..=6,
        rounding in any_rounding(),
        (dx, dsd) in (0u32..=3, 0u32..=3),
    ) {
        let top = i128::from(width) * i128::from(items);
        let base = i128::from(lo) * i128::from(items);
        let totals: Vec<i128> = offsets.iter().map(|o| base + o % (top + 1)).collect();
        let n = totals.len() as i128;
        let sum: i128 = totals.iter().sum();
        for x in reports(sum, n * i128::from(items), dx, &rounding) {
            for sd in sd_reports(&totals, i128::from(items), dsd, &rounding) {
                let case = GrimmerCase::new(x, sd, n as u64, items).expect("a case");
                for scale in [None, Some((lo, lo + width))] {
                    prop_assert_eq!(
                        grimmer(&case, &exact(rounding, scale)),
                        Ok(GrimmerVerdict::Consistent),
                        "{:?} {:?} {:?}", totals, case, scale
                    );
                }
            }
        }
    }

    /// Without a scale and for small n, exact GRIMMER accepts exactly the
    /// reports some sample of integers produces (brute force over every
    /// multiset that could produce an SD of at most 1.5).
    #[test]
    fn grimmer_without_a_scale_agrees_with_brute_force(
        n in 1usize..=4,
        x_mantissa in 0i128..=300,
        sd_mantissa in 0i128..=100,
        rounding in any_rounding(),
        (dx, dsd) in (0u32..=2, 0u32..=2),
    ) {
        let x = Decimal::new(x_mantissa % (3 * 10i128.pow(dx) + 1), dx);
        let sd = Decimal::new(sd_mantissa % (10i128.pow(dsd) + 1), dsd);
        let case = GrimmerCase::new(x, sd, n as u64, 1).expect("a case");
        let mean = unround(&x, &rounding).expect("reports unround");
        let mut brute = false;
        multisets(n, -4, 7, &mut Vec::new(), &mut |sample| {
            let sum: i128 = sample.iter().sum();
            brute |= mean.contains(sum, n as i128).expect("small")
                && sd_reports(sample, 1, dsd, &rounding).contains(&sd);
        });
        let verdict = grimmer(&case, &exact(rounding, None));
        prop_assert_eq!(verdict.map(GrimmerVerdict::is_consistent), Ok(brute), "{:?}", case);
    }

    /// DEBIT: reports of real binary samples pass, and a report passes
    /// exactly when CLOSURE finds a 0/1 sample for it.
    #[test]
    fn debit_is_exact(
        n in 1u64..=300,
        ones_share in 0.0f64..=1.0,
        sd_mantissa in 0i128..=1000,
        rounding in any_rounding(),
        (dx, dsd) in (0u32..=3, 0u32..=3),
    ) {
        let ones = (ones_share * n as f64) as usize;
        let sample: Vec<i128> = (0..n as usize).map(|i| i128::from(i < ones)).collect();
        let opts = DebitOptions { rounding, mode: Mode::Exact };
        let in_range = |v: &Decimal| v.mantissa() <= 10i128.pow(v.scale());
        for x in reports(ones as i128, i128::from(n), dx, &rounding).into_iter().filter(in_range) {
            for sd in sd_reports(&sample, 1, dsd, &rounding).into_iter().filter(in_range) {
                let row = debit(&DebitCase::new(x, sd, n).expect("a case"), &opts);
                prop_assert_eq!(row.map(|r| r.consistency), Ok(Some(true)), "{} {} {}", x, sd, n);
            }
            let sd = Decimal::new(sd_mantissa % (10i128.pow(dsd) + 1), dsd);
            let case = GrimmerCase::new(x, sd, n, 1).expect("a case");
            let row = debit(&DebitCase::new(x, sd, n).expect("a case"), &opts);
            prop_assert_eq!(
                row.map(|r| r.consistency),
                Ok(Some(closure_exists(&case, rounding, 0, 1))),
                "{} {} {}", x, sd, n
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Exact GRIMMER accepts exactly the reports CLOSURE finds a sample
    /// for: on the scale, and without one (CLOSURE then searches a range
    /// wider than any such sample can reach).
    #[test]
    fn grimmer_on_a_scale_agrees_with_closure(
        n in 1u64..=40,
        items in 1u32..=3,
        lo in -3i64..=3,
        width in 0i64..=6,
        sum_share in 0.0f64..=1.0,
        sd_mantissa in 0i128..=700,
        rounding in any_rounding(),
        (dx, dsd) in (0u32..=2, 0u32..=2),
    ) {
        let granules = i128::from(n) * i128::from(items);
        let top = granules * i128::from(width);
        let sum = granules * i128::from(lo) + (sum_share * top as f64) as i128;
        let sd = Decimal::new(sd_mantissa % (i128::from(width) * 10i128.pow(dsd) + 2), dsd);
        for x in reports(sum, granules, dx, &rounding) {
            let case = GrimmerCase::new(x, sd, n, items).expect("a case");
            let verdict = grimmer(&case, &exact(rounding, Some((lo, lo + width))));
            prop_assert_eq!(
                verdict.map(GrimmerVerdict::is_consistent),
                Ok(closure_exists(&case, rounding, lo, lo + width)),
                "{:?}", case
            );
            let reach = ((sd.to_f64() + 1.0) * (n as f64).sqrt()).ceil() as i64 + 1;
            let verdict = grimmer(&case, &exact(rounding, None));
            prop_assert_eq!(
                verdict.map(GrimmerVerdict::is_consistent),
                Ok(closure_exists(&case, rounding, lo - reach, lo + width + reach)),
                "{:?} without a scale", case
            );
        }
    }
}

/// Calls `visit` with every sorted multiset of `n` values in `lo..=hi`.
fn multisets(
    n: usize,
    lo: i128,
    hi: i128,
    prefix: &mut Vec<i128>,
    visit: &mut impl FnMut(&[i128]),
) {
    if prefix.len() == n {
        visit(prefix);
        return;
    }
    let start = prefix.last().copied().unwrap_or(lo);
    for value in start..=hi {
        prefix.push(value);
        multisets(n, lo, hi, prefix, visit);
        prefix.pop();
    }
}
