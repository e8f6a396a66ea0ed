//! R scrutiny 0.6.1's own outputs, replayed in compat mode: every row must
//! agree bit for bit.

use ferrox::debit::{DebitCase, DebitOptions, debit};
use ferrox::grim::{GrimCase, GrimOptions, grim};
use ferrox::grimmer::{GrimmerCase, GrimmerOptions, grimmer};
use ferrox::rounding::scrutiny;
use ferrox::{Decimal, Error, Mode, Rounding};

type Row = std::collections::HashMap<String, String>;

fn rows(file: &str) -> Vec<Row> {
    let path = format!(
        "{}/../../testdata/reference/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rows: Vec<Row> = reader
        .deserialize()
        .map(|r| r.expect("a CSV row"))
        .collect();
    assert!(rows.len() > 10, "{file} has too few rows");
    rows
}

fn rounding(row: &Row) -> Result<Rounding, Error> {
    Rounding::parse(
        &row["rounding"],
        row["threshold"].parse().expect("threshold"),
        row.get("symmetric").is_some_and(|s| s == "TRUE"),
    )
}

fn is_error(row: &Row) -> bool {
    row["note"].starts_with("ERROR")
}

#[test]
fn grim_matches_scrutiny() {
    for row in rows("grim_examples.csv") {
        let result = rounding(&row).and_then(|rounding| {
            let case = GrimCase::new(
                Decimal::parse(&row["x"])?,
                row["n"].parse().expect("n"),
                row["items"].parse().expect("items"),
            )?;
            let opts = GrimOptions {
                percent: row["percent"] == "TRUE",
                rounding,
                mode: Mode::Scrutiny,
            };
            grim(&case, &opts)
        });
        if is_error(&row) {
            assert!(result.is_err(), "{row:?} should fail, got {result:?}");
        } else {
            let expected = row["consistency"] == "TRUE";
            assert_eq!(result, Ok(expected), "{row:?}");
        }
    }
}

#[test]
fn reround_matches_scrutiny() {
    for row in rows("reround_examples.csv") {
        let result = rounding(&row).map(|rounding| {
            let x: f64 = row["x"].parse().expect("x");
            let digits: i32 = row["digits"].parse().expect("digits");
            scrutiny::reround(x, digits, &rounding)
                .iter()
                .collect::<Vec<_>>()
        });
        if is_error(&row) {
            assert!(result.is_err(), "{row:?} should fail, got {result:?}");
            continue;
        }
        let expected: Vec<f64> = row["result"]
            .split(';')
            .map(|v| v.parse().expect("result"))
            .collect();
        let got = result.unwrap_or_else(|e| panic!("{row:?}: {e}"));
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&got), bits(&expected), "{row:?}: got {got:?}");
    }
}

#[test]
fn unround_matches_scrutiny() {
    for row in rows("unround_examples.csv") {
        let result =
            rounding(&row).and_then(|r| scrutiny::unround(&Decimal::parse(&row["x"])?, &r));
        if is_error(&row) {
            assert!(result.is_err(), "{row:?} should fail, got {result:?}");
            continue;
        }
        let b = result.unwrap_or_else(|e| panic!("{row:?}: {e}"));
        let num = |key: &str| -> f64 { row[key].parse().unwrap_or(f64::NAN) };
        let same = |a: f64, b: f64| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
        assert!(
            same(b.lower, num("lower")) && same(b.upper, num("upper")),
            "{row:?}: got {b:?}"
        );
        assert_eq!(
            (b.incl_lower, b.incl_upper),
            (row["incl_lower"] == "TRUE", row["incl_upper"] == "TRUE"),
            "{row:?}"
        );
        assert_eq!(
            Decimal::parse(&row["x"]).map(|d| d.scale().to_string()),
            Ok(row["digits"].clone())
        );
    }
}

#[test]
fn grimmer_matches_scrutiny() {
    for row in rows("grimmer_examples.csv") {
        let result = rounding(&row).and_then(|rounding| {
            let case = GrimmerCase::new(
                Decimal::parse(&row["x"])?,
                Decimal::parse(&row["sd"])?,
                row["n"].parse().expect("n"),
                row["items"].parse().expect("items"),
            )?;
            let opts = GrimmerOptions {
                rounding,
                mode: Mode::Scrutiny,
                scale: None,
            };
            grimmer(&case, &opts)
        });
        if is_error(&row) {
            assert!(result.is_err(), "{row:?} should fail, got {result:?}");
        } else {
            let verdict = result.unwrap_or_else(|e| panic!("{row:?}: {e}"));
            assert_eq!(verdict.reason(), row["reason"], "{row:?}");
            assert_eq!(verdict.is_consistent(), row["consistency"] == "TRUE");
        }
    }
}

#[test]
fn debit_matches_scrutiny() {
    let logical = |s: &str| match s {
        "TRUE" => Some(true),
        "FALSE" => Some(false),
        _ => None,
    };
    let float = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
    for row in rows("debit_examples.csv") {
        let result = rounding(&row).and_then(|rounding| {
            let case = DebitCase::new(
                Decimal::parse(&row["x"])?,
                Decimal::parse(&row["sd"])?,
                row["n"].parse().expect("n"),
            )?;
            debit(
                &case,
                &DebitOptions {
                    rounding,
                    mode: Mode::Scrutiny,
                },
            )
        });
        if is_error(&row) {
            assert!(result.is_err(), "{row:?} should fail, got {result:?}");
            continue;
        }
        let out = result.unwrap_or_else(|e| panic!("{row:?}: {e}"));
        assert_eq!(out.consistency, logical(&row["consistency"]), "{row:?}");
        for (bounds, prefix) in [(out.x, "x"), (out.sd, "sd")] {
            assert_eq!(
                bounds.lower.to_bits(),
                float(&row[&format!("{prefix}_lower")]).to_bits()
            );
            assert_eq!(
                bounds.upper.to_bits(),
                float(&row[&format!("{prefix}_upper")]).to_bits()
            );
            assert_eq!(
                Some(bounds.incl_lower),
                logical(&row[&format!("{prefix}_incl_lower")])
            );
            assert_eq!(
                Some(bounds.incl_upper),
                logical(&row[&format!("{prefix}_incl_upper")])
            );
        }
    }
}

/// Every procedure with every test on a seeded grid of reports (made for
/// this file, run through scrutiny 0.6.1): counts of the rows where compat
/// mode and scrutiny disagree, per test and procedure, must all be zero.
#[test]
fn every_procedure_matches_scrutiny_in_every_test() {
    let mut disagreements = std::collections::BTreeMap::<String, Vec<String>>::new();
    for row in rows("procedure_grid.csv") {
        let d = |name: &str| Decimal::parse(&row[name]);
        let n: u64 = row["n"].parse().expect("n");
        let items: u32 = row["items"].parse().expect("items");
        let got: Result<String, Error> = rounding(&row).and_then(|rounding| {
            Ok(match row["test"].as_str() {
                "grim" => {
                    let opts = GrimOptions {
                        percent: false,
                        rounding,
                        mode: Mode::Scrutiny,
                    };
                    grim(&GrimCase::new(d("x")?, n, items)?, &opts)?.to_string()
                }
                "grimmer" => {
                    let opts = GrimmerOptions {
                        rounding,
                        mode: Mode::Scrutiny,
                        scale: None,
                    };
                    let verdict = grimmer(&GrimmerCase::new(d("x")?, d("sd")?, n, items)?, &opts)?;
                    format!("{} {}", verdict.is_consistent(), verdict.reason())
                }
                _ => {
                    let opts = DebitOptions {
                        rounding,
                        mode: Mode::Scrutiny,
                    };
                    let row = debit(&DebitCase::new(d("x")?, d("sd")?, n)?, &opts)?;
                    row.consistency.map_or("NA".into(), |c| c.to_string())
                }
            })
        });
        let expected = match (row["test"].as_str(), row["consistency"].as_str()) {
            (_, "NA") => "NA".to_owned(),
            ("grimmer", c) => format!("{} {}", c == "TRUE", row["reason"]),
            (_, c) => (c == "TRUE").to_string(),
        };
        if got.as_ref().ok() != Some(&expected) {
            let key = format!("{} {}", row["test"], row["rounding"]);
            disagreements.entry(key).or_default().push(format!(
                "x {} sd {} n {n} items {items}: scrutiny {expected}, ferrox {got:?}",
                row["x"], row["sd"]
            ));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

/// `reround_to_fraction`, `rounding_bias` and `restore_zeros` on the
/// column functions the front doors call, compat mode for the first two.
#[test]
fn rounding_extras_match_scrutiny() {
    use ferrox::rounding::columns::{reround_to_fraction, restore_zeros, rounding_bias};
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    for row in rows("rounding_extras.csv") {
        let x: Vec<&str> = row["x"].split('|').collect();
        let expected = &row["result"];
        if row["fn"] == "restore_zeros" {
            let width = row["width"].parse().ok();
            let got = restore_zeros(&x, width, ".", ".");
            if is_error(&row) {
                assert!(got.is_err(), "{row:?} should fail");
                continue;
            }
            let got: Vec<String> = got.expect("restored").into_iter().flatten().collect();
            assert_eq!(&got.join(";"), expected, "{row:?}");
            continue;
        }
        let rounding = rounding(&row).expect("rounding");
        let digits: f64 = row["digits"].parse().expect("digits");
        let expected: Vec<f64> = expected
            .split(';')
            .map(|v| v.parse().expect("result"))
            .collect();
        let got = if row["fn"] == "rounding_bias" {
            let bias = rounding_bias(&x, &[digits], &rounding, Mode::Scrutiny).expect("bias");
            // R's mean() refines by residuals that can cost it digits where
            // the biases cancel; ours is the correctly rounded mean.
            let (mean, r_mean) = (bias.mean, expected[0]);
            assert!(
                (mean - r_mean).abs() <= 1e-6 * r_mean.abs() + 1e-300,
                "{row:?}: mean {mean}"
            );
            [vec![r_mean], bias.values].concat()
        } else {
            let den: f64 = row["denominator"].parse().expect("denominator");
            let digits = digits.is_finite().then_some(digits);
            reround_to_fraction(&x, &[den], digits, &rounding, Mode::Scrutiny).expect("fraction")
        };
        assert_eq!(bits(&got), bits(&expected), "{row:?}: got {got:?}");
    }
}

/// rsprite2's `boundary_test()`: the same verdict, and the same SD range
/// once ours is rounded as rsprite2 rounds it (the least half down, the
/// greatest half up, to the SD's decimals).
#[test]
fn sd_bounds_match_rsprite2() {
    use ferrox::Procedure;
    use ferrox::sd_bounds::{SdBoundsCase, sd_bounds};
    for row in rows("sd_bounds_rsprite2.csv") {
        let d = |k: &str| Decimal::parse(&row[k]).expect("a decimal");
        let int = |k: &str| row[k].parse::<i64>().expect("a whole number");
        let case = SdBoundsCase::new(
            d("x"),
            int("n") as u64,
            int("items") as u32,
            (int("scale_min"), int("scale_max")),
        )
        .expect("a case")
        .with_sd(d("sd"));
        let got = sd_bounds(&case, &Rounding::default()).expect("bounds");
        assert_eq!(
            got.consistency,
            Some(row["consistency"] == "TRUE"),
            "{row:?}: {got:?}"
        );
        if row["sd_min"] == "NA" {
            continue;
        }
        let places = d("sd").scale();
        let round = |v: f64, procedure| {
            let v = Decimal::from_f64(v).expect("finite");
            let r = Rounding::new(procedure, 5, false).expect("rounding");
            ferrox::reround(v.mantissa(), 10i128.pow(v.scale()), places, &r)
                .expect("rounded")
                .iter()
                .next()
                .map(|d| d.to_f64())
        };
        let expected = (
            row["sd_min"].parse::<f64>().ok(),
            row["sd_max"].parse::<f64>().ok(),
        );
        assert_eq!(
            (
                round(got.sd_min, Procedure::Down),
                round(got.sd_max, Procedure::Up)
            ),
            expected,
            "{row:?}: {got:?}"
        );
    }
}
