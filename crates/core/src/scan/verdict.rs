//! Which tests apply to a finding, and their verdicts as rows.

use super::{Confidence, Finding, Kind, Row, ScanOptions};
use crate::check::{Reported, check};
use crate::closure::{Closure, ClosureInput};
use crate::decimal::{Decimal, pow10};
use crate::error::{Error, Result};
use crate::grim::{GrimCase, GrimOptions, grim};
use crate::rounding::{Rounding, unround};
use crate::stats::pcheck::check_p;

/// Every test that applies to `finding`, one row each; `one_tailed` says,
/// when a p-value fits only one-tailed, whether the paper speaks of
/// one-tailed tests.
pub(super) fn rows(
    finding: Finding,
    options: &ScanOptions,
    one_tailed: &dyn Fn() -> bool,
) -> Vec<Row> {
    let mut out = Vec::new();
    match finding.kind {
        Kind::Apa => out.push(p_value(&finding, options, one_tailed)),
        Kind::MeanSd => {
            out.push(descriptive(&finding));
            if finding.scale.is_some() && !finding.binary {
                out.extend(closure(&finding, options));
            }
        }
        Kind::Percent => out.push(percent(&finding)),
    }
    out.into_iter()
        .map(|row| Row {
            finding: finding.clone(),
            ..row
        })
        .collect()
}

/// A verdict in words: an inconsistency that rests on a guessed n says so.
fn verdict(consistent: bool, confidence: Confidence) -> String {
    match (consistent, confidence) {
        (true, _) => "consistent".into(),
        (false, Confidence::Sure) => "inconsistent".into(),
        (false, Confidence::Guessed) => "inconsistent (guessed n)".into(),
    }
}

fn not_checked(test: &str, error: &Error) -> Row {
    Row {
        test: test.into(),
        verdict: "not checked".into(),
        error: error.to_string(),
        ..Row::default()
    }
}

/// The p-value check. A p consistent only one-tailed is consistent where
/// the paper speaks of one-tailed tests, and otherwise an inconsistency
/// whose reason says it would hold one-tailed.
fn p_value(finding: &Finding, options: &ScanOptions, one_tailed: &dyn Fn() -> bool) -> Row {
    let Some(result) = &finding.apa else {
        return Row::default();
    };
    match check_p(result, &options.p) {
        Ok(check) if check.one_tailed_possible && one_tailed() => {
            let range = p_range(check.computed_p_low / 2.0, check.computed_p_high / 2.0);
            Row {
                test: "p-value".into(),
                consistent: Some(true),
                verdict: "consistent (one-tailed)".into(),
                reason: format!(
                    "consistent one-tailed ({range}), as the paper speaks of one-tailed tests; \
                     two-tailed, {}",
                    check.reason
                ),
                consistent_values: range,
                ..Row::default()
            }
        }
        Ok(check) => Row {
            test: "p-value".into(),
            consistent: Some(check.consistency),
            verdict: match (check.consistency, check.decision_error) {
                (true, _) => "consistent".into(),
                (false, true) => "decision error".into(),
                (false, false) => "inconsistent".into(),
            },
            reason: if check.one_tailed_possible {
                format!("{}; consistent if the test was one-tailed", check.reason)
            } else {
                check.reason.into_owned()
            },
            consistent_values: p_range(check.computed_p_low, check.computed_p_high),
            ..Row::default()
        },
        Err(e) => not_checked("p-value", &e),
    }
}

/// The recomputed p's range, to three significant digits.
fn p_range(low: f64, high: f64) -> String {
    let show = |p: f64| {
        if p < 0.001 {
            format!("{p:.2e}")
        } else {
            format!("{p:.3}")
        }
    };
    if show(low) == show(high) {
        format!("p = {}", show(low))
    } else {
        format!("p from {} to {}", show(low), show(high))
    }
}

fn missing_n(test: &str) -> Row {
    Row {
        test: test.into(),
        verdict: "not checked".into(),
        reason: "no sample size found".into(),
        ..Row::default()
    }
}

/// GRIM, GRIMMER or DEBIT, as [`check`] chooses for a mean and an SD.
fn descriptive(finding: &Finding) -> Row {
    let test = if finding.binary { "DEBIT" } else { "GRIMMER" };
    let (Some(mean), Some(n)) = (&finding.mean, finding.n) else {
        return missing_n(test);
    };
    let (n_text, items_text) = (n.to_string(), finding.items.map(|k| k.to_string()));
    let case = Reported {
        x: mean,
        sd: finding.sd.as_deref(),
        n: &n_text,
        items: items_text.as_deref(),
        binary: finding.binary,
    };
    let items = finding
        .items
        .map(|k| format!(" and {k} items"))
        .unwrap_or_default();
    match check(&[case], &Default::default()).map(|mut v| v.remove(0)) {
        Ok(v) => {
            let consistent = v.consistency;
            let grim_failed = v.reason == "GRIM inconsistent";
            Row {
                test: v.test.name().into(),
                consistent,
                verdict: consistent
                    .map_or("not decided".into(), |c| verdict(c, finding.confidence)),
                reason: format!("{} with n = {n}{items}", v.reason),
                consistent_values: if grim_failed {
                    nearest_means(mean, n * u64::from(finding.items.unwrap_or(1)))
                        .unwrap_or_default()
                } else {
                    String::new()
                },
                ..Row::default()
            }
        }
        Err(e) => not_checked(test, &e),
    }
}

/// The means of `n` integers nearest to `mean` on either side, with its
/// decimals: what GRIM would have accepted.
fn nearest_means(mean: &str, n: u64) -> Result<String> {
    let x = Decimal::parse(mean)?;
    let scale = pow10(x.scale())?;
    let n = i128::from(n);
    let overflow = || Error::Overflow("a nearby mean");
    let product = x.mantissa().checked_mul(n).ok_or_else(overflow)?;
    let below = product.div_euclid(scale);
    let shown: Vec<String> = [below, below + 1]
        .iter()
        .map(|&sum| {
            let twice = sum.checked_mul(scale * 2).ok_or_else(overflow)?;
            let mantissa = (twice + n).div_euclid(2 * n);
            Ok(format!("{} (sum {sum})", Decimal::new(mantissa, x.scale())))
        })
        .collect::<Result<_>>()?;
    Ok(format!("M = {} or {}", shown[0], shown[1]))
}

/// Whether any sample on the stated scale has this mean and SD.
fn closure(finding: &Finding, options: &ScanOptions) -> Option<Row> {
    let (lo, hi, _) = finding.scale.as_ref()?;
    let (mean, sd, n) = (finding.mean.as_ref()?, finding.sd.as_ref()?, finding.n?);
    if n > options.closure_max_n {
        return Some(Row {
            test: "CLOSURE".into(),
            verdict: "not checked".into(),
            reason: format!("n = {n} is over closure_max_n = {}", options.closure_max_n),
            ..Row::default()
        });
    }
    let exists = || -> Result<bool> {
        let mut input = ClosureInput::new(Decimal::parse(mean)?, Decimal::parse(sd)?, n, *lo, *hi);
        input.items = finding.items.unwrap_or(1);
        Closure::new(&input)?.exists()
    };
    Some(match exists() {
        Ok(exists) => Row {
            test: "CLOSURE".into(),
            consistent: Some(exists),
            verdict: verdict(exists, finding.confidence),
            reason: if exists {
                format!("some sample of {n} values on {lo}-{hi} has this mean and SD")
            } else {
                format!("no sample of {n} values on {lo}-{hi} has this mean and SD")
            },
            ..Row::default()
        },
        Err(e) => not_checked("CLOSURE", &e),
    })
}

/// A percentage with its count (`23 of 40 (57.5%)`): exactly whether
/// 100 · count / n rounds to it; without a count, GRIM on the percentage.
fn percent(finding: &Finding) -> Row {
    let (Some(percent), Some(n)) = (&finding.percent, finding.n) else {
        return missing_n("percent");
    };
    let decide = || -> Result<Row> {
        let reported = Decimal::parse(percent)?;
        if n == 0 {
            return Err(Error::invalid(
                "n",
                "the base of a percentage must be at least 1",
            ));
        }
        let Some(count) = finding.count else {
            let case = GrimCase::new(reported, n, 1)?;
            let options = GrimOptions {
                percent: true,
                ..GrimOptions::default()
            };
            let ok = grim(&case, &options)?;
            return Ok(Row {
                test: "GRIM".into(),
                consistent: Some(ok),
                verdict: verdict(ok, finding.confidence),
                reason: if ok {
                    format!("some count of {n} gives {percent}%")
                } else {
                    format!("no count of {n} gives {percent}%")
                },
                ..Row::default()
            });
        };
        let bounds = unround(&reported, &Rounding::default())?;
        let ok = bounds.contains(100 * i128::from(count), i128::from(n))?;
        let scale = pow10(reported.scale())?;
        let exact = Decimal::new(
            (200 * i128::from(count) * scale + i128::from(n)).div_euclid(2 * i128::from(n)),
            reported.scale(),
        );
        Ok(Row {
            test: "percent".into(),
            consistent: Some(ok),
            verdict: verdict(ok, finding.confidence),
            reason: format!("{count} of {n} is {exact}%"),
            consistent_values: if ok {
                String::new()
            } else {
                format!("{exact}%")
            },
            ..Row::default()
        })
    };
    decide().unwrap_or_else(|e| not_checked("percent", &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_means_straddle_the_report() {
        assert_eq!(
            nearest_means("5.19", 28).as_deref(),
            Ok("M = 5.18 (sum 145) or 5.21 (sum 146)")
        );
    }

    #[test]
    fn p_ranges_read_well() {
        assert_eq!(p_range(0.0312, 0.0318), "p from 0.031 to 0.032");
        assert_eq!(p_range(1.2e-7, 1.25e-7), "p from 1.20e-7 to 1.25e-7");
    }
}
