//! Reported test statistics: tails against R, the APA parser on the
//! typography of real papers, and the p check's rule.

use ferrox::Decimal;
use ferrox::stats::apa::{ApaResult, Comparison, ReportedP, TestKind, find_results, parse_result};
use ferrox::stats::pcheck::{POptions, check_p};
use ferrox::stats::ranks::{GrimUOptions, exact_p, grim_u};
use ferrox::stats::summary_t::{Group, SummaryOptions, TForm, t_from_summary};
use ferrox::stats::tails::{chisq_upper, f_upper, normal_upper, t_upper};
use proptest::prelude::*;

fn reference(file: &str) -> csv::Reader<std::fs::File> {
    let path = format!(
        "{}/../../testdata/reference/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// R's upper tails (tools/reference/tails.R) to a relative 1e-12.
#[test]
fn tails_agree_with_r() {
    let mut worst = std::collections::BTreeMap::<String, f64>::new();
    for record in reference("tails.csv").records() {
        let record = record.expect("a CSV row");
        let num = |i: usize| record[i].parse::<f64>().unwrap_or(f64::NAN);
        let (x, df1, df2, want) = (num(1), num(2), num(3), num(4));
        let got = match &record[0] {
            "t" => t_upper(x, df1),
            "F" => f_upper(x, df1, df2),
            "chisq" => chisq_upper(x, df1),
            "z" => normal_upper(x),
            other => panic!("unknown distribution {other}"),
        }
        .expect("valid df");
        let rel = ((got - want) / want).abs();
        assert!(rel < 1e-12, "{:?}: {got:e} vs R {want:e} ({rel:e})", record);
        let w = worst.entry(record[0].to_owned()).or_default();
        *w = w.max(rel);
    }
    assert_eq!(worst.len(), 4, "every distribution is in the reference");
}

/// R's `wilcox.test` exact p-values (tools/reference/ranks.R).
#[test]
fn exact_u_agrees_with_r() {
    let mut rows = 0;
    for record in reference("ranks.csv").records() {
        let record = record.expect("a CSV row");
        let int = |i: usize| record[i].parse::<u64>().expect("a whole number");
        let want: f64 = record[3].parse().expect("a p-value");
        let got = exact_p(int(0), int(1), int(2)).expect("small sizes");
        assert!(((got - want) / want).abs() < 1e-12, "{record:?}: {got:e}");
        rows += 1;
    }
    assert!(rows > 100);
}

#[test]
fn parser_reads_typeset_results() {
    // (text, test, df1, df2, statistic, p) as ferrox writes them back.
    type Case = (
        &'static str,
        TestKind,
        Option<&'static str>,
        Option<&'static str>,
        &'static str,
        &'static str,
    );
    let cases: &[Case] = &[
        (
            "t(28) = 2.20, p = .03",
            TestKind::T,
            Some("28"),
            None,
            "2.20",
            "= 0.03",
        ),
        (
            "t (27.43)=-2.2,p<.001",
            TestKind::T,
            Some("27.43"),
            None,
            "-2.2",
            "< 0.001",
        ),
        (
            "t(28) = \u{2212}2.20, p = .000",
            TestKind::T,
            Some("28"),
            None,
            "-2.20",
            "= 0.000",
        ),
        (
            "t(28) = \u{2013}2.20, p\u{2009}=\u{2009}.03",
            TestKind::T,
            Some("28"),
            None,
            "-2.20",
            "= 0.03",
        ),
        (
            "F(1, 50) = 4.12, p < .05",
            TestKind::F,
            Some("1"),
            Some("50"),
            "4.12",
            "< 0.05",
        ),
        (
            "F1,50 = 4.12, p < .05",
            TestKind::F,
            Some("1"),
            Some("50"),
            "4.12",
            "< 0.05",
        ),
        (
            "\u{3c7}2(2) = 8.1, p = .017",
            TestKind::ChiSquare,
            Some("2"),
            None,
            "8.1",
            "= 0.017",
        ),
        (
            "\u{3c7}\u{b2}(2, N = 90) = 8.1, p = .017",
            TestKind::ChiSquare,
            Some("2"),
            None,
            "8.1",
            "= 0.017",
        ),
        (
            "chi2(2) = 8.1, p = .017",
            TestKind::ChiSquare,
            Some("2"),
            None,
            "8.1",
            "= 0.017",
        ),
        (
            "X2(2) = 8.1, p = .017",
            TestKind::ChiSquare,
            Some("2"),
            None,
            "8.1",
            "= 0.017",
        ),
        (
            "chi-square(2) = 8.1, p = .017",
            TestKind::ChiSquare,
            Some("2"),
            None,
            "8.1",
            "= 0.017",
        ),
        (
            "r(48) = \u{2212}.32, p = .024",
            TestKind::R,
            Some("48"),
            None,
            "-0.32",
            "= 0.024",
        ),
        (
            "z = 2.33, p \u{2264} .02",
            TestKind::Z,
            None,
            None,
            "2.33",
            "<= 0.02",
        ),
        (
            "Z = 2.33, p = .02",
            TestKind::Z,
            None,
            None,
            "2.33",
            "= 0.02",
        ),
        (
            "Q(9) = 15.2, p = .09",
            TestKind::Q,
            Some("9"),
            None,
            "15.2",
            "= 0.09",
        ),
        (
            "Qb(1) = 4.5, p = .03",
            TestKind::Qb,
            Some("1"),
            None,
            "4.5",
            "= 0.03",
        ),
        (
            "Qw(12) = 30.1, p = .003",
            TestKind::Qw,
            Some("12"),
            None,
            "30.1",
            "= 0.003",
        ),
        ("U = 23, p = .04", TestKind::U, None, None, "23", "= 0.04"),
        (
            "U(10, 12) = 23.5, p = .04",
            TestKind::U,
            Some("10"),
            Some("12"),
            "23.5",
            "= 0.04",
        ),
        ("W = 40, p = .2", TestKind::W, None, None, "40", "= 0.2"),
        (
            "t(28) = 1.20, ns",
            TestKind::T,
            Some("28"),
            None,
            "1.20",
            "ns",
        ),
        (
            "t(28) = 1.20, n.s.",
            TestKind::T,
            Some("28"),
            None,
            "1.20",
            "ns",
        ),
        (
            "t(28) < 1, p > .30",
            TestKind::T,
            Some("28"),
            None,
            "1",
            "> 0.30",
        ),
        (
            "\u{1d461}(28) = 2.20, \u{1d45d} = .04",
            TestKind::T,
            Some("28"),
            None,
            "2.20",
            "= 0.04",
        ),
        (
            "t(28)\u{a0}=\u{a0}2.20;\u{a0}p\u{a0}=\u{a0}.04",
            TestKind::T,
            Some("28"),
            None,
            "2.20",
            "= 0.04",
        ),
    ];
    for &(text, test, df1, df2, value, p) in cases {
        let r = parse_result(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(r.test, test, "{text}");
        assert_eq!(r.df1.map(|d| d.to_string()).as_deref(), df1, "{text}");
        assert_eq!(r.df2.map(|d| d.to_string()).as_deref(), df2, "{text}");
        assert_eq!(r.value.to_string(), value, "{text}");
        assert_eq!(r.p.to_string(), p, "{text}");
    }
    assert_eq!(
        parse_result("\u{3c7}2(2, N = 90) = 8.1, p = .017").map(|r| r.n),
        Ok(Some(90))
    );
}

#[test]
fn parser_rejects_what_is_not_a_result() {
    for text in [
        "",
        "t = 2.20, p = .03",
        "t(28) = 2.20",
        "F(1) = 4.1, p = .05",
        "mean = 2.20, p = .03",
        "t(28) = 2.20, p = 1e-3",
        "t(28) = 2.20, p = .03 and more",
        "at(28) = 2.20, p = .03",
    ] {
        assert!(parse_result(text).is_err(), "{text:?} was read");
    }
}

#[test]
fn results_are_found_in_running_text_with_their_place() {
    let text = "Participants in the \u{201c}t\u{201d} condition (M = 5.2) scored higher, t(28) = 2.20, \
                p = .04, d = 0.8. The effect of age was not significant, F(2,\n57) = 1.20, ns; \
                nor was \u{3c7}\u{b2}(1, N = 60) = 0.4, p = .53.";
    let found = find_results(text);
    let spans: Vec<&str> = found.iter().map(|f| &text[f.span.clone()]).collect();
    assert_eq!(
        spans,
        [
            "t(28) = 2.20, \n                p = .04".replace("\n                ", ""),
            "F(2,\n57) = 1.20, ns".into(),
            "\u{3c7}\u{b2}(1, N = 60) = 0.4, p = .53".into()
        ]
    );
}

/// A result quoted as an example (Springer's quotes, once their fonts are
/// read) is found; a statistic's letter inside a word is not.
#[test]
fn quoted_results_are_found_and_words_are_not() {
    let text = "Examples are: \u{201c}t(37) = \u{2212}4.93, p <.001\u{201d}, \
                \u{2018}\u{3c7}2(1, N = 226) = 6.90, p <.01\u{2019} and \u{2014}F(2, 56) = 12.03, p < .001; \
                not rat(37) = 4.93, p < .001 nor \u{e9}t(3) = 1.2, p = .3.";
    let found = find_results(text);
    let spans: Vec<&str> = found.iter().map(|f| &text[f.span.clone()]).collect();
    assert_eq!(
        spans,
        [
            "t(37) = \u{2212}4.93, p <.001",
            "\u{3c7}2(1, N = 226) = 6.90, p <.01",
            "F(2, 56) = 12.03, p < .001",
        ]
    );
}

#[test]
fn g_squared_and_a_letter_l_df_are_read_as_typeset() {
    let text = "The fit was worse, G\u{b2}(1) = 6.53, p =.011, \u{394} G 2(2) = 7.1, p = .03, \
                \u{394}\u{3c7}2(3) = 9.2, p = .03, F(l, 76)\n= 23.95, p <.001 and t(l) = 2.0, p = .3; \
                but not CG2(1) = 6.53, p = .011 or F(ll, 76) = 23.95, p < .001.";
    let found = find_results(text);
    let read: Vec<(TestKind, String, String)> = found
        .iter()
        .map(|f| {
            let r = &f.result;
            (
                r.test,
                r.df1.map(|d| d.to_string()).unwrap_or_default(),
                r.value.to_string(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            (TestKind::ChiSquare, "1".into(), "6.53".into()),
            (TestKind::ChiSquare, "2".into(), "7.1".into()),
            (TestKind::ChiSquare, "3".into(), "9.2".into()),
            (TestKind::F, "1".into(), "23.95".into()),
            (TestKind::T, "1".into(), "2.0".into()),
        ]
    );
    // G²(1) = 6.53 gives p = .0106: consistent with p = .011.
    assert!(check("G2(1) = 6.53, p = .011").consistency);
}

fn check(text: &str) -> ferrox::stats::pcheck::PCheck {
    check_p(&parse_result(text).expect("a result"), &POptions::default()).expect("a valid report")
}

#[test]
fn each_sign_combination_is_decided_by_the_interval_rule() {
    // (report, consistent, decision error)
    let cases = [
        // t(28) in [2.195, 2.205]: p from .03584 to .03662.
        ("t(28) = 2.20, p = .04", true, false),
        ("t(28) = 2.20, p = .036", true, false),
        ("t(28) = 2.20, p = .035", false, false),
        ("t(28) = 2.20, p < .05", true, false),
        ("t(28) = 2.20, p < .01", false, false),
        ("t(28) = 2.20, p > .05", false, true),
        ("t(28) = 2.20, ns", false, true),
        ("t(28) = 2.20, p <= .0358", false, false),
        ("t(28) = 2.20, p >= .0366", true, false),
        ("t(28) = 2.20, p = .06", false, true),
        // An inequality on the statistic: t < 1 gives p > .3259.
        ("t(28) < 1, p > .30", true, false),
        ("t(28) < 1, p = .20", false, false),
        ("t(28) > 3, p < .01", true, false),
        ("t(28) > 3, p = .04", false, false),
        // A negative bound turns the inequality round: t < -3 is |t| > 3.
        ("t(28) < -3, p < .01", true, false),
        ("t(28) < -3, p = .04", false, false),
        // p = .000 is read as a rounding of p < .0005.
        ("t(28) = 5.20, p = .000", true, false),
        ("t(28) = 2.20, p = .000", false, false),
        ("F(2, 57) = 1.20, p = .02", false, true),
        ("F(2, 57) = 1.20, p = .31", true, false),
        ("\u{3c7}2(1) = 3.84, p = .05", true, false),
        ("z = 1.96, p = .05", true, false),
        ("r(48) = -.32, p = .024", true, false),
        ("r(48) = .32, p = .24", false, true),
        ("Q(9) = 16.92, p = .05", true, false),
    ];
    for (text, consistency, decision_error) in cases {
        let c = check(text);
        assert_eq!(
            (c.consistency, c.decision_error),
            (consistency, decision_error),
            "{text}: {}",
            c.reason
        );
    }
}

#[test]
fn p_equal_to_alpha_counts_by_the_option() {
    // t(28) = 2.5 gives p from .0182 to .0186: significant either way; a
    // report of p = .05 is then inconsistent, but a decision error only if
    // p = .05 is read as not significant.
    let r = parse_result("t(28) = 2.5, p = .05").expect("a result");
    let on = check_p(&r, &POptions::default()).expect("valid");
    let off = POptions {
        p_equal_alpha_significant: false,
        ..Default::default()
    };
    let off = check_p(&r, &off).expect("valid");
    assert!(!on.consistency && !on.decision_error);
    assert!(!off.consistency && off.decision_error);
}

#[test]
fn truncated_p_values_are_allowed_on_request() {
    let r = parse_result("t(28) = 2.20, p = .03").expect("a result");
    assert!(
        !check_p(&r, &POptions::default())
            .expect("valid")
            .consistency
    );
    let truncation = POptions {
        p_truncation: true,
        ..Default::default()
    };
    assert!(check_p(&r, &truncation).expect("valid").consistency);
}

#[test]
fn one_tailed_tests_halve_t_r_and_z_only() {
    let r = parse_result("t(28) = 2.20, p = .02").expect("a result");
    let one = POptions {
        one_tailed: true,
        ..Default::default()
    };
    assert!(check_p(&r, &one).expect("valid").consistency);
    let f = parse_result("F(1, 28) = 4.84, p = .02").expect("a result");
    let verdict = check_p(&f, &POptions::default()).expect("valid");
    assert!(!verdict.consistency && !verdict.one_tailed_possible);
    assert!(!check_p(&f, &one).expect("valid").consistency);
}

#[test]
fn impossible_reports_are_errors_not_verdicts() {
    for text in [
        "r(48) = 1.20, p = .02",
        "t(0) = 2.2, p = .03",
        "t(28) = 2.2, p = 1.2",
        "U(5, 5) = 26, p = .03",
        "U = 12, p = .03",
        "U(5.5, 5) = 12, p = .03",
    ] {
        let r = parse_result(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(
            check_p(&r, &POptions::default()).is_err(),
            "{text} got a verdict"
        );
    }
    let negative_f = ApaResult {
        value: Decimal::new(-12, 1),
        ..parse_result("F(1, 2) = 1.2, p = .4").expect("a result")
    };
    assert!(check_p(&negative_f, &POptions::default()).is_err());
    assert!(ReportedP::parse("p = 1.2").is_err());
}

#[test]
fn grim_u_needs_an_attainable_u() {
    let options = GrimUOptions::default();
    let v = grim_u(&"23.2".parse().expect("a number"), 10, 10, None, &options).expect("valid");
    assert!(!v.u_consistency && v.p_consistency.is_none());
    let v = grim_u(&"23.5".parse().expect("a number"), 10, 10, None, &options).expect("valid");
    assert!(v.u_consistency);
    let no_ties = GrimUOptions {
        ties: false,
        ..options
    };
    assert!(
        !grim_u(&"23.5".parse().expect("a number"), 10, 10, None, &no_ties)
            .expect("valid")
            .u_consistency
    );
    let r = parse_result("U(10, 10) = 23, p = .04").expect("a result");
    let c = check_p(&r, &POptions::default()).expect("valid");
    assert!(c.consistency, "{}", c.reason);
    assert!(c.reason.contains("normal"), "{}", c.reason);
}

fn decimal(value: f64, digits: u32) -> Decimal {
    Decimal::parse(&format!("{value:.*}", digits as usize)).expect("a formatted number")
}

proptest! {
    /// A p computed from a statistic and rounded as reports round it is
    /// always consistent with that statistic.
    #[test]
    fn honest_reports_are_consistent(
        t in 0.0f64..8.0, df in 1u32..500, t_digits in 0u32..4, p_digits in 1u32..5,
        kind in 0usize..4,
    ) {
        let test = [TestKind::T, TestKind::Z, TestKind::F, TestKind::ChiSquare][kind];
        let value = decimal(t, t_digits);
        let df1 = Decimal::new(i128::from(df), 0);
        let result = ApaResult {
            test,
            df1: (test != TestKind::Z).then_some(if test == TestKind::F { Decimal::new(1, 0) } else { df1 }),
            df2: (test == TestKind::F).then_some(df1),
            n: None,
            comparison: Comparison::Eq,
            value,
            p: ReportedP::NotSignificant,
        };
        let computed = check_p(&result, &POptions::default()).expect("valid").computed_p;
        let honest = ApaResult { p: ReportedP::Value { comparison: Comparison::Eq, p: decimal(computed, p_digits) }, ..result };
        let verdict = check_p(&honest, &POptions::default()).expect("valid");
        prop_assert!(verdict.consistency, "{}: {}", honest, verdict.reason);
        prop_assert!(verdict.computed_p_low <= computed && computed <= verdict.computed_p_high);
    }

    /// Real samples: the t and p of the data lie in the range rebuilt from
    /// their means and SDs rounded to two decimals.
    #[test]
    fn summaries_of_real_samples_contain_their_t(
        x in prop::collection::vec(1u8..8, 2..30),
        y in prop::collection::vec(1u8..8, 2..30),
        form in 0usize..3,
    ) {
        let stats = |v: &[u8]| {
            let n = v.len() as f64;
            let mean = v.iter().map(|&a| f64::from(a)).sum::<f64>() / n;
            let var = v.iter().map(|&a| (f64::from(a) - mean).powi(2)).sum::<f64>() / (n - 1.0);
            (mean, var, n)
        };
        let ((m1, v1, n1), (m2, v2, n2)) = (stats(&x), stats(&y));
        prop_assume!(v1 > 0.0 && v2 > 0.0);
        let group = |m: f64, v: f64, n: f64| Group::new(decimal(m, 2), decimal(v.sqrt(), 2), n as u64).expect("a group");
        let (g1, g2) = (group(m1, v1, n1), group(m2, v2, n2));
        let form = [TForm::Student, TForm::Welch, TForm::OneSample][form];
        let (t, df) = match form {
            TForm::Student => {
                let pooled = ((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / (n1 + n2 - 2.0);
                ((m1 - m2) / (pooled * (1.0 / n1 + 1.0 / n2)).sqrt(), n1 + n2 - 2.0)
            }
            TForm::Welch => {
                let (a, b) = (v1 / n1, v2 / n2);
                ((m1 - m2) / (a + b).sqrt(), (a + b).powi(2) / (a * a / (n1 - 1.0) + b * b / (n2 - 1.0)))
            }
            TForm::OneSample => (m1 / (v1 / n1).sqrt(), n1 - 1.0),
        };
        let second = (form != TForm::OneSample).then_some(&g2);
        let r = t_from_summary(&g1, second, form, &SummaryOptions::default()).expect("valid groups");
        let p = (2.0 * t_upper(t.abs(), df).expect("valid df")).min(1.0);
        let slack = 1e-9;
        prop_assert!(r.t_low - slack <= t && t <= r.t_high + slack, "t {t} outside {r:?}");
        prop_assert!(r.df_low - slack <= df && df <= r.df_high + slack, "df {df} outside {r:?}");
        prop_assert!(r.p_low * (1.0 - slack) <= p && p <= r.p_high * (1.0 + slack), "p {p} outside {r:?}");
    }

    /// What Display writes, the parser reads back.
    #[test]
    fn display_round_trips(
        kind in 0usize..10, df1 in 1i128..1000, df2 in 1i128..1000,
        value in 0i128..100_000, scale in 0u32..4, p in 0i128..1000, cmp in 0usize..5,
    ) {
        let test = [TestKind::T, TestKind::F, TestKind::ChiSquare, TestKind::R, TestKind::Z,
                    TestKind::Q, TestKind::Qw, TestKind::Qb, TestKind::U, TestKind::W][kind];
        let comparison = [Comparison::Eq, Comparison::Lt, Comparison::Le, Comparison::Gt, Comparison::Ge][cmp];
        let two = matches!(test, TestKind::F | TestKind::U | TestKind::W);
        let result = ApaResult {
            test,
            df1: (test != TestKind::Z).then_some(Decimal::new(df1, 0)),
            df2: two.then_some(Decimal::new(df2, 0)),
            n: None,
            comparison,
            value: Decimal::new(value, scale),
            p: ReportedP::Value { comparison, p: Decimal::new(p, 3) },
        };
        prop_assert_eq!(parse_result(&result.to_string()), Ok(result));
    }

    /// The parser never panics, whatever the text.
    #[test]
    fn parser_takes_any_text(text in "\\PC{0,60}") {
        let _ = parse_result(&text);
        for found in find_results(&text) {
            prop_assert!(text.get(found.span).is_some());
        }
    }
}
