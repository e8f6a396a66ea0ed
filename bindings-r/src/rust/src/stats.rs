//! Reported test statistics: the p check on columns, APA strings or a
//! text, the parser, GRIM-U and t-tests from summary statistics.

use extendr_api::prelude::*;
use ferrox::input::{PArgs, RoundingArgs, at_row, count};
use ferrox::stats::apa::{ApaResult, Cells, ReportedP, char_spans, find_results, parse_results};
use ferrox::stats::pcheck::{COLUMNS, PCheck, POptions, check_p_map, check_p_rows};
use ferrox::stats::ranks::{GrimUCase, GrimUOptions, grim_u_map};
use ferrox::stats::summary_t::{TCase, TRange, TVerdict, t_from_summary_map};
use ferrox::{Decimal, Error, Result};

use crate::respond;

/// The p check's settings from the R side's list (`rounding`, `threshold`,
/// `symmetric`, `alpha`, `p_equal_alpha_significant`, `p_truncation`,
/// `one_tailed`).
pub(crate) fn options(settings: &List) -> Result<POptions> {
    let map = crate::fields(settings);
    let text = |name: &str| map.get(name).and_then(|v| v.as_str()).unwrap_or("");
    let real = |name: &str| map.get(name).and_then(|v| v.as_real()).unwrap_or(f64::NAN);
    let flag = |name: &str| map.get(name).and_then(|v| v.as_bool()).unwrap_or(false);
    PArgs {
        rounding: RoundingArgs {
            rounding: text("rounding"),
            threshold: real("threshold"),
            symmetric: flag("symmetric"),
            compat: None,
        },
        alpha: real("alpha"),
        p_equal_alpha_significant: flag("p_equal_alpha_significant"),
        p_truncation: flag("p_truncation"),
        one_tailed: flag("one_tailed"),
    }
    .options()
}

/// A character vector's cells, `None` where `NA`.
fn texts<'a>(x: &'a Robj, name: &'static str) -> Result<Vec<Option<&'a str>>> {
    let iter = x
        .as_str_iter()
        .ok_or_else(|| Error::invalid(name, "it must be a character vector"))?;
    Ok(iter.map(|s| (!s.is_na()).then_some(s)).collect())
}

/// The p check over columns of text (the R side recycles and converts).
/// @noRd
#[extendr]
fn p_check_columns(test: Robj, value: Robj, df1: Robj, df2: Robj, p: Robj, settings: List) -> List {
    respond((|| {
        let options = options(&settings)?;
        let (test, value, p) = (
            texts(&test, "test")?,
            texts(&value, "value")?,
            texts(&p, "p")?,
        );
        let (df1, df2) = (texts(&df1, "df1")?, texts(&df2, "df2")?);
        let row = |i: usize| {
            Cells {
                test: test[i].unwrap_or(""),
                value: value[i].unwrap_or(""),
                df1: df1[i],
                df2: df2[i],
                p: p[i].unwrap_or(""),
            }
            .parse()
        };
        checks_list(check_p_rows(test.len(), row, &options)?, List::new(0))
    })())
}

/// The p check over APA strings, with the parts read.
/// @noRd
#[extendr]
fn p_check_results(results: Robj, settings: List) -> List {
    respond((|| {
        let options = options(&settings)?;
        let texts: Vec<&str> = texts(&results, "result")?
            .into_iter()
            .map(|s| s.unwrap_or(""))
            .collect();
        let parsed = parse_results(&texts)?;
        checks_list(check_p_map(&parsed, &options)?, parts(&parsed))
    })())
}

/// Every result in a text, checked, with its place: `start` and `end` as
/// `substr()` takes them (characters, from 1, end included).
/// @noRd
#[extendr]
fn p_check_text(text: &str, settings: List) -> List {
    respond((|| {
        let options = options(&settings)?;
        let found = find_results(text);
        let results: Vec<ApaResult> = found.iter().map(|f| f.result).collect();
        // substr() counts characters from 1 and includes the end.
        let spans = char_spans(text, &found);
        let start: Vec<f64> = spans.iter().map(|s| s.start as f64 + 1.0).collect();
        let end: Vec<f64> = spans.iter().map(|s| s.end as f64).collect();
        let snippets: Vec<&str> = found.iter().map(|f| &text[f.span.clone()]).collect();
        let mut columns = parts(&results);
        columns.push(("start", start.into_robj()));
        columns.push(("end", end.into_robj()));
        columns.push(("text", snippets.into_robj()));
        checks_list(check_p_map(&results, &options)?, List::from_pairs(columns))
    })())
}

/// The parts of results as named columns.
fn parts(results: &[ApaResult]) -> Vec<(&'static str, Robj)> {
    let df = |d: Option<Decimal>| d.map(|d| d.to_f64());
    vec![
        (
            "test",
            results
                .iter()
                .map(|r| r.test.name())
                .collect::<Vec<_>>()
                .into_robj(),
        ),
        (
            "df1",
            results
                .iter()
                .map(|r| df(r.df1))
                .collect::<Vec<_>>()
                .into_robj(),
        ),
        (
            "df2",
            results
                .iter()
                .map(|r| df(r.df2))
                .collect::<Vec<_>>()
                .into_robj(),
        ),
        (
            "value",
            results
                .iter()
                .map(|r| r.value_cell().to_string())
                .collect::<Vec<_>>()
                .into_robj(),
        ),
        (
            "p",
            results
                .iter()
                .map(|r| r.p.to_string())
                .collect::<Vec<_>>()
                .into_robj(),
        ),
    ]
}

/// The check's columns after `first`.
fn checks_list(
    checks: Vec<PCheck>,
    first: impl IntoIterator<Item = (&'static str, Robj)>,
) -> Result<List> {
    let real = |f: fn(&PCheck) -> f64| checks.iter().map(f).collect::<Vec<_>>().into_robj();
    let flag = |f: fn(&PCheck) -> bool| checks.iter().map(f).collect::<Vec<_>>().into_robj();
    let mut columns: Vec<(&str, Robj)> = first.into_iter().collect();
    let values = [
        real(|c| c.computed_p),
        real(|c| c.computed_p_low),
        real(|c| c.computed_p_high),
        flag(|c| c.consistency),
        flag(|c| c.decision_error),
        flag(|c| c.one_tailed_possible),
        checks
            .iter()
            .map(|c| c.reason.as_ref())
            .collect::<Vec<_>>()
            .into_robj(),
    ];
    columns.extend(COLUMNS.into_iter().zip(values));
    Ok(List::from_pairs(columns))
}

/// APA strings read into their parts (`NA` where absent).
/// @noRd
#[extendr]
fn parse_result_cells(texts_: Robj) -> List {
    respond((|| {
        let texts: Vec<&str> = texts(&texts_, "x")?
            .into_iter()
            .map(|s| s.unwrap_or(""))
            .collect();
        let results = parse_results(&texts)?;
        let text = |d: Option<Decimal>| d.map(|d| d.to_string());
        Ok(list!(
            test = results.iter().map(|r| r.test.name()).collect::<Vec<_>>(),
            df1 = results.iter().map(|r| text(r.df1)).collect::<Vec<_>>(),
            df2 = results.iter().map(|r| text(r.df2)).collect::<Vec<_>>(),
            n = results
                .iter()
                .map(|r| r.n.map(|n| n as f64))
                .collect::<Vec<_>>(),
            comparison = results
                .iter()
                .map(|r| r.comparison.symbol())
                .collect::<Vec<_>>(),
            value = results
                .iter()
                .map(|r| r.value.to_string())
                .collect::<Vec<_>>(),
            p_comparison = results.iter().map(|r| r.p.sign()).collect::<Vec<_>>(),
            p = results
                .iter()
                .map(|r| r.p.value().map(|p| p.to_string()))
                .collect::<Vec<_>>()
        ))
    })())
}

/// One optional reported p per row (`NA`: none).
fn reported_ps(p: &Robj) -> Result<Vec<Option<ReportedP>>> {
    texts(p, "p")?
        .into_iter()
        .map(|cell| cell.map(ReportedP::parse).transpose())
        .collect()
}

/// GRIM-U over recycled vectors.
/// @noRd
#[extendr]
fn grim_u_cases(u: Robj, n1: &[f64], n2: &[f64], p: Robj, ties: bool, settings: List) -> List {
    respond((|| {
        let options = GrimUOptions {
            p: options(&settings)?,
            ties,
        };
        let (u, p) = (crate::reported(&u)?, reported_ps(&p)?);
        let cases = (0..u.len())
            .map(|i| {
                Ok(GrimUCase {
                    u: u[i],
                    n1: count(n1[i], "n1")?,
                    n2: count(n2[i], "n2")?,
                    p: p[i],
                })
                .map_err(at_row(u.len(), i))
            })
            .collect::<Result<Vec<_>>>()?;
        let verdicts = grim_u_map(&cases, &options)?;
        Ok(list!(
            u_consistency = verdicts.iter().map(|v| v.u_consistency).collect::<Vec<_>>(),
            p_consistency = verdicts
                .iter()
                .map(|v| v.p_consistency.map_or(Rbool::na(), Rbool::from))
                .collect::<Logicals>(),
            methods = verdicts
                .iter()
                .map(|v| v.methods.as_str())
                .collect::<Vec<_>>(),
            computed_p = verdicts.iter().map(|v| v.computed_p).collect::<Vec<_>>(),
            p_low = verdicts.iter().map(|v| v.p_low).collect::<Vec<_>>(),
            p_high = verdicts.iter().map(|v| v.p_high).collect::<Vec<_>>()
        ))
    })())
}

/// t-tests from summaries over recycled vectors; `m2` all `NA` for the
/// one-sample and paired forms.
/// @noRd
#[extendr]
#[allow(clippy::too_many_arguments)]
fn t_summary_cases(
    m1: Robj,
    sd1: Robj,
    n1: &[f64],
    m2: Robj,
    sd2: Robj,
    n2: &[f64],
    test: Vec<String>,
    mu: Robj,
    t: Robj,
    p: Robj,
    settings: List,
) -> List {
    respond((|| {
        let options = options(&settings)?;
        let (m1, sd1, mu) = (
            crate::reported(&m1)?,
            crate::reported(&sd1)?,
            crate::reported(&mu)?,
        );
        let optional = |x: &Robj, name: &'static str| -> Result<Vec<Option<Decimal>>> {
            texts(x, name)?
                .into_iter()
                .map(|cell| cell.map(Decimal::parse).transpose())
                .collect()
        };
        let (m2, sd2, t) = (
            optional(&m2, "m2")?,
            optional(&sd2, "sd2")?,
            optional(&t, "t")?,
        );
        let p = reported_ps(&p)?;
        let rows = m1.len();
        let cases = (0..rows)
            .map(|i| {
                let (first, second) = ((m1[i], sd1[i], n1[i]), (m2[i], sd2[i], n2[i]));
                TCase::from_row(first, second, &test[i], mu[i], t[i], p[i]).map_err(at_row(rows, i))
            })
            .collect::<Result<Vec<_>>>()?;
        let verdicts = t_from_summary_map(&cases, &options)?;
        let field =
            |f: fn(&TRange) -> f64| verdicts.iter().map(|v| f(&v.range)).collect::<Vec<_>>();
        let verdict = |f: fn(&TVerdict) -> Option<bool>| {
            verdicts
                .iter()
                .map(|v| f(v).map_or(Rbool::na(), Rbool::from))
                .collect::<Logicals>()
        };
        Ok(list!(
            t_low = field(|r| r.t_low),
            t_high = field(|r| r.t_high),
            df_low = field(|r| r.df_low),
            df_high = field(|r| r.df_high),
            p_low = field(|r| r.p_low),
            p_high = field(|r| r.p_high),
            t_consistency = verdict(|v| v.t_consistency),
            p_consistency = verdict(|v| v.p_consistency)
        ))
    })())
}

extendr_module! {
    mod stats;
    fn p_check_columns;
    fn p_check_results;
    fn p_check_text;
    fn parse_result_cells;
    fn grim_u_cases;
    fn t_summary_cases;
}
