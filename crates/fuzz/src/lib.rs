//! Fuzz targets of ferrox: one body per public entry of the core, each
//! taking raw bytes. `fuzz/` runs them under libFuzzer (`make fuzz`);
//! `tests/short_pass.rs` runs them on seeded random bytes in `make test`.
//!
//! A body fails (panics) only where ferrox would be wrong: a panic inside
//! ferrox, or an answer that breaks an invariant checked here. Errors are
//! fine: bad input must give a typed error, and does. Sizes are bounded so
//! that every run ends soon: the fuzzer looks for crashes and wrong
//! answers, `tests/hardening.rs` in the core for huge inputs.
//!
//! ```
//! ferrox_fuzz::decimal(b"5.20");
//! ferrox_fuzz::grimmer(&[7; 64]);
//! ferrox_fuzz::document(b"\x01garbage");
//! ```

use arbitrary::{Arbitrary, Unstructured};
use ferrox::check::{CheckOptions, Reported, check};
use ferrox::closure::{Closure, ClosureInput, Restrictions};
use ferrox::debit::{DebitCase, DebitOptions, debit};
use ferrox::extract::{Limits, read};
use ferrox::grim::{GrimCase, GrimOptions, grim};
use ferrox::grimmer::{self as grimmer_test, GrimmerCase, GrimmerOptions};
use ferrox::input::{self, ClosureArgs, RoundingArgs, SpriteArgs};
use ferrox::kernels::cubic::cubic_roots;
use ferrox::kernels::matrix_power::{Overflow, PowerOptions, matrix_power};
use ferrox::rounding::Procedure;
use ferrox::scan::{ScanOptions, scan_text};
use ferrox::sprite::sprite;
use ferrox::stats::apa::{Cells, find_results, parse_result};
use ferrox::stats::pcheck::{POptions, check_p};
use ferrox::stats::summary_t::{Group, SummaryOptions, TForm, t_from_summary};
use ferrox::{Decimal, Mode, Rounding, unround};

/// A fuzz body: it panics only where ferrox is wrong.
pub type Target = fn(&[u8]);

/// Every target, by name, for the short pass and `make fuzz`.
pub const TARGETS: [(&str, Target); 17] = [
    ("decimal", decimal),
    ("rounding", rounding),
    ("grim", grim_target),
    ("grimmer", grimmer),
    ("debit", debit_target),
    ("check", check_target),
    ("closure", closure),
    ("sprite", sprite_target),
    ("arguments", arguments),
    ("matrix_power", matrix_power_target),
    ("cubic", cubic),
    ("apa_text", apa_text),
    ("p_check", p_check),
    ("t_summary", t_summary),
    ("document", document),
    ("docx_xml", docx_xml),
    ("scan", scan_target),
];

/// Text that looks like a reported number more often than random bytes do.
#[derive(Debug, Arbitrary)]
enum Number {
    Text(String),
    Digits {
        whole: u32,
        decimals: u16,
        scale: u8,
        negative: bool,
    },
}

impl Number {
    fn text(&self) -> String {
        match self {
            Number::Text(text) => text.clone(),
            Number::Digits {
                whole,
                decimals,
                scale,
                negative,
            } => {
                let sign = if *negative { "-" } else { "" };
                match scale % 6 {
                    0 => format!("{sign}{whole}"),
                    places => {
                        let places = usize::from(places);
                        format!(
                            "{sign}{}.{:0places$}",
                            whole % 1000,
                            decimals % 10u16.pow(places.min(4) as u32)
                        )
                    }
                }
            }
        }
    }
}

/// A rounding procedure and its settings.
#[derive(Debug, Arbitrary)]
struct Settings {
    procedure: u8,
    threshold: u8,
    symmetric: bool,
    scrutiny: bool,
}

impl Settings {
    fn rounding(&self) -> Option<Rounding> {
        let procedure = Procedure::ALL[usize::from(self.procedure) % Procedure::ALL.len()];
        Rounding::new(procedure, self.threshold % 10, self.symmetric).ok()
    }

    fn mode(&self) -> Mode {
        if self.scrutiny {
            Mode::Scrutiny
        } else {
            Mode::Exact
        }
    }
}

fn take<'a, T: Arbitrary<'a>>(data: &'a [u8]) -> Option<T> {
    T::arbitrary(&mut Unstructured::new(data)).ok()
}

/// `Decimal::parse` on any text: a parsed number prints as it was read and
/// reads back the same.
pub fn decimal(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(x) = Decimal::parse(text) {
        let again = Decimal::parse(&x.to_string()).expect("a printed decimal reads back");
        assert_eq!(again, x, "{text:?}");
        assert!(x.to_f64().is_finite() || x.scale() > 300, "{text:?}");
    }
    let _ = ferrox::decimal::split_parens(text);
}

/// `unround`, `interval` and `reround` on any report and procedure: the
/// interval a report comes from is not empty.
pub fn rounding(data: &[u8]) {
    let Some((number, settings)) = take::<(Number, Settings)>(data) else {
        return;
    };
    let (Ok(x), Some(rounding)) = (Decimal::parse(&number.text()), settings.rounding()) else {
        return;
    };
    if let Ok(bounds) = unround(&x, &rounding) {
        let scale = bounds.lower.scale().max(bounds.upper.scale());
        if let (Ok(lower), Ok(upper)) = (bounds.lower.rescale(scale), bounds.upper.rescale(scale)) {
            assert!(lower.mantissa() <= upper.mantissa(), "{x}: {bounds:?}");
        }
    }
    let _ = ferrox::rounding::interval(&x, &rounding, settings.mode());
    let _ = ferrox::reround(x.mantissa(), 7, x.scale().min(12), &rounding);
}

#[derive(Debug, Arbitrary)]
struct Case {
    x: Number,
    sd: Number,
    n: u64,
    items: u8,
    percent: bool,
    settings: Settings,
}

impl Case {
    /// n from 1 up: small ones most of the time, any one now and then.
    fn n(&self) -> u64 {
        if self.n % 4 == 0 {
            self.n
        } else {
            self.n % 5000 + 1
        }
    }
}

fn grim_target(data: &[u8]) {
    let Some(case) = take::<Case>(data) else {
        return;
    };
    let (Ok(x), Some(rounding)) = (Decimal::parse(&case.x.text()), case.settings.rounding()) else {
        return;
    };
    let opts = GrimOptions {
        percent: case.percent,
        rounding,
        mode: case.settings.mode(),
    };
    if let Ok(grim_case) = GrimCase::new(x, case.n(), u32::from(case.items).max(1)) {
        let _ = grim(&grim_case, &opts);
    }
}

/// A case with a mean and an SD that parse, and a rounding that exists.
fn mean_and_sd(data: &[u8]) -> Option<(Case, Decimal, Decimal, Rounding)> {
    let case = take::<Case>(data)?;
    let x = Decimal::parse(&case.x.text()).ok()?;
    let sd = Decimal::parse(&case.sd.text()).ok()?;
    let rounding = case.settings.rounding()?;
    Some((case, x, sd, rounding))
}

/// GRIMMER: a case consistent in exact mode passes GRIM too.
pub fn grimmer(data: &[u8]) {
    let Some((case, x, sd, rounding)) = mean_and_sd(data) else {
        return;
    };
    let items = u32::from(case.items % 4).max(1);
    let Ok(grimmer_case) = GrimmerCase::new(x, sd, case.n(), items) else {
        return;
    };
    let opts = GrimmerOptions {
        rounding,
        mode: case.settings.mode(),
        scale: case.percent.then_some((1, 7)),
    };
    let verdict = grimmer_test::grimmer(&grimmer_case, &opts);
    if let (Ok(verdict), Mode::Exact) = (verdict, opts.mode) {
        let grim_opts = GrimOptions {
            percent: false,
            rounding,
            mode: Mode::Exact,
        };
        let grim_case = GrimCase::new(x, case.n(), items).expect("a valid GRIMMER case");
        if verdict.is_consistent() {
            assert_eq!(grim(&grim_case, &grim_opts), Ok(true), "{case:?}");
        }
    }
}

fn debit_target(data: &[u8]) {
    let Some((case, x, sd, rounding)) = mean_and_sd(data) else {
        return;
    };
    if let Ok(debit_case) = DebitCase::new(x, sd, case.n()) {
        let opts = DebitOptions {
            rounding,
            mode: case.settings.mode(),
        };
        let _ = debit(&debit_case, &opts);
    }
}

fn check_target(data: &[u8]) {
    let Some(rows) = take::<Vec<(String, Option<String>, String, Option<String>, bool)>>(data)
    else {
        return;
    };
    let cases: Vec<Reported<'_>> = rows
        .iter()
        .take(64)
        .map(|(x, sd, n, items, binary)| Reported {
            x,
            sd: sd.as_deref(),
            n,
            items: items.as_deref(),
            binary: *binary,
        })
        .collect();
    if let Ok(verdicts) = check(&cases, &CheckOptions::default()) {
        assert_eq!(verdicts.len(), cases.len());
    }
}

#[derive(Debug, Arbitrary)]
struct Problem {
    mean: Number,
    sd: Number,
    n: u8,
    scale_min: i8,
    width: u8,
    items: u8,
    errors: Option<(Number, Number)>,
    population: bool,
}

impl Problem {
    /// A CLOSURE problem small enough to count and list in moments.
    fn input(&self) -> Option<ClosureInput> {
        let min = f64::from(self.scale_min % 10);
        let items = f64::from(self.items % 3 + 1);
        let width = f64::from(self.width % 8);
        let parse = |x: &Number| Decimal::parse(&x.text()).ok();
        let (error_mean, error_sd) = match &self.errors {
            Some((m, s)) => (Some(parse(m)?), Some(parse(s)?)),
            None => (None, None),
        };
        let n = f64::from(self.n % 40 + 1);
        let args = ClosureArgs {
            items,
            error_mean,
            error_sd,
            population: self.population,
            ..ClosureArgs::new(parse(&self.mean)?, parse(&self.sd)?, n, min, min + width)
        };
        args.input().ok()
    }
}

/// The most samples whose summary the `closure` body checks.
const SUMMARISED: u128 = 100_000;

/// CLOSURE: exists, count, summary, the exact ranges and the listed samples
/// agree.
pub fn closure(data: &[u8]) {
    let Some(input) = take::<Problem>(data).and_then(|p| p.input()) else {
        return;
    };
    let Ok(closure) = Closure::new(&input) else {
        return;
    };
    let (Ok(count), Ok(exists)) = (closure.count(), closure.exists()) else {
        return;
    };
    assert_eq!(exists, count > 0, "{input:?}");
    // Bigger summaries are right too, but take seconds under the fuzzer's
    // instrumentation, where its timeout would stop the run.
    if count > SUMMARISED {
        return;
    }
    if let Ok(summary) = closure.summary() {
        assert_eq!(summary.count, Some(count), "{input:?}");
    }
    if count <= 2000 {
        let samples = closure.samples(None, 1 << 26).expect("a few samples fit");
        assert_eq!(samples.count(), count, "{input:?}");
        assert_eq!(samples.len() as u128, count, "{input:?}");
        if let Ok(extremes) = closure.extremes() {
            let listed = samples.summary();
            for (range, seen) in extremes.values.iter().zip(&listed) {
                assert_eq!((range.min, range.max), (seen.min, seen.max), "{input:?}");
            }
        }
    }
}

fn sprite_target(data: &[u8]) {
    let Some((problem, seed, n_samples, walk, replace)) =
        take::<(Problem, u32, u8, bool, bool)>(data)
    else {
        return;
    };
    let Some(input) = problem.input() else {
        return;
    };
    let args = SpriteArgs {
        n_samples: f64::from(n_samples % 20),
        seed: f64::from(seed),
        method: if walk { "sprite" } else { "uniform" },
        replace,
        max_iterations: 2000.0,
        max_misses: 10.0,
        ..SpriteArgs::default()
    };
    let Ok(options) = args.options() else {
        return;
    };
    let range = Restrictions::from_args(&[], &[], true, input.scale_min, input.scale_max);
    for restrictions in [Ok(Restrictions::default()), range] {
        let Ok(restrictions) = restrictions else {
            continue;
        };
        if let Ok(drawn) = sprite(&input, &restrictions, &options) {
            assert!(drawn.samples.len() <= options.n_samples, "{input:?}");
            if let (Some(possible), false) = (drawn.possible, replace) {
                assert!(drawn.samples.len() as u128 <= possible, "{input:?}");
            }
        }
    }
}

/// The arguments every door passes through the core: doubles, cells, caps.
pub fn arguments(data: &[u8]) {
    let Some((value, text, name)) = take::<(f64, String, bool)>(data) else {
        return;
    };
    let name = if name { "n" } else { "items" };
    if let Ok(n) = input::count(value, name) {
        assert!((1..=input::MAX_N).contains(&n) && n as f64 == value);
    }
    let _ = input::whole(value, name);
    let _ = input::limit(Some(value), "stop_after");
    let _ = input::truth(&text, "consistency");
    let _ = ferrox::memory::cap_from_mb(value);
    let args = RoundingArgs {
        rounding: &text,
        threshold: value,
        ..RoundingArgs::default()
    };
    let _ = args.settings();
    let _ = ferrox::Rounding::parse(&text, value, name == "n");
}

fn matrix_power_target(data: &[u8]) {
    let Some((m, values, exponent, wrap)) = take::<(u8, Vec<i64>, i64, bool)>(data) else {
        return;
    };
    let m = usize::from(m % 5) + 1;
    if values.len() < m * m {
        return;
    }
    let ints = ndarray::Array2::from_shape_vec((m, m), values[..m * m].to_vec())
        .expect("m * m values")
        .into_dyn();
    let exponent = exponent % 1000;
    let raise = PowerOptions::default();
    if let Ok(exact) = matrix_power(ints.view(), exponent.abs(), &raise) {
        let wrap = PowerOptions {
            overflow: Overflow::Wrap,
            ..raise
        };
        let wrapped =
            matrix_power(ints.view(), exponent.abs(), &wrap).expect("wrapping never fails");
        assert_eq!(exact, wrapped, "an exact power is also the wrapped one");
    }
    let floats = ints.mapv(|v| v as f64 / 1e9);
    let _ = matrix_power(
        floats.view(),
        if wrap { exponent } else { -exponent },
        &raise,
    );
}

fn cubic(data: &[u8]) {
    let Some([a, b, c, d]) = take::<[f64; 4]>(data) else {
        return;
    };
    let roots = cubic_roots(a, b, c, d);
    assert!(roots.count <= 3);
    let _ = ferrox::kernels::cubic::cubic_y_root(a, b);
}

/// The APA parser on any text: what it finds lies in the text, reads back
/// from its own printing, and gets a verdict or a typed error.
pub fn apa_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for found in find_results(&text) {
        let snippet = text
            .get(found.span.clone())
            .expect("a span on character boundaries");
        assert_eq!(
            parse_result(snippet).ok(),
            Some(found.result),
            "{snippet:?}"
        );
        let printed = found.result.to_string();
        assert_eq!(
            parse_result(&printed).ok(),
            Some(found.result),
            "{printed:?}"
        );
        check_verdict(&found.result, &POptions::default());
    }
    if let Ok(result) = parse_result(&text) {
        check_verdict(&result, &POptions::default());
    }
}

/// The p check on table cells and any settings.
pub fn p_check(data: &[u8]) {
    let Some((cells, settings, alpha, flags)) =
        take::<([String; 5], Settings, u16, [bool; 3])>(data)
    else {
        return;
    };
    let [test, value, df1, df2, p] = &cells;
    let Some(rounding) = settings.rounding() else {
        return;
    };
    let options = POptions {
        rounding,
        alpha: Decimal::new(i128::from(alpha % 1000).max(1), 3),
        p_truncation: flags[0],
        p_equal_alpha_significant: flags[1],
        one_tailed: flags[2],
    };
    let row = Cells {
        test,
        value,
        df1: Some(df1),
        df2: Some(df2),
        p,
    };
    if let Ok(result) = row.parse() {
        check_verdict(&result, &options);
    }
}

fn check_verdict(result: &ferrox::stats::apa::ApaResult, options: &POptions) {
    // The exact U distribution is counted up to n1·n2 = 10,000 on demand:
    // the fuzzer keeps to small groups so that each run stays short.
    let small = |d: Option<Decimal>| d.is_none_or(|d| d.mantissa() <= 200);
    if result.test.is_rank() && !(small(result.df1) && small(result.df2)) {
        return;
    }
    if let Ok(verdict) = check_p(result, options) {
        let (low, high) = (verdict.computed_p_low, verdict.computed_p_high);
        assert!(
            (0.0..=1.0).contains(&low) && low <= high && high <= 1.0,
            "{result}: {verdict:?}"
        );
        assert!(
            !verdict.decision_error || !verdict.consistency,
            "{result}: {verdict:?}"
        );
    }
}

/// t from summaries on any reports: the ranges are ordered, p within [0, 1].
pub fn t_summary(data: &[u8]) {
    let Some((first, second, n, form, settings)) =
        take::<((Number, Number), (Number, Number), (u16, u16), u8, Settings)>(data)
    else {
        return;
    };
    let group = |(mean, sd): &(Number, Number), n: u16| {
        Group::new(
            Decimal::parse(&mean.text()).ok()?,
            Decimal::parse(&sd.text()).ok()?,
            u64::from(n),
        )
        .ok()
    };
    let (Some(g1), Some(rounding)) = (group(&first, n.0), settings.rounding()) else {
        return;
    };
    let form = [TForm::Student, TForm::Welch, TForm::OneSample][usize::from(form % 3)];
    let second = group(&second, n.1).filter(|_| form != TForm::OneSample);
    let options = SummaryOptions {
        rounding,
        mu: Decimal::new(0, 0),
    };
    if let Ok(r) = t_from_summary(&g1, second.as_ref(), form, &options) {
        assert!(
            r.t_low <= r.t_high || r.t_low.is_nan() || r.t_high.is_nan(),
            "{r:?}"
        );
        assert!(r.df_low <= r.df_high, "{r:?}");
        assert!(
            (0.0..=1.0).contains(&r.p_low) && r.p_low <= r.p_high && r.p_high <= 1.0,
            "{r:?}"
        );
    }
}

/// Small limits, so that every document body ends soon.
const LIMITS: Limits = Limits {
    max_bytes: 1 << 20,
    max_unpacked: 1 << 20,
    max_pages: 20,
    max_text: 1 << 20,
};

/// The document readers on any bytes, behind the start of each format so
/// that every reader is reached: a document, or a typed error.
pub fn document(data: &[u8]) {
    const STARTS: [&[u8]; 6] = [
        b"",
        b"%PDF-1.4\n",
        b"PK\x03\x04",
        b"<?xml version=\"1.0\"?><article><body><p>",
        b"<!DOCTYPE html><html><body><table><tr><td>",
        b"Table 1\nMeasure Control (n = 25) Treatment (n = 27)\n",
    ];
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let bytes = [STARTS[usize::from(which) % STARTS.len()], rest].concat();
    if let Ok(doc) = read(&bytes, &LIMITS) {
        let text: usize = doc.paragraphs.iter().map(|p| p.text.len()).sum();
        assert!(text <= LIMITS.max_text, "text past the limit");
        assert!(
            doc.paragraphs
                .iter()
                .all(|p| !p.text.is_empty() && p.text == p.text.trim())
        );
    }
}

/// A Word document whose text part is any bytes.
pub fn docx_xml(data: &[u8]) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default();
    let written = zip
        .start_file("word/document.xml", stored)
        .and_then(|()| zip.write_all(data).map_err(Into::into))
        .and_then(|()| zip.finish());
    if let Ok(cursor) = written {
        let _ = read(&cursor.into_inner(), &LIMITS);
    }
}

/// The scan of any text: every row has a verdict, or says why not.
pub fn scan_target(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for row in scan_text(&text, &ScanOptions::default()) {
        assert!(
            row.consistent.is_some() || row.verdict.starts_with("not"),
            "{row:?}"
        );
        assert!(row.finding.snippet.is_empty() || text.len() >= row.finding.values.len());
    }
}
