//! Checkable numbers in a document's paragraphs and tables, each with the
//! sample size and scale it is tested with and where those came from.

use std::ops::Range;
use std::sync::LazyLock;

use regex_lite::{Captures, Regex};

use super::{Confidence, Finding, Kind, Place};
use crate::extract::{Document, Paragraph, Table};
use crate::stats::apa::find_results;

const NUM: &str = r"(-?(?:\d+(?:\.\d+)?|\.\d+))";

/// A pattern and the words one of which every match contains: the
/// regular expression runs only on text that has one of them, which keeps
/// the scan fast (most sentences hold no finding).
struct Pattern {
    needles: &'static [&'static str],
    regex: LazyLock<Regex>,
}

impl Pattern {
    fn may_match(&self, text: &str) -> bool {
        self.needles.iter().any(|n| text.contains(n))
    }

    fn captures_iter<'t>(&'static self, text: &'t str) -> impl Iterator<Item = Captures<'t>> {
        let regex: Option<&'static Regex> = self.may_match(text).then(|| &*self.regex);
        regex.into_iter().flat_map(move |r| r.captures_iter(text))
    }

    fn captures<'t>(&'static self, text: &'t str) -> Option<Captures<'t>> {
        self.captures_iter(text).next()
    }
}

macro_rules! pattern {
    ($needles:expr, $regex:expr) => {
        Pattern {
            needles: $needles,
            regex: LazyLock::new(|| {
                Regex::new(&$regex.replace("NUM", NUM)).expect("the finder's patterns are valid")
            }),
        }
    };
}

/// `M = 3.45, SD = 1.20` (optionally `, n = 40`), `mean = …; SD …`.
static MEAN_SD: Pattern = pattern!(
    &["SD", "sd", "s.d."],
    r"\b(?:M|Mean|mean)\s*=\s*NUM(?:\s*years)?\s*[,;]?\s*\(?\s*(?:SD|sd|s\.d\.)\s*=?\s*NUM\)?(?:\s*[,;]\s*[nN]\s*=\s*(\d+))?"
);
/// `mean age was 34.2 years (SD = 8.1)`, `aged 34.2 years (SD 8.1)`.
static AGE: Pattern = pattern!(
    &["SD", "sd"],
    r"\b(?:[Mm]ean age|[Aa]ged|[Aa]ge)\s*(?:was|of|=|:)?\s*NUM\s*(?:years)?\s*\(\s*(?:SD|sd)\s*=?\s*NUM\s*\)"
);
/// `23 of 40 (57.5%)`, `23/40 (57.5%)`.
static COUNT_OF: Pattern = pattern!(
    &["%"],
    r"\b(\d+)\s*(?:of|/|out of)\s*(\d+)\s*\(\s*NUM\s*%\s*\)"
);
/// `57.5% (n = 40)`.
static PERCENT_N: Pattern = pattern!(&["%"], r"NUM\s*%\s*\(\s*[nN]\s*=\s*(\d+)\s*\)");

/// Statements of a sample size.
static TOTAL_N: Pattern = pattern!(
    &["N =", "N=", "total", "took part", "participated", " were "],
    r"\b(?:N\s*=\s*(\d+)|[Aa] total of (\d+)|(\d+) (?:participants|adults|children|students|people|patients|respondents|subjects) (?:took part|participated|were (?:recruited|included)))"
);
static GROUP_N: Pattern = pattern!(
    &["group", "condition"],
    r"\b(?:in the (\w+) (?:group|condition) \(\s*[nN]\s*=\s*(\d+)\s*\)|(\d+) in the (\w+) (?:group|condition)|(\w+) (?:group|condition) \(\s*[nN]\s*=\s*(\d+)\s*\))"
);
static EACH_N: Pattern = pattern!(
    &["group", "condition", "cell"],
    r"\b(?:[nN]\s*=\s*(\d+) (?:per|in each|each) (?:group|condition|cell)|(?:two|three|four|five|\d) (?:groups|conditions) of (\d+))"
);
static ANY_N: Pattern = pattern!(&["n =", "N =", "n=", "N="], r"\b[nN]\s*=\s*(\d+)");

/// Scales: `7-point`, `ranging from 1 to 7`, `1–7 scale`, `range 0–10`,
/// `(1 = never, 5 = always)`.
static POINTS: Pattern = pattern!(&["-point"], r"\b(\d+)-point\b");
static FROM_TO: Pattern = pattern!(
    &["rang", "from", "scale", "Likert", "point", "scored"],
    r"(?:rang(?:ed|ing) from|from|range|scale of|scored|scale|Likert|points|scale,)\s*\(?(-?\d+)\s*(?:to|–|-|—)\s*(\d+)\b|\b(-?\d+)\s*(?:–|-|—|to)\s*(\d+)\s*(?:scale|Likert|points)"
);
/// `(1 = never, 5 = always)`: labelled ends, which start at 0 or 1.
static LABELLED: Pattern = pattern!(
    &["(0 =", "(1 =", "(0=", "(1="],
    r"\((-?\d+)\s*=\s*[^,;()]+[,;]\s*(\d+)\s*="
);

/// `a 10-item scale`, `5 items`: scores averaged over several items.
static ITEMS: Pattern = pattern!(&["item"], r"\b(\d+)[- ]items?\b");

/// Every finding in `doc`, in reading order: paragraphs first, then tables.
pub(super) fn findings(doc: &Document) -> Vec<Finding> {
    let mut context = Context::default();
    let mut out = Vec::new();
    for paragraph in &doc.paragraphs {
        context.learn_scale(&paragraph.text, paragraph.index);
        for sentence in sentences(&paragraph.text) {
            let text = &paragraph.text[sentence.clone()];
            in_sentence(paragraph, text, &mut context, &mut out);
            context.learn_sizes(text, paragraph.index);
        }
    }
    for table in &doc.tables {
        in_table(table, &context, &mut out);
    }
    out
}

/// What the document has said so far: sample sizes (overall and per
/// group) and the scale, each with the paragraph that said it.
#[derive(Default)]
struct Context {
    total: Option<(u64, u32)>,
    each: Option<(u64, u32)>,
    groups: Vec<(String, u64, u32)>,
    scale: Option<((i64, i64), u32)>,
    items: Option<u32>,
}

impl Context {
    fn learn_sizes(&mut self, sentence: &str, paragraph: u32) {
        for c in TOTAL_N.captures_iter(sentence) {
            let n = (1..=3)
                .find_map(|i| c.get(i))
                .and_then(|m| m.as_str().parse().ok());
            if let Some(n) = n {
                self.total = Some((n, paragraph));
            }
        }
        for c in GROUP_N.captures_iter(sentence) {
            let (name, n) = match (c.get(1), c.get(3), c.get(5)) {
                (Some(name), _, _) => (name.as_str(), &c[2]),
                (_, Some(n), _) => (&c[4], n.as_str()),
                (_, _, Some(name)) => (name.as_str(), &c[6]),
                _ => continue,
            };
            if let Ok(n) = n.parse() {
                self.groups.push((name.to_lowercase(), n, paragraph));
            }
        }
        for c in EACH_N.captures_iter(sentence) {
            if let Some(n) = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok()) {
                self.each = Some((n, paragraph));
            }
        }
    }

    fn learn_scale(&mut self, text: &str, paragraph: u32) {
        if let Some(scale) = scale_in(text) {
            self.scale = Some((scale, paragraph));
        }
        let items = ITEMS.captures(text).and_then(|c| c[1].parse().ok());
        if let Some(items) = items.filter(|&k| (2..=1000).contains(&k)) {
            self.items = Some(items);
        }
    }

    /// The n for a finding in `sentence` without one of its own: a group
    /// the sentence names, else a per-group n, else the total.
    fn guess_n(&self, sentence: &str) -> Option<(u64, String)> {
        let lower = sentence.to_lowercase();
        let named = self.groups.iter().rev().find(|(name, _, _)| {
            lower.contains(&format!("{name} group")) || lower.contains(&format!("{name} condition"))
        });
        if let Some((name, n, p)) = named {
            return Some((*n, format!("the {name} group's n (paragraph {p})")));
        }
        if let Some((n, p)) = self.each {
            return Some((n, format!("n per group (paragraph {p})")));
        }
        self.total
            .map(|(n, p)| (n, format!("the total N (paragraph {p})")))
    }
}

/// The byte ranges of `text`'s sentences: a sentence ends at `.`, `?` or
/// `!` followed by a space and a capital letter or an opening bracket,
/// unless the word before is a known abbreviation.
pub(super) fn sentences(text: &str) -> Vec<Range<usize>> {
    const ABBREVIATIONS: &[&str] = &[
        "al", "e.g", "i.e", "vs", "cf", "Fig", "Figs", "No", "p", "pp", "approx", "Dr", "ca",
        "resp", "Eq", "Vol",
    ];
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b'.' | b'?' | b'!') || bytes.get(i + 1) != Some(&b' ') {
            continue;
        }
        let next = text[i + 2..].chars().next();
        if !next.is_some_and(|c| c.is_uppercase() || c == '(' || c == '[') {
            continue;
        }
        let word = text[start..i].rsplit(' ').next().unwrap_or("");
        if b == b'.' && ABBREVIATIONS.contains(&word.trim_start_matches('(')) {
            continue;
        }
        out.push(start..i + 1);
        start = i + 2;
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

fn in_sentence(paragraph: &Paragraph, text: &str, context: &mut Context, out: &mut Vec<Finding>) {
    let place = Place {
        page: paragraph.page,
        paragraph: Some(paragraph.index),
        ..Place::default()
    };
    let own_n = sentence_n(text);
    let sized = |explicit: Option<u64>| -> (Option<u64>, String, Confidence) {
        if let Some(n) = explicit {
            return (Some(n), "in the finding".into(), Confidence::Sure);
        }
        if let Some(n) = own_n {
            return (Some(n), "same sentence".into(), Confidence::Sure);
        }
        match context.guess_n(text) {
            Some((n, from)) => (Some(n), from, Confidence::Guessed),
            None => (None, "no sample size found".into(), Confidence::Guessed),
        }
    };
    let scale = |mean: &str| {
        let value: f64 = mean.parse().ok()?;
        let ((lo, hi), p) = scale_in(text)
            .map(|s| (s, paragraph.index))
            .or(context.scale)?;
        (lo as f64 <= value && value <= hi as f64).then(|| {
            let from = if p == paragraph.index {
                "same paragraph".to_owned()
            } else {
                format!("paragraph {p}")
            };
            (lo, hi, from)
        })
    };
    for found in find_results(text) {
        out.push(Finding {
            kind: Kind::Apa,
            place: place.clone(),
            snippet: text.to_owned(),
            values: text[found.span.clone()].to_owned(),
            apa: Some(found.result),
            ..Finding::default()
        });
    }
    let mut taken: Vec<Range<usize>> = Vec::new();
    for c in MEAN_SD.captures_iter(text).chain(AGE.captures_iter(text)) {
        let whole = c.get(0).map_or(0..0, |m| m.range());
        if taken
            .iter()
            .any(|r| r.start < whole.end && whole.start < r.end)
        {
            continue;
        }
        taken.push(whole);
        let (mean, sd) = (c[1].to_owned(), c[2].to_owned());
        let explicit = c.get(3).and_then(|m| m.as_str().parse().ok());
        let (n, n_source, confidence) = sized(explicit);
        let scale = if AGE.captures(c.get(0).map_or("", |m| m.as_str())).is_some() {
            None
        } else {
            scale(&mean)
        };
        let size = (n, n_source, confidence);
        let mut finding = mean_sd(
            place.clone(),
            text.to_owned(),
            (mean, sd),
            size,
            scale,
            false,
        );
        finding.items = context.items.filter(|_| finding.scale.is_some());
        out.push(finding);
    }
    for c in COUNT_OF.captures_iter(text) {
        let (count, base) = (c[1].parse().ok(), c[2].parse().ok());
        out.push(Finding {
            kind: Kind::Percent,
            place: place.clone(),
            snippet: text.to_owned(),
            values: c[0].to_owned(),
            percent: Some(c[3].to_owned()),
            count,
            n: base,
            n_source: "in the finding".into(),
            confidence: Confidence::Sure,
            ..Finding::default()
        });
    }
    for c in PERCENT_N.captures_iter(text) {
        out.push(Finding {
            kind: Kind::Percent,
            place: place.clone(),
            snippet: text.to_owned(),
            values: format!("{}%", &c[1]),
            percent: Some(c[1].to_owned()),
            n: c[2].parse().ok(),
            n_source: "in the finding".into(),
            confidence: Confidence::Sure,
            ..Finding::default()
        });
    }
}

/// The one sample size a sentence states (`n = 40`), if it states exactly
/// one value.
fn sentence_n(text: &str) -> Option<u64> {
    let mut values = ANY_N
        .captures_iter(text)
        .filter_map(|c| c[1].parse::<u64>().ok());
    let first = values.next()?;
    values.all(|v| v == first).then_some(first)
}

/// A scale stated in `text`: its lowest and highest points.
fn scale_in(text: &str) -> Option<(i64, i64)> {
    if let Some(c) = FROM_TO.captures(text).or_else(|| LABELLED.captures(text)) {
        let (lo, hi) = [(1, 2), (3, 4)]
            .into_iter()
            .find_map(|(a, b)| Some((c.get(a)?, c.get(b)?)))?;
        let (lo, hi): (i64, i64) = (lo.as_str().parse().ok()?, hi.as_str().parse().ok()?);
        return (lo < hi && hi - lo <= 100).then_some((lo, hi));
    }
    let points: i64 = POINTS.captures(text)?[1].parse().ok()?;
    (2..=101).contains(&points).then_some((1, points))
}

/// Findings in a table: `M (SD)` cells, or M and SD columns side by side,
/// with n from the column's header (`Control (n = 25)`), an n column, or
/// the caption; a row labelled as binary (`(0/1)`, `proportion`) is
/// tested by DEBIT.
fn in_table(table: &Table, context: &Context, out: &mut Vec<Finding>) {
    let Some(header) = table.rows.first() else {
        return;
    };
    let column_n: Vec<Option<u64>> = header.iter().map(|c| sentence_n(c)).collect();
    let n_column = header.iter().position(|c| matches!(c.trim(), "n" | "N"));
    let pairs: Vec<(usize, usize)> = header
        .windows(2)
        .enumerate()
        .filter(|(_, w)| is_mean_header(&w[0]) && is_sd_header(&w[1]))
        .map(|(i, _)| (i, i + 1))
        .collect();
    let caption_n = sentence_n(&table.caption);
    let caption_scale = scale_in(&table.caption);
    // A caption that says cells are `n (%)` and says nothing of means.
    let caption_counts = table.caption.contains('%')
        && !["SD", "mean", "Mean", "M ("]
            .iter()
            .any(|word| table.caption.contains(word));
    for (r, row) in table.rows.iter().enumerate().skip(1) {
        let label = row.first().map_or("", String::as_str);
        let binary = is_binary(label);
        let row_n = n_column
            .and_then(|c| row.get(c))
            .and_then(|c| c.trim().parse().ok());
        let mut cells: Vec<(usize, String, String)> = Vec::new();
        let mut counts: Vec<(usize, u64, String)> = Vec::new();
        for (c, cell) in row.iter().enumerate().skip(1) {
            let header_cell = header.get(c).map_or("", String::as_str);
            let marked = label.contains('%') || header_cell.contains('%') || caption_counts;
            if let Some((count, percent)) = count_percent_cell(cell, marked) {
                counts.push((c, count, percent));
            } else if let Some((mean, sd)) = mean_sd_cell(cell) {
                cells.push((c, mean, sd));
            }
        }
        for &(m, s) in &pairs {
            if let (Some(mean), Some(sd)) = (row.get(m), row.get(s))
                && is_plain_number(mean)
                && is_plain_number(sd)
            {
                cells.push((m, mean.trim().to_owned(), sd.trim().to_owned()));
            }
        }
        // The n of column `c`: the row's, the column header's, the
        // caption's, or one guessed from the text.
        let size = |c: usize| {
            let header_cell = header.get(c).map_or("", String::as_str);
            match (row_n, column_n.get(c).copied().flatten(), caption_n) {
                (Some(n), _, _) => (Some(n), "the row's n".to_owned(), Confidence::Sure),
                (_, Some(n), _) => (Some(n), "the column header".to_owned(), Confidence::Sure),
                (_, _, Some(n)) => (Some(n), "the table's caption".to_owned(), Confidence::Sure),
                _ => match context.guess_n(header_cell) {
                    Some((n, from)) => (Some(n), from, Confidence::Guessed),
                    None => (None, "no sample size found".to_owned(), Confidence::Guessed),
                },
            }
        };
        let place = |c: usize| Place {
            page: table.page,
            table: Some(table.index),
            row: Some(r as u32 + 1),
            column: Some(c as u32 + 1),
            ..Place::default()
        };
        let snippet = |c: usize| {
            let header_cell = header.get(c).map_or("", String::as_str);
            let cell = row.get(c).map_or("", String::as_str);
            format!("{label} | {header_cell} | {cell}")
        };
        for (c, count, percent) in counts {
            let (n, n_source, confidence) = size(c);
            out.push(Finding {
                kind: Kind::Percent,
                place: place(c),
                snippet: snippet(c),
                values: format!("{count} ({percent}%)"),
                percent: Some(percent),
                count: Some(count),
                n,
                n_source,
                confidence,
                ..Finding::default()
            });
        }
        for (c, mean, sd) in cells {
            let (n, n_source, confidence) = size(c);
            let value: f64 = mean.parse().unwrap_or(f64::NAN);
            let scale = match (caption_scale, context.scale) {
                _ if binary => None,
                (Some((lo, hi)), _) => Some((lo, hi, "the table's caption".to_owned())),
                (None, Some(((lo, hi), p))) => Some((lo, hi, format!("paragraph {p}"))),
                _ => None,
            }
            .filter(|(lo, hi, _)| *lo as f64 <= value && value <= *hi as f64);
            let size = (n, n_source, confidence);
            let mut finding = mean_sd(place(c), snippet(c), (mean, sd), size, scale, binary);
            finding.items = context.items.filter(|_| finding.scale.is_some());
            out.push(finding);
        }
    }
}

/// A mean with its SD, as found in a sentence or a table cell.
fn mean_sd(
    place: Place,
    snippet: String,
    (mean, sd): (String, String),
    (n, n_source, confidence): (Option<u64>, String, Confidence),
    scale: Option<(i64, i64, String)>,
    binary: bool,
) -> Finding {
    Finding {
        kind: Kind::MeanSd,
        place,
        snippet,
        values: format!("M = {mean}, SD = {sd}"),
        mean: Some(mean),
        sd: Some(sd),
        n,
        n_source,
        confidence,
        scale,
        binary,
        ..Finding::default()
    }
}

/// `23 (57.5%)`, or `23 (57.5)` where the row, column or caption says the
/// cells are `n (%)`: a whole count and a percentage of at most 100.
fn count_percent_cell(cell: &str, marked: bool) -> Option<(u64, String)> {
    let (count, rest) = cell.trim().split_once('(')?;
    let inside = rest.trim().strip_suffix(')')?.trim();
    let (percent, signed) = match inside.strip_suffix('%') {
        Some(percent) => (percent.trim(), true),
        None => (inside, false),
    };
    let count: u64 = count.trim().parse().ok()?;
    let at_most_100 = percent.parse::<f64>().is_ok_and(|p| p <= 100.0);
    ((signed || marked) && is_plain_number(percent) && !percent.starts_with('-') && at_most_100)
        .then(|| (count, percent.to_owned()))
}

/// `3.45 (1.20)` → `("3.45", "1.20")`.
fn mean_sd_cell(cell: &str) -> Option<(String, String)> {
    let (mean, rest) = cell.trim().split_once('(')?;
    let sd = rest.trim().strip_suffix(')')?;
    let mean = mean.trim().trim_end_matches(['*', '†', 'a', 'b', 'c']);
    (is_plain_number(mean) && is_plain_number(sd)).then(|| (mean.to_owned(), sd.trim().to_owned()))
}

fn is_plain_number(text: &str) -> bool {
    let text = text.trim();
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.matches('.').count() <= 1
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().any(|c| c.is_ascii_digit())
}

fn is_mean_header(cell: &str) -> bool {
    matches!(cell.trim(), "M" | "Mean" | "mean")
}

fn is_sd_header(cell: &str) -> bool {
    matches!(cell.trim(), "SD" | "sd" | "S.D.")
}

fn is_binary(label: &str) -> bool {
    let lower = label.to_lowercase();
    [
        "(0/1)",
        "(0 = ",
        "(1 = yes",
        "proportion",
        "binary",
        "(yes/no)",
    ]
    .iter()
    .any(|mark| lower.contains(mark))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_before_capitals_but_not_after_abbreviations() {
        let text =
            "Smith et al. (2019) found it. The effect was p < .001. Next one? Yes, e.g. This.";
        let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            [
                "Smith et al. (2019) found it.",
                "The effect was p < .001.",
                "Next one?",
                "Yes, e.g. This."
            ]
        );
    }

    #[test]
    fn scales_are_read_in_their_usual_wordings() {
        assert_eq!(scale_in("on a 7-point scale"), Some((1, 7)));
        assert_eq!(
            scale_in("a 5-point scale ranging from 0 to 4"),
            Some((0, 4))
        );
        assert_eq!(scale_in("Table 1. Means (SD), 1–5 scale"), Some((1, 5)));
        assert_eq!(scale_in("rated (1 = never, 5 = always)"), Some((1, 5)));
        assert_eq!(scale_in("range 0-10"), Some((0, 10)));
        assert_eq!(scale_in("between 2019 and 2021"), None);
    }

    #[test]
    fn one_stated_n_per_sentence_is_sure() {
        assert_eq!(sentence_n("(M = 3.1, SD = 1.2, n = 40)"), Some(40));
        assert_eq!(sentence_n("n = 40 and n = 41"), None);
        assert_eq!(sentence_n("no size here"), None);
    }

    #[test]
    fn table_cells_hold_means_and_sds() {
        assert_eq!(
            mean_sd_cell("3.45 (1.20)"),
            Some(("3.45".into(), "1.20".into()))
        );
        assert_eq!(
            mean_sd_cell("3.45* (1.20)"),
            Some(("3.45".into(), "1.20".into()))
        );
        assert_eq!(mean_sd_cell("Control (n = 25)"), None);
        assert!(is_binary("Female (0/1)"));
    }

    #[test]
    fn count_cells_need_a_percent_sign_or_a_marked_row() {
        assert_eq!(
            count_percent_cell("23 (57.5%)", false),
            Some((23, "57.5".into()))
        );
        assert_eq!(
            count_percent_cell("23 (57.5)", true),
            Some((23, "57.5".into()))
        );
        assert_eq!(count_percent_cell("23 (57.5)", false), None);
        assert_eq!(count_percent_cell("23.5 (57.5%)", true), None);
        assert_eq!(count_percent_cell("23 (157.5)", true), None);
        assert_eq!(count_percent_cell("23 (-5)", true), None);
    }
}
