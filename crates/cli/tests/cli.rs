//! The `ferrox` command, run as a user would.

use std::process::{Command, Output};

fn ferrox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ferrox"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn grim_one_case() {
    let out = stdout(&ferrox(&[
        "grim", "--x", "5.19", "--n", "28", "--format", "csv",
    ]));
    assert_eq!(
        out.lines().nth(1),
        Some("5.19,28,1,GRIM,false,GRIM inconsistent,0.72")
    );
}

#[test]
fn check_keeps_the_table_and_its_trailing_zeros() {
    let out = stdout(&ferrox(&["check", "examples/means.csv", "--format", "csv"]));
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(
        rows[0],
        "study,x,n,items,test,consistency,reason,probability"
    );
    assert!(rows.contains(&"Jones 2020 (wave 1),3.20,18,1,GRIM,false,GRIM inconsistent,0.82"));
    assert_eq!(rows.len(), 9);
}

#[test]
fn check_prints_json_and_a_readable_table() {
    let json = stdout(&ferrox(&[
        "check",
        "examples/means.csv",
        "--format",
        "json",
    ]));
    assert!(json.contains("\"consistency\": false"));
    let table = stdout(&ferrox(&["check", "examples/means.csv"]));
    assert!(table.contains("4 of 8 cases inconsistent"));
}

#[test]
fn check_runs_grimmer_and_debit_where_the_columns_allow() {
    let out = stdout(&ferrox(&[
        "check",
        "examples/table1.csv",
        "--split",
        "cell",
        "--format",
        "csv",
    ]));
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(
        rows[0],
        "measure,group,cell,n,binary,x,sd,test,consistency,reason"
    );
    assert!(rows[4].ends_with("2.57,1.40,GRIMMER,false,GRIMMER inconsistent (test 1)"));
    assert!(rows[6].ends_with("0.56,0.51,DEBIT,true,Passed all"));
    let grimmer = stdout(&ferrox(&[
        "grimmer", "--x", "3.6", "--sd", "1.99", "--n", "40", "--format", "csv",
    ]));
    assert!(grimmer.ends_with("GRIMMER,true,Passed all\n"), "{grimmer}");
    let scrutiny = stdout(&ferrox(&[
        "grimmer", "--x", "3.6", "--sd", "1.99", "--n", "40", "--compat", "scrutiny",
    ]));
    assert!(scrutiny.contains("GRIMMER inconsistent (test 3)"));
    let debit = stdout(&ferrox(&[
        "debit", "--x", "0.33", "--sd", "0.50", "--n", "10", "--format", "csv",
    ]));
    assert!(
        debit.ends_with("DEBIT,false,DEBIT inconsistent\n"),
        "{debit}"
    );
}

#[test]
fn closure_counts_and_writes_samples() {
    let args = [
        "closure", "--mean", "3.5", "--sd", "1.2", "--n", "50", "--min", "0", "--max", "7",
    ];
    let errors = ["--error-mean", "0.05", "--error-sd", "0.005"];
    let count = stdout(&ferrox(&[&args[..], &errors, &["--count"]].concat()));
    assert_eq!(count.trim(), "7980");
    let path = std::env::temp_dir().join("ferrox-cli-test-samples.csv");
    let path_text = path.to_string_lossy().into_owned();
    stdout(&ferrox(
        &[&args[..], &errors, &["--out", &path_text]].concat(),
    ));
    let written = std::fs::read_to_string(&path).expect("the samples file");
    assert_eq!(written.lines().count(), 7981);
    assert_eq!(written.lines().nth(1), Some("4,1,2,4,39,0,0,0"));
}

#[test]
fn bad_input_is_a_clear_error_not_a_crash() {
    for args in [
        &["grim", "--x", "abc", "--n", "28"][..],
        &["grim", "--x", "5.19", "--n", "0"],
        &["grim", "--x", "5.19", "--n", "28", "--rounding", "nope"],
        &["grim", "--x", "5.19", "--n", "28", "--rounding", "up_from"],
        &["check", "no-such-file.csv"],
        &[
            "closure", "--mean", "3.5", "--sd", "1.2", "--n", "10", "--min", "7", "--max", "1",
        ],
    ] {
        let out = ferrox(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("error: "),
            "{args:?}"
        );
    }
}

fn fails_with(args: &[&str], message: &str) {
    let output = ferrox(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "succeeded: {args:?}");
    assert!(stderr.contains(message), "{stderr}");
}

#[test]
fn one_limit_on_n() {
    let huge = "18446744073709551615";
    fails_with(
        &["grimmer", "--x", "3", "--sd", "1", "--n", huge],
        "below 2^53",
    );
    fails_with(
        &["debit", "--x", "0.5", "--sd", "0.5", "--n", huge],
        "below 2^53",
    );
}

#[test]
fn scrutiny_grimmer_ends_on_huge_n() {
    let args = [
        "grimmer",
        "--x",
        "3",
        "--sd",
        "1.000000000000",
        "--n",
        "1000000000000000",
        "--compat",
        "scrutiny",
    ];
    fails_with(&args, "too large to decide exactly");
}

#[test]
fn flags_that_do_nothing_are_errors() {
    fails_with(
        &["grimmer", "--x", "3", "--sd", "1", "--n", "20", "--percent"],
        "--percent does not apply to GRIMMER",
    );
    fails_with(
        &[
            "debit",
            "--x",
            "0.5",
            "--sd",
            "0.5",
            "--n",
            "20",
            "--percent",
        ],
        "--percent does not apply to DEBIT",
    );
    let closure = [
        "closure",
        "--mean",
        "3",
        "--sd",
        "1",
        "--n",
        "10",
        "--min",
        "1",
        "--max",
        "5",
        "--count",
        "--out",
        "never-written.csv",
    ];
    fails_with(&closure, "cannot be used with");
}

#[test]
fn split_replaces_an_x_column() {
    let dir = std::env::temp_dir().join(format!("ferrox-split-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let table = dir.join("table.csv");
    std::fs::write(&table, "cell,n,x\n5.23 (2.55),35,9\n").expect("the table is written");
    let path = table.to_str().expect("a UTF-8 path");
    let out = stdout(&ferrox(&[
        "check", path, "--split", "cell", "--format", "csv",
    ]));
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows[0], "cell,n,x,sd,test,consistency,reason");
    assert_eq!(
        rows[1],
        "5.23 (2.55),35,5.23,2.55,GRIMMER,false,GRIMMER inconsistent (test 2)"
    );
}

/// The rows of CSV output as maps from column to cell.
fn csv_rows(out: &str) -> Vec<std::collections::HashMap<String, String>> {
    csv::Reader::from_reader(out.as_bytes())
        .deserialize()
        .map(|row| row.expect("a CSV row"))
        .collect()
}

#[test]
fn p_checks_apa_results_and_parts() {
    let out = stdout(&ferrox(&[
        "p",
        "t(28) = 2.20, p = .03",
        "F(2, 57) = 1.20, p = .02",
        "--format",
        "csv",
    ]));
    assert_eq!(
        out.lines().next(),
        Some(
            "result,computed_p,computed_p_low,computed_p_high,consistency,decision_error,one_tailed_possible,reason"
        )
    );
    let rows = csv_rows(&out);
    assert_eq!(
        rows[0]["reason"],
        "inconsistent: t(28) = 2.20 gives p from 0.0358 to 0.0366, but p = 0.03 means p in [0.025, 0.035]"
    );
    assert_eq!(
        (
            rows[1]["consistency"].as_str(),
            rows[1]["decision_error"].as_str()
        ),
        ("false", "true")
    );
    let parts = stdout(&ferrox(&[
        "p", "--test", "t", "--df", "28", "--value", "2.20", "--p", ".04", "--format", "csv",
    ]));
    assert_eq!(csv_rows(&parts)[0]["reason"], "consistent");
    let one = stdout(&ferrox(&[
        "p",
        "t(28) = 2.20, p = .02",
        "--one-tailed",
        "--format",
        "csv",
    ]));
    assert_eq!(csv_rows(&one)[0]["consistency"], "true");
}

#[test]
fn check_reads_tables_of_test_statistics() {
    let out = stdout(&ferrox(&[
        "check",
        "examples/statistics.csv",
        "--format",
        "csv",
    ]));
    assert!(out.starts_with("study,test,value,df1,df2,p,computed_p,"));
    let verdicts: Vec<String> = csv_rows(&out)
        .iter()
        .map(|row| row["consistency"].clone())
        .collect();
    assert_eq!(
        verdicts,
        [
            "false", "true", "false", "true", "true", "false", "true", "true", "true"
        ]
    );
    let apa = stdout(&ferrox(&[
        "check",
        "examples/results.csv",
        "--format",
        "json",
    ]));
    let parsed: serde_json::Value = serde_json::from_str(&apa).expect("JSON");
    let consistent: Vec<bool> = parsed
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row["consistency"].as_bool().expect("a verdict"))
        .collect();
    assert_eq!(consistent, [false, false, true, true, true]);
}

#[test]
fn p_check_errors_are_clear() {
    fails_with(
        &["p", "r(48) = 1.2, p = .03"],
        "a correlation lies between -1 and 1",
    );
    fails_with(
        &["p", "--test", "t", "--value", "2", "--p", ".03"],
        "needs its degrees of freedom",
    );
    fails_with(&["p", "the mean was 3"], "cannot read");
    fails_with(
        &["p", "t(28) = 2.20, p = .02", "--percent"],
        "--percent does not apply to test statistics",
    );
    fails_with(
        &["check", "examples/means.csv", "--one-tailed"],
        "--one-tailed does not apply to means and SDs",
    );
    fails_with(
        &["p", "t(28) = 2.20, p = .02", "--alpha", "2"],
        "a significance level lies between 0 and 1",
    );
    fails_with(&["p"], "give APA results");
}

#[test]
fn carlisle_reads_a_baseline_table() {
    let out = stdout(&ferrox(&[
        "carlisle",
        "examples/baseline.csv",
        "--part",
        "variables",
        "--format",
        "csv",
    ]));
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0][..6],
        ["trial", "variable", "method", "groups", "statistic", "p"]
    );
    // R: the pooled t-test of 54.2 (9.1) against 55.9 (8.7), 50 a group.
    assert_eq!(rows[1][..3], ["Smith 2019", "age", "anova"]);
    assert!((rows[1][5].parse::<f64>().unwrap_or(0.0) - 0.342_020_524_436_143).abs() < 1e-12);
    assert_eq!(rows.iter().filter(|r| r[2] == "chisq").count(), 2);
    let refused = ferrox(&["carlisle", "examples/baseline.csv", "--format", "csv"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--part"));
}

#[test]
fn rounding_toolbox_commands() {
    let out = stdout(&ferrox(&["unround", "2.7", "-0.5", "--format", "csv"]));
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "x,lower,upper,incl_lower,incl_upper,range",
            "2.7,2.65,2.75,true,true,2.65 <= x(2.7) <= 2.75",
            "-0.5,-0.55,-0.45,true,true,-0.55 <= x(-0.5) <= -0.45",
        ]
    );
    let out = stdout(&ferrox(&[
        "reround", "3.445", "--digits", "2", "--format", "csv",
    ]));
    assert_eq!(out, "x,rounded_up,rounded_down\n3.445,3.45,3.44\n");
    let out = stdout(&ferrox(&[
        "sd-bounds",
        "--mean",
        "3.5",
        "--sd",
        "3.1",
        "--n",
        "20",
        "--min",
        "1",
        "--max",
        "7",
        "--format",
        "csv",
    ]));
    assert_eq!(
        out.lines().nth(1),
        Some("3.5,20,0.5104177855340404,2.981963323576917,3.1,false")
    );
    fails_with(&["unround", "2.7", "--percent"], "--percent does not apply");
    fails_with(&["unround", "two"], "\"two\" is not a number");
    fails_with(
        &[
            "sd-bounds",
            "--mean",
            "3.5",
            "--n",
            "20",
            "--min",
            "1",
            "--max",
            "7",
            "--compat",
            "scrutiny",
        ],
        "--compat does not apply",
    );
}

#[test]
fn duplicates_counts_tallies_and_audits() {
    let path = std::env::temp_dir().join(format!("ferrox-dup-{}.csv", std::process::id()));
    let table = "a,b,c\n1.2,3.4,1\n3.4,7.7,2\n1.2,1.2,3\n5.0,5.0,4\nNA,9,5\n";
    std::fs::write(&path, table).expect("a temporary file");
    let file = path.to_str().expect("a UTF-8 path");
    let run = |args: &[&str]| stdout(&ferrox(&[&["duplicates", file], args].concat()));
    let count = run(&["--format", "csv", "--ignore", "5.0"]);
    assert_eq!(
        count.lines().take(3).collect::<Vec<_>>(),
        [
            "value,frequency,locations,locations_n",
            "1.2,3,\"a, b\",2",
            "3.4,2,\"a, b\",2"
        ]
    );
    let tally = run(&["--kind", "tally", "--format", "csv"]);
    assert_eq!(tally.lines().nth(1), Some("1.2,3,3.4,2,1,1"));
    // R: x <- c(3, 2, 3, 2); mean(x), sd(x), median(x); one of five missing.
    let audit = run(&["--kind", "tally", "--audit", "--format", "csv"]);
    assert_eq!(
        audit.lines().nth(1),
        Some("a_n,2.5,0.5773502691896257,2.5,2,3,1,0.2")
    );
    assert!(
        audit
            .lines()
            .last()
            .is_some_and(|l| l.starts_with(".total,"))
    );
    let pairs = run(&["--kind", "colpair", "--format", "csv"]);
    assert_eq!(pairs.lines().nth(1), Some("a,b,4,4,5,1,0.8"));
    std::fs::remove_file(&path).expect("removed");
    fails_with(
        &["duplicates", "no-such-table.csv"],
        "cannot read no-such-table.csv",
    );
}
