//! The scan corpus: papers written with planted findings, typeset into
//! every format (`tools/corpus/papers.py`), against their ground truth
//! (`testdata/papers/truth.csv`). Recall and precision of extraction per
//! format and kind, and the verdicts on correctly extracted findings.
#![cfg(feature = "readers")]

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use ferrox::scan::{Row, ScanOptions, scan};

const FORMATS: [(&str, &str); 6] = [
    ("text", ".txt"),
    ("HTML", ".html"),
    ("JATS", ".xml"),
    ("DOCX", ".docx"),
    ("PDF", ".pdf"),
    ("PDF, two columns", "-2col.pdf"),
];

/// One paper's truth: (kind, where, values) → (n, verdict).
type Truth = HashMap<(String, String, String), Vec<(String, String)>>;

fn truth() -> BTreeMap<String, Truth> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/papers");
    let mut reader = csv::Reader::from_path(dir.join("truth.csv")).expect("truth.csv is readable");
    let mut out: BTreeMap<String, Truth> = BTreeMap::new();
    for record in reader.records() {
        let r = record.expect("truth.csv rows are complete");
        out.entry(r[0].to_owned())
            .or_default()
            .entry((r[1].to_owned(), r[2].to_owned(), r[3].to_owned()))
            .or_default()
            .push((r[4].to_owned(), r[5].to_owned()));
    }
    out
}

/// A finding's key as the truth writes it, and its verdict over all its
/// tests (consistent only if every test says so).
fn findings(rows: &[Row]) -> Vec<((String, String, String), String, bool)> {
    let mut out: Vec<((String, String, String), String, bool)> = Vec::new();
    let mut last: Option<(ferrox::scan::Place, String)> = None;
    for row in rows {
        let f = &row.finding;
        let place = (f.place.clone(), f.values.clone());
        let consistent = row.consistent == Some(true);
        if last.as_ref() == Some(&place) {
            if let Some(previous) = out.last_mut() {
                previous.2 &= consistent;
            }
            continue;
        }
        last = Some(place);
        let kind = match f.kind.name() {
            "mean_sd" => "mean_sd",
            "percent" => "percent",
            _ => "apa",
        };
        let place = if f.place.table.is_some() {
            "table"
        } else {
            "text"
        };
        let n = f.n.map(|n| n.to_string()).unwrap_or_default();
        out.push(((kind.into(), place.into(), f.values.clone()), n, consistent));
    }
    out
}

#[derive(Default)]
struct Tally {
    truth: usize,
    found: usize,
    matched: usize,
    right_n: usize,
    right_verdict: usize,
}

#[test]
fn every_format_finds_the_planted_findings_and_judges_them_right() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/papers");
    let truth = truth();
    let mut tallies: BTreeMap<(&str, String), Tally> = BTreeMap::new();
    let mut wrong = Vec::new();
    for (paper, expected) in &truth {
        for (format, suffix) in FORMATS {
            let path = dir.join(format!("{paper}{suffix}"));
            let bytes = std::fs::read(&path).expect("every corpus file is committed");
            let rows = scan(&bytes, paper, &ScanOptions::default()).expect("corpus files read");
            let mut left = expected.clone();
            for (key, n, consistent) in findings(&rows) {
                let tally = tallies.entry((format, key.0.clone())).or_default();
                tally.found += 1;
                let Some(candidates) = left.get_mut(&key) else {
                    wrong.push(format!("{format} {paper}: extra {key:?}"));
                    continue;
                };
                let Some((true_n, verdict)) = candidates.pop() else {
                    wrong.push(format!("{format} {paper}: extra {key:?}"));
                    continue;
                };
                tally.matched += 1;
                tally.right_n += usize::from(true_n.is_empty() || true_n == n);
                let right = (verdict == "consistent") == consistent;
                tally.right_verdict += usize::from(right);
                if !right {
                    wrong.push(format!("{format} {paper}: verdict on {key:?} (n {n})"));
                }
            }
            for (key, candidates) in expected {
                tallies.entry((format, key.0.clone())).or_default().truth += candidates.len();
                for _ in left.get(key).map_or(&[][..], |v| &v[..]) {
                    wrong.push(format!("{format} {paper}: missed {key:?}"));
                }
            }
        }
    }
    println!("format | kind | planted | found | recall | precision | right n | right verdicts");
    for ((format, kind), t) in &tallies {
        println!(
            "{format} | {kind} | {} | {} | {:.1}% | {:.1}% | {}/{} | {}/{}",
            t.truth,
            t.found,
            100.0 * t.matched as f64 / t.truth as f64,
            100.0 * t.matched as f64 / t.found.max(1) as f64,
            t.right_n,
            t.matched,
            t.right_verdict,
            t.matched
        );
    }
    for line in &wrong {
        println!("{line}");
    }
    for ((format, kind), t) in &tallies {
        let recall = t.matched as f64 / t.truth as f64;
        let target = if kind == "apa" { 0.98 } else { 0.90 };
        assert!(
            recall >= target,
            "{format} {kind}: recall {recall:.3} under {target}"
        );
        let precision = t.matched as f64 / t.found.max(1) as f64;
        assert!(
            precision >= 0.98,
            "{format} {kind}: precision {precision:.3}"
        );
        assert_eq!(
            t.right_verdict, t.matched,
            "{format} {kind}: a wrong verdict"
        );
    }
}
