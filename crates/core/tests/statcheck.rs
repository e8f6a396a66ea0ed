//! The differential suite against statcheck 1.6.0: on 5,000 generated APA
//! results (tools/reference/apa_corpus.py), ferrox and statcheck agree on
//! every p-value and on every error and decision error, except in the four
//! classes of cases where ferrox's rule differs on purpose
//! (docs/algorithms.md, "Where ferrox and statcheck differ"). Each class is
//! recognised here from the report alone, not from the disagreement.

use std::collections::HashMap;

use ferrox::stats::apa::{ApaResult, Comparison, ReportedP, parse_result};
use ferrox::stats::pcheck::{POptions, check_p};
use ferrox::{Rounding, unround};

fn table(file: &str) -> Vec<HashMap<String, String>> {
    let path = format!(
        "{}/../../testdata/reference/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .deserialize()
        .map(|row| row.expect("a CSV row"))
        .collect()
}

/// Which documented class of difference a report belongs to, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Class {
    /// `p = .000`: statcheck calls every p reported as zero an error;
    /// ferrox reads it as a rounding of p < .0005.
    ZeroP,
    /// `t(28) < 2.2`: ferrox takes an inequality's bound as exact;
    /// statcheck first moves it by half a unit of its last decimal.
    StatisticInequality,
    /// `t(28) = 0.0`: the statistic's rounding interval holds 0, where p is
    /// 1; statcheck takes the larger end only.
    IntervalThroughZero,
}

fn class(r: &ApaResult) -> Option<Class> {
    if matches!(r.p, ReportedP::Value { comparison: Comparison::Eq, p } if p.mantissa() == 0) {
        return Some(Class::ZeroP);
    }
    if r.comparison != Comparison::Eq {
        return Some(Class::StatisticInequality);
    }
    let b = unround(&r.value, &Rounding::default()).expect("a statistic");
    if r.test.is_symmetric() && b.lower.mantissa() <= 0 && b.upper.mantissa() >= 0 {
        return Some(Class::IntervalThroughZero);
    }
    None
}

#[test]
fn ferrox_and_statcheck_agree_outside_the_documented_differences() {
    let corpus = table("apa_corpus.csv");
    let statcheck: HashMap<String, HashMap<String, String>> = table("statcheck_corpus.csv")
        .into_iter()
        .map(|row| (row["id"].clone(), row))
        .collect();
    assert_eq!(statcheck.len(), corpus.len(), "statcheck read every result");
    let options = POptions::default();
    let alpha = options.alpha.to_f64();
    let mut agreed = 0;
    let mut differences: HashMap<Class, usize> = HashMap::new();
    let mut decision_by_range = 0;
    for row in &corpus {
        let result = parse_result(&row["result"]).expect("a corpus result");
        let ours = check_p(&result, &options).expect("a valid report");
        let theirs = &statcheck[&row["id"]];
        let their_p: f64 = theirs["computed_p"].parse().expect("a p-value");
        if their_p > 1e-300 {
            let rel = ((ours.computed_p - their_p) / their_p).abs();
            assert!(
                rel < 1e-12,
                "{}: p {} vs statcheck {their_p}",
                row["result"],
                ours.computed_p
            );
        }
        let their_error = theirs["error"] == "TRUE";
        let their_decision = theirs["decision_error"] == "TRUE";
        match class(&result) {
            Some(c) if their_error == ours.consistency => *differences.entry(c).or_default() += 1,
            Some(_) => {}
            None => {
                assert_eq!(
                    !ours.consistency, their_error,
                    "{}: {}",
                    row["result"], ours.reason
                );
                if ours.decision_error != their_decision {
                    // statcheck decides on the p of the statistic as
                    // reported; ferrox only when the whole range of p is
                    // across alpha. So ferrox's range must straddle alpha.
                    let straddles = ours.computed_p_low <= alpha && alpha <= ours.computed_p_high;
                    assert!(
                        straddles && their_decision,
                        "{}: {}",
                        row["result"],
                        ours.reason
                    );
                    decision_by_range += 1;
                } else {
                    agreed += 1;
                }
            }
        }
    }
    assert!(agreed > 2000, "only {agreed} rows outside the classes");
    assert!(
        decision_by_range < 10,
        "{decision_by_range} decision-error differences"
    );
    // Every class is present, so each rule is exercised.
    assert_eq!(differences.len(), 3, "{differences:?}");
}
