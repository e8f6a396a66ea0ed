//! Tables of papers: `n (%)` cells are counts with their percentages, not
//! means with SDs, wherever the row, the column or the caption says so.
#![cfg(feature = "readers")]

use ferrox::scan::{Kind, Row, ScanOptions, scan};

const TABLE: &str = "<html><body><table><caption>Table 1. Participants</caption>\
    <tr><th></th><th>Control (n = 40)</th><th>Treatment (n = 38)</th></tr>\
    <tr><td>Female, n (%)</td><td>23 (57.5)</td><td>20 (52.1)</td></tr>\
    <tr><td>Smokers</td><td>7 (17.5%)</td><td>9 (23.7%)</td></tr>\
    <tr><td>Age, M (SD)</td><td>34.20 (8.10)</td><td>35.10 (7.90)</td></tr>\
    <tr><td>Score</td><td>23 (12.5)</td><td>20 (11.0)</td></tr>\
    </table></body></html>";

fn found(rows: &[Row]) -> Vec<(Kind, String, Option<bool>)> {
    rows.iter()
        .map(|r| (r.finding.kind, r.finding.values.clone(), r.consistent))
        .collect()
}

#[test]
fn counts_with_percentages_are_checked_against_their_base() -> ferrox::Result<()> {
    let rows = scan(TABLE.as_bytes(), "table.html", &ScanOptions::default())?;
    let percents: Vec<_> = found(&rows)
        .into_iter()
        .filter(|(kind, ..)| *kind == Kind::Percent)
        .collect();
    assert_eq!(
        percents,
        [
            (Kind::Percent, "23 (57.5%)".into(), Some(true)),
            (Kind::Percent, "20 (52.1%)".into(), Some(false)),
            (Kind::Percent, "7 (17.5%)".into(), Some(true)),
            (Kind::Percent, "9 (23.7%)".into(), Some(true)),
        ]
    );
    let wrong = rows
        .iter()
        .find(|r| r.consistent == Some(false))
        .ok_or(ferrox::Error::Internal("no inconsistent row".into()))?;
    assert_eq!(wrong.reason, "20 of 38 is 52.6%");
    assert_eq!(wrong.finding.n_source, "the column header");
    // Rows not marked as counts stay means with SDs.
    let means: Vec<String> = rows
        .iter()
        .filter(|r| r.finding.kind == Kind::MeanSd)
        .map(|r| r.finding.values.clone())
        .collect();
    assert!(
        means.contains(&"M = 34.20, SD = 8.10".to_string()),
        "{means:?}"
    );
    assert!(
        means.contains(&"M = 23, SD = 12.5".to_string()),
        "{means:?}"
    );
    assert!(!means.iter().any(|m| m.starts_with("M = 7,")));
    Ok(())
}

#[test]
fn a_caption_saying_n_percent_marks_every_cell() -> ferrox::Result<()> {
    let table = "<table><caption>Values are n (%).</caption>\
        <tr><th></th><th>All (N = 50)</th></tr>\
        <tr><td>Female</td><td>26 (52.0)</td></tr>\
        <tr><td>Employed</td><td>31 (61.0)</td></tr></table>";
    let rows = scan(table.as_bytes(), "caption.html", &ScanOptions::default())?;
    assert_eq!(
        found(&rows),
        [
            (Kind::Percent, "26 (52.0%)".into(), Some(true)),
            (Kind::Percent, "31 (61.0%)".into(), Some(false)),
        ]
    );
    Ok(())
}
