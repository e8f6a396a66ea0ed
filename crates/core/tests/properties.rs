//! Properties of the exact rounding and GRIM, checked on random inputs.

mod common;

use common::{any_rounding, reports};
use ferrox::grim::{GrimCase, GrimOptions, grim};
use ferrox::{Decimal, unround};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// A value lies in the unrounded interval of a report exactly when
    /// rounding it gives that report: `unround` is `reround` backwards.
    #[test]
    fn unround_inverts_reround(
        num in -5000i128..5000,
        den in 1i128..400,
        digits in 0u32..4,
        nudge in -1i128..=1,
        rounding in any_rounding(),
    ) {
        let rounded = reports(num, den, digits, &rounding);
        let report = Decimal::new(rounded[0].mantissa() + nudge, digits);
        let inside = unround(&report, &rounding)?.contains(num, den)?;
        prop_assert_eq!(inside, rounded.contains(&report), "{} / {} -> {:?}", num, den, rounded);
    }

    /// The mean of any integer sample, rounded by any procedure, passes GRIM
    /// in exact mode: no false alarms, ever.
    #[test]
    fn real_means_pass_grim(
        scores in prop::collection::vec(-20i128..40, 1..60),
        items in 1u32..4,
        digits in 0u32..4,
        percent in any::<bool>(),
        rounding in any_rounding(),
    ) {
        let n = scores.len() as u64;
        let sum: i128 = scores.iter().sum();
        let granules = i128::from(n) * i128::from(items);
        let scale = if percent { 100 } else { 1 };
        for report in reports(sum * scale, granules, digits, &rounding) {
            let case = GrimCase::new(report, n, items)?;
            let opts = GrimOptions { percent, rounding, ..GrimOptions::default() };
            prop_assert!(grim(&case, &opts)?, "{} from sum {} over {}", report, sum, granules);
        }
    }

    /// Every report exact GRIM accepts is produced by some integer sum: no
    /// missed inconsistencies either.
    #[test]
    fn grim_accepts_only_reachable_reports(
        mantissa in -3000i128..3000,
        digits in 0u32..3,
        n in 1u64..80,
        rounding in any_rounding(),
    ) {
        let report = Decimal::new(mantissa, digits);
        let verdict = grim(&GrimCase::new(report, n, 1)?, &GrimOptions { rounding, ..GrimOptions::default() })?;
        let centre = mantissa * i128::from(n) / 10i128.pow(digits);
        let reachable = (centre - 3..=centre + 3)
            .any(|sum| reports(sum, i128::from(n), digits, &rounding).contains(&report));
        prop_assert_eq!(verdict, reachable);
    }
}
