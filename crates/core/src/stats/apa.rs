//! Reported test results as APA style writes them (`t(28) = 2.20, p = .03`):
//! their parts, and a parser that reads them from text as typeset in real
//! papers.
//!
//! Before parsing, text is normalised: the Unicode minus, hyphen and en
//! dash become `-`; thin, narrow and non-breaking spaces become spaces;
//! `²` becomes `2`, `≤`/`≥` become `<=`/`>=`, and the mathematical italic
//! `𝑝` becomes `p`. The test names read are `t`, `F` (also `F1,50`), `r`,
//! `z`/`Z`, `χ2`/`χ²`/`chi2`/`X2`/`chi-square` (with an optional `N = …`
//! after the df), `Q`, `Qw`, `Qb`, `U` and `W`. The likelihood-ratio `G²`
//! is read as a χ² with its df, the distribution it is tested against; so
//! are differences (`Δχ2`, `ΔG2`); a
//! df misprinted as the letter `l` (`F(l, 76)`) is read as 1.
//!
//! ```
//! use ferrox::stats::apa::{parse_result, Comparison, ReportedP, TestKind};
//! let r = parse_result("F(1,\u{2009}50) = 4.12, p\u{a0}<\u{a0}.05")?;
//! assert_eq!(r.test, TestKind::F);
//! assert_eq!((r.df1.unwrap().to_string(), r.df2.unwrap().to_string()), ("1".into(), "50".into()));
//! assert_eq!(r.p, ReportedP::Value { comparison: Comparison::Lt, p: "0.05".parse()? });
//! # Ok::<(), ferrox::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use rayon::prelude::*;

use crate::decimal::Decimal;
use crate::error::{Error, Result, quoted};
use crate::input::at_row;

/// The test a statistic belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TestKind {
    /// Student's or Welch's t, with one df.
    T,
    /// F, with two df.
    F,
    /// χ², with one df (and sometimes N).
    ChiSquare,
    /// A correlation r, with one df (n − 2).
    R,
    /// A standard normal z.
    Z,
    /// Cochran's Q of a meta-analysis (χ²-distributed).
    Q,
    /// Q within subgroups.
    Qw,
    /// Q between subgroups.
    Qb,
    /// Mann–Whitney U, with the group sizes n1 and n2 as df1 and df2.
    U,
    /// Wilcoxon's rank-sum W as R's `wilcox.test` reports it (the same
    /// statistic as U).
    W,
}

impl TestKind {
    /// Every test, in the order of their codes in table outputs.
    pub const ALL: [TestKind; 10] = [
        TestKind::T,
        TestKind::F,
        TestKind::ChiSquare,
        TestKind::R,
        TestKind::Z,
        TestKind::Q,
        TestKind::Qw,
        TestKind::Qb,
        TestKind::U,
        TestKind::W,
    ];

    /// The name as ferrox writes it: `t`, `F`, `chi2`, `r`, `z`, `Q`, `Qw`,
    /// `Qb`, `U`, `W`.
    ///
    /// ```
    /// assert_eq!(ferrox::stats::apa::TestKind::ChiSquare.name(), "chi2");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            TestKind::T => "t",
            TestKind::F => "F",
            TestKind::ChiSquare => "chi2",
            TestKind::R => "r",
            TestKind::Z => "z",
            TestKind::Q => "Q",
            TestKind::Qw => "Qw",
            TestKind::Qb => "Qb",
            TestKind::U => "U",
            TestKind::W => "W",
        }
    }

    /// Whether the statistic is signed and its two-tailed p counts both
    /// signs (t, r, z).
    pub const fn is_symmetric(self) -> bool {
        matches!(self, TestKind::T | TestKind::R | TestKind::Z)
    }

    /// Whether the statistic follows the χ² distribution (χ², Q, Qw, Qb).
    pub const fn is_chi_square(self) -> bool {
        matches!(
            self,
            TestKind::ChiSquare | TestKind::Q | TestKind::Qw | TestKind::Qb
        )
    }

    /// Whether the statistic is a Mann–Whitney rank statistic (U, W).
    pub const fn is_rank(self) -> bool {
        matches!(self, TestKind::U | TestKind::W)
    }
}

impl FromStr for TestKind {
    type Err = Error;

    /// Reads a test's name, in any of the spellings papers use.
    fn from_str(name: &str) -> Result<Self> {
        let kind = match name.trim() {
            "t" | "T" => TestKind::T,
            "F" | "f" => TestKind::F,
            "r" | "R" => TestKind::R,
            "z" | "Z" => TestKind::Z,
            "Q" | "q" => TestKind::Q,
            "Qw" | "QW" | "Q_w" | "qw" => TestKind::Qw,
            "Qb" | "QB" | "Q_b" | "qb" => TestKind::Qb,
            "U" | "u" => TestKind::U,
            "W" | "w" => TestKind::W,
            other => {
                let squashed: String = other
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != '-' && *c != '_')
                    .flat_map(char::to_lowercase)
                    .collect();
                match squashed.as_str() {
                    "chi2" | "χ2" | "χ²" | "x2" | "chisq" | "chisquare" | "chisquared" | "chi²" => {
                        TestKind::ChiSquare
                    }
                    _ => {
                        return Err(Error::invalid(
                            "test",
                            format!(
                                "unknown test {}; use one of t, F, chi2, r, z, Q, Qw, Qb, U, W",
                                quoted(other)
                            ),
                        ));
                    }
                }
            }
        };
        Ok(kind)
    }
}

impl fmt::Display for TestKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a reported number relates to the true one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Comparison {
    /// `=`: the true value rounds to the report.
    #[default]
    Eq,
    /// `<`
    Lt,
    /// `<=` (or `≤`)
    Le,
    /// `>`
    Gt,
    /// `>=` (or `≥`)
    Ge,
}

impl Comparison {
    /// The sign as written: `=`, `<`, `<=`, `>`, `>=`.
    pub const fn symbol(self) -> &'static str {
        match self {
            Comparison::Eq => "=",
            Comparison::Lt => "<",
            Comparison::Le => "<=",
            Comparison::Gt => ">",
            Comparison::Ge => ">=",
        }
    }

    /// Reads a leading sign from normalised text: the comparison and the
    /// bytes it took.
    fn lead(text: &str) -> Option<(Self, usize)> {
        let b = text.as_bytes();
        match (b.first()?, b.get(1)) {
            (b'<', Some(b'=')) => Some((Comparison::Le, 2)),
            (b'>', Some(b'=')) => Some((Comparison::Ge, 2)),
            (b'<', _) => Some((Comparison::Lt, 1)),
            (b'>', _) => Some((Comparison::Gt, 1)),
            (b'=', _) => Some((Comparison::Eq, 1)),
            _ => None,
        }
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// A reported p-value: a comparison and a value, or "not significant".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportedP {
    /// `p = .03`, `p < .001`, …
    Value {
        /// The sign before the value.
        comparison: Comparison,
        /// The value as written.
        p: Decimal,
    },
    /// `ns` or `n.s.`: above alpha.
    NotSignificant,
}

impl ReportedP {
    /// Reads a p cell: `.03`, `= .03`, `<.001`, `p < .001`, `ns`, `n.s.`.
    ///
    /// ```
    /// use ferrox::stats::apa::{Comparison, ReportedP};
    /// assert_eq!(ReportedP::parse("<.001")?, ReportedP::Value { comparison: Comparison::Lt, p: "0.001".parse()? });
    /// assert_eq!(ReportedP::parse("n.s.")?, ReportedP::NotSignificant);
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn parse(cell: &str) -> Result<Self> {
        let text = normalise(cell, false).text;
        let body = text.trim();
        let body = body.strip_prefix(['p', 'P']).map_or(body, str::trim_start);
        if is_ns(body) {
            return Ok(ReportedP::NotSignificant);
        }
        let (comparison, value) = split_comparison(body);
        let p = Decimal::parse(value.trim())?;
        if p.mantissa() < 0 || p.cmp_value(&Decimal::new(1, 0)).is_gt() {
            return Err(Error::invalid(
                "p",
                format!("a p-value lies between 0 and 1, not {p}"),
            ));
        }
        Ok(ReportedP::Value { comparison, p })
    }
}

impl ReportedP {
    /// The sign as tables show it: `=`, `<`, `<=`, `>`, `>=`, or `ns`.
    ///
    /// ```
    /// use ferrox::stats::apa::ReportedP;
    /// assert_eq!(ReportedP::parse("< .001")?.sign(), "<");
    /// assert_eq!(ReportedP::NotSignificant.sign(), "ns");
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub const fn sign(&self) -> &'static str {
        match self {
            ReportedP::Value { comparison, .. } => comparison.symbol(),
            ReportedP::NotSignificant => "ns",
        }
    }

    /// The value as written; `None` for `ns`.
    pub const fn value(&self) -> Option<Decimal> {
        match *self {
            ReportedP::Value { p, .. } => Some(p),
            ReportedP::NotSignificant => None,
        }
    }
}

impl fmt::Display for ReportedP {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportedP::Value { comparison, p } => write!(f, "{comparison} {p}"),
            ReportedP::NotSignificant => f.write_str("ns"),
        }
    }
}

/// One reported test result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApaResult {
    /// The test.
    pub test: TestKind,
    /// The first (or only) degrees of freedom; n1 for U and W.
    pub df1: Option<Decimal>,
    /// The second degrees of freedom of F; n2 for U and W.
    pub df2: Option<Decimal>,
    /// The sample size some χ² reports add (`χ2(2, N = 100)`).
    pub n: Option<u64>,
    /// The sign before the statistic.
    pub comparison: Comparison,
    /// The statistic as written.
    pub value: Decimal,
    /// The p-value as written.
    pub p: ReportedP,
}

/// A result as the cells of a table row: `test` by name, `value` with an
/// optional leading comparison (`"< 1"`), df that may be missing (`None`,
/// an empty or `NA` cell), and a p cell as [`ReportedP::parse`] reads it.
///
/// ```
/// use ferrox::stats::apa::{Cells, parse_result};
/// let row = Cells { test: "t", value: "2.20", df1: Some("28"), df2: Some("NA"), p: "= .03" };
/// assert_eq!(row.parse()?, parse_result("t(28) = 2.20, p = .03")?);
/// # Ok::<(), ferrox::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cells<'a> {
    /// The test's name.
    pub test: &'a str,
    /// The statistic.
    pub value: &'a str,
    /// The first df (n1 for U and W).
    pub df1: Option<&'a str>,
    /// The second df (n2 for U and W).
    pub df2: Option<&'a str>,
    /// The p-value.
    pub p: &'a str,
}

impl Cells<'_> {
    /// Reads the row.
    pub fn parse(&self) -> Result<ApaResult> {
        let test: TestKind = self.test.parse()?;
        let value_text = normalise(self.value, false).text;
        let (comparison, number) = split_comparison(value_text.trim());
        let df = |cell: Option<&str>| {
            cell.filter(|c| !crate::check::is_missing(c))
                .map(|c| Decimal::parse(c.trim()))
                .transpose()
        };
        Ok(ApaResult {
            test,
            df1: df(self.df1)?,
            df2: df(self.df2)?,
            n: None,
            comparison,
            value: Decimal::parse(number.trim())?,
            p: ReportedP::parse(self.p)?,
        })
    }
}

impl ApaResult {
    /// The statistic as APA writes it, without the p: `t(28) = 2.20`.
    ///
    /// ```
    /// let r = ferrox::stats::apa::parse_result("F1,50 = 4.12, p < .05")?;
    /// assert_eq!(r.statistic().to_string(), "F(1, 50) = 4.12");
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn statistic(&self) -> impl fmt::Display + '_ {
        Statistic(self)
    }
}

impl ApaResult {
    /// The statistic as a table's `value` cell: the number, after its sign
    /// when that is not `=` (`"< 1"`), as [`Cells`] reads it back.
    ///
    /// ```
    /// let r = ferrox::stats::apa::parse_result("t(28) < 1, p > .3")?;
    /// assert_eq!(r.value_cell().to_string(), "< 1");
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn value_cell(&self) -> impl fmt::Display + '_ {
        ValueCell(self)
    }
}

struct ValueCell<'a>(&'a ApaResult);

impl fmt::Display for ValueCell<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.comparison {
            Comparison::Eq => write!(f, "{}", self.0.value),
            other => write!(f, "{} {}", other.symbol(), self.0.value),
        }
    }
}

struct Statistic<'a>(&'a ApaResult);

impl fmt::Display for Statistic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.0;
        f.write_str(r.test.name())?;
        match (r.df1, r.df2, r.n) {
            (Some(a), Some(b), _) => write!(f, "({a}, {b})")?,
            (Some(a), None, Some(n)) => write!(f, "({a}, N = {n})")?,
            (Some(a), None, None) => write!(f, "({a})")?,
            _ => {}
        }
        write!(f, " {} {}", r.comparison, r.value)
    }
}

impl fmt::Display for ApaResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, ", self.statistic())?;
        match self.p {
            ReportedP::NotSignificant => f.write_str("ns"),
            p => write!(f, "p {p}"),
        }
    }
}

/// A result found in a text, with the byte range it covers in the text as
/// given (before normalisation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The result.
    pub result: ApaResult,
    /// Where it is: `text[span]` is the result as written.
    pub span: Range<usize>,
}

/// Reads one APA result that is the whole of `text` (surrounding spaces and
/// a final `.`, `;` or `)` aside).
///
/// ```
/// use ferrox::stats::apa::{parse_result, TestKind};
/// let r = parse_result("r(48) = \u{2212}.32, p = .024")?;
/// assert_eq!((r.test, r.value.to_string()), (TestKind::R, "-0.32".into()));
/// assert!(parse_result("the mean was 4.2").is_err());
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn parse_result(text: &str) -> Result<ApaResult> {
    let norm = normalise(text, false);
    let body = norm.text.trim_end_matches([' ', '.', ';', ')', '\n']);
    let start = body.len() - body.trim_start().len();
    match Scanner::new(body).result_at(start) {
        Some((result, end)) if end == body.len() => Ok(result),
        _ => Err(Error::invalid(
            "result",
            format!(
                "cannot read {} as a test result; write it as APA does, e.g. \"t(28) = 2.20, p = .03\"",
                quoted(text)
            ),
        )),
    }
}

/// [`parse_result`] over a column of texts, in parallel; an error names
/// its row (counting from 1).
///
/// ```
/// let rows = ferrox::stats::apa::parse_results(&["t(28) = 2.20, p = .03", "z = 2, p < .05"])?;
/// assert_eq!(rows.len(), 2);
/// let bad = ferrox::stats::apa::parse_results(&["z = 2, p < .05", "no"]).unwrap_err();
/// assert!(bad.to_string().starts_with("row 2:"));
/// # Ok::<(), ferrox::Error>(())
/// ```
pub fn parse_results<S: AsRef<str> + Sync>(texts: &[S]) -> Result<Vec<ApaResult>> {
    texts
        .par_iter()
        .with_min_len(4096)
        .enumerate()
        .map(|(row, text)| parse_result(text.as_ref()).map_err(at_row(texts.len(), row)))
        .collect()
}

/// Every APA result in a text, in order, each with where it is.
///
/// ```
/// use ferrox::stats::apa::find_results;
/// let text = "As expected, t(28) = 2.20, p = .03, and \u{3c7}\u{b2}(2, N = 90) = 7.1, p < .05.";
/// let found = find_results(text);
/// assert_eq!(found.len(), 2);
/// assert_eq!(&text[found[1].span.clone()], "\u{3c7}\u{b2}(2, N = 90) = 7.1, p < .05");
/// ```
pub fn find_results(text: &str) -> Vec<Found> {
    let norm = normalise(text, true);
    let scanner = Scanner::new(&norm.text);
    let bytes = norm.text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if is_test_start(bytes[i]) && !follows_word(&norm.text, i) {
            if let Some((result, end)) = scanner.result_at(i) {
                found.push(Found {
                    result,
                    span: norm.origin(i)..norm.origin(end),
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// The spans of results found in `text` in characters (Unicode scalar
/// values) rather than bytes, as Python and R index strings; counted in one
/// pass, since the spans come in order.
///
/// ```
/// use ferrox::stats::apa::{char_spans, find_results};
/// let text = "\u{e9}t\u{e9}: t(28) = 2.20, p = .03";
/// assert_eq!(char_spans(text, &find_results(text)), [5..26]);
/// ```
pub fn char_spans(text: &str, found: &[Found]) -> Vec<Range<usize>> {
    let (mut byte, mut chars) = (0, 0);
    let mut at = |to: usize| {
        chars += text[byte..to].chars().count();
        byte = to;
        chars
    };
    found
        .iter()
        .map(|f| {
            let start = at(f.span.start);
            start..at(f.span.end)
        })
        .collect()
}

/// Text with typographic variants replaced, and where each of its bytes
/// came from.
struct Normalised<'a> {
    text: Cow<'a, str>,
    /// `origin[i]` is the byte in the original text where `text[i]` came
    /// from, with one more entry for the end; `None` when nothing was
    /// replaced.
    origin: Option<Vec<usize>>,
}

impl Normalised<'_> {
    fn origin(&self, i: usize) -> usize {
        self.origin.as_ref().map_or(i, |origin| origin[i])
    }
}

/// Normalises `text`, keeping where each byte came from if `track`.
fn normalise(text: &str, track: bool) -> Normalised<'_> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && b != b'\t' && b != b'\r')
    {
        return Normalised {
            text: Cow::Borrowed(text),
            origin: None,
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(if track { text.len() + 1 } else { 0 });
    let mark = |origin: &mut Vec<usize>, at: usize, len: usize| {
        if track {
            origin.extend(std::iter::repeat_n(at, len));
        }
    };
    for (at, c) in text.char_indices() {
        let replaced: &str = match c {
            '\u{2212}' | '\u{2013}' | '\u{2010}' | '\u{2011}' | '\u{fe63}' | '\u{ff0d}' => "-",
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\t' | '\r' => " ",
            '\u{200b}' | '\u{feff}' | '\u{ad}' => "",
            '\u{b2}' => "2",
            '\u{2264}' | '\u{2a7d}' => "<=",
            '\u{2265}' | '\u{2a7e}' => ">=",
            '\u{ff1d}' => "=",
            '\u{ff1c}' => "<",
            '\u{ff1e}' => ">",
            '\u{1d45d}' | '\u{1d631}' => "p",
            '\u{1d461}' => "t",
            '\u{1d439}' => "F",
            '\u{1d45f}' => "r",
            '\u{1d467}' => "z",
            '\u{1d712}' | '\u{3a7}' => "\u{3c7}",
            _ => {
                out.push(c);
                mark(&mut origin, at, c.len_utf8());
                continue;
            }
        };
        out.push_str(replaced);
        mark(&mut origin, at, replaced.len());
    }
    origin.push(text.len());
    Normalised {
        text: Cow::Owned(out),
        origin: track.then_some(origin),
    }
}

/// The spellings of χ² in papers, longest first (`²` is already `2`).
const CHI_SQUARE_NAMES: [&str; 17] = [
    "chi-squared",
    "Chi-squared",
    "chi squared",
    "Chi squared",
    "chi-square",
    "Chi-square",
    "chi square",
    "Chi square",
    "chi 2",
    "chi2",
    "Chi2",
    "CHI2",
    "\u{3c7} 2",
    "\u{3c7}2",
    "\u{3c7}",
    "X2",
    "x2",
];

/// Whether the character before byte `i` is a letter, digit or `_`: a
/// statistic's name must start a word, but may follow quotes, dashes or the
/// `Δ` of a difference test (`Δχ2(1) = 4.10`).
pub(crate) fn follows_word(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| is_word(c) && c != 'Δ')
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_test_start(b: u8) -> bool {
    // 0xcf leads the UTF-8 of χ.
    b"tFrzZQUWXxcCG".contains(&b) || b == 0xcf
}

fn is_ns(text: &str) -> bool {
    matches!(
        text.trim_end_matches(['.', ' ']),
        "ns" | "n.s" | "NS" | "n. s"
    )
}

/// Splits a leading comparison off (none means `=`).
fn split_comparison(text: &str) -> (Comparison, &str) {
    match Comparison::lead(text) {
        Some((c, len)) => (c, &text[len..]),
        None => (Comparison::Eq, text),
    }
}

/// The df part of a result.
#[derive(Default)]
struct Degrees {
    df1: Option<Decimal>,
    df2: Option<Decimal>,
    n: Option<u64>,
}

/// A cursor-free recursive-descent reader over normalised text; each step
/// takes a position and returns what it read and the position after it.
struct Scanner<'a> {
    s: &'a str,
    b: &'a [u8],
}

impl<'a> Scanner<'a> {
    fn new(s: &'a str) -> Self {
        Scanner { s, b: s.as_bytes() }
    }

    fn result_at(&self, i: usize) -> Option<(ApaResult, usize)> {
        let (test, i) = self.test_name(i)?;
        let (Degrees { df1, df2, n }, i) = self.degrees(test, i)?;
        let i = self.spaces(i);
        let (comparison, len) = Comparison::lead(&self.s[i..])?;
        let i = self.spaces(i + len);
        let (value, i) = self.number(i)?;
        let i = self.spaces(i);
        if !matches!(self.b.get(i), Some(b',' | b';')) {
            return None;
        }
        let (p, end) = self.p_clause(self.spaces(i + 1))?;
        let result = ApaResult {
            test,
            df1,
            df2,
            n,
            comparison,
            value,
            p,
        };
        Some((result, end))
    }

    fn test_name(&self, i: usize) -> Option<(TestKind, usize)> {
        let rest = &self.s[i..];
        for (prefix, kind) in [
            ("Qw", TestKind::Qw),
            ("Qb", TestKind::Qb),
            ("Q_w", TestKind::Qw),
            ("Q_b", TestKind::Qb),
            ("G2", TestKind::ChiSquare),
            ("G 2", TestKind::ChiSquare),
        ] {
            if rest.starts_with(prefix) && !self.word_at(i + prefix.len()) {
                return Some((kind, i + prefix.len()));
            }
        }
        if let Some(name) = CHI_SQUARE_NAMES
            .iter()
            .find(|name| rest.starts_with(*name) && !self.word_at(i + name.len()))
        {
            return Some((TestKind::ChiSquare, i + name.len()));
        }
        let kind = match *self.b.get(i)? {
            b't' => TestKind::T,
            b'F' => TestKind::F,
            b'r' => TestKind::R,
            b'z' | b'Z' => TestKind::Z,
            b'Q' => TestKind::Q,
            b'U' => TestKind::U,
            b'W' => TestKind::W,
            _ => return None,
        };
        // `F1,50` writes the df as subscripts, right after the name.
        let subscript = kind == TestKind::F && self.b.get(i + 1).is_some_and(u8::is_ascii_digit);
        (subscript || !self.word_at(i + 1)).then_some((kind, i + 1))
    }

    /// The df part: `(28)`, `(1, 50)`, `1,50` (F), `(2, N = 100)` (χ²).
    fn degrees(&self, test: TestKind, i: usize) -> Option<(Degrees, usize)> {
        if test == TestKind::F && self.b.get(i).is_some_and(u8::is_ascii_digit) {
            let (df1, j) = self.unsigned(i)?;
            let j = self.spaces(j);
            if self.b.get(j) != Some(&b',') {
                return None;
            }
            let (df2, j) = self.unsigned(self.spaces(j + 1))?;
            return Some((
                Degrees {
                    df1: Some(df1),
                    df2: Some(df2),
                    n: None,
                },
                j,
            ));
        }
        let j = self.spaces(i);
        if self.b.get(j) != Some(&b'(') {
            // Only z, U and W are written without df.
            return (test == TestKind::Z || test.is_rank()).then_some((Degrees::default(), i));
        }
        let mut j = self.spaces(j + 1);
        let mut dfs = Vec::with_capacity(2);
        let mut n = None;
        loop {
            if matches!(self.b.get(j), Some(b'N' | b'n')) {
                let k = self.spaces(j + 1);
                let (c, len) = Comparison::lead(&self.s[k..])?;
                if c != Comparison::Eq {
                    return None;
                }
                let (size, k) = self.unsigned(self.spaces(k + len))?;
                n = Some(
                    u64::try_from(size.mantissa())
                        .ok()
                        .filter(|_| size.scale() == 0)?,
                );
                j = self.spaces(k);
            } else {
                let (df, k) = self.df(j)?;
                dfs.push(df);
                j = self.spaces(k);
            }
            match self.b.get(j) {
                Some(b',') => j = self.spaces(j + 1),
                Some(b')') => break,
                _ => return None,
            }
        }
        let want = match test {
            TestKind::F | TestKind::U | TestKind::W => 2,
            TestKind::Z => 0,
            _ => 1,
        };
        let fits = dfs.len() == want || (test.is_rank() && dfs.is_empty());
        if !fits || (n.is_some() && !test.is_chi_square()) {
            return None;
        }
        let degrees = Degrees {
            df1: dfs.first().copied(),
            df2: dfs.get(1).copied(),
            n,
        };
        Some((degrees, j + 1))
    }

    /// A df in parentheses; a lone letter `l` is a misprinted 1.
    fn df(&self, i: usize) -> Option<(Decimal, usize)> {
        if self.b.get(i) == Some(&b'l') && !self.word_at(i + 1) {
            return Some((Decimal::new(1, 0), i + 1));
        }
        self.unsigned(i)
    }

    fn p_clause(&self, i: usize) -> Option<(ReportedP, usize)> {
        for ns in ["n.s.", "ns", "n.s", "NS"] {
            if self.s[i..].starts_with(ns) && !self.word_at(i + ns.len()) {
                return Some((ReportedP::NotSignificant, i + ns.len()));
            }
        }
        if !matches!(self.b.get(i), Some(b'p' | b'P')) || self.word_at(i + 1) {
            return None;
        }
        let j = self.spaces(i + 1);
        let (comparison, len) = Comparison::lead(&self.s[j..])?;
        let (p, end) = self.number(self.spaces(j + len))?;
        if p.mantissa() < 0 {
            return None;
        }
        Some((ReportedP::Value { comparison, p }, end))
    }

    fn number(&self, i: usize) -> Option<(Decimal, usize)> {
        match self.b.get(i) {
            Some(b'-') => {
                let (x, end) = self.unsigned(i + 1)?;
                Some((Decimal::new(-x.mantissa(), x.scale()), end))
            }
            _ => self.unsigned(i),
        }
    }

    fn unsigned(&self, i: usize) -> Option<(Decimal, usize)> {
        let digits = |from: usize| {
            self.b[from.min(self.b.len())..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
        };
        let int = digits(i);
        let mut end = i + int;
        if self.b.get(end) == Some(&b'.') && digits(end + 1) > 0 {
            end += 1 + digits(end + 1);
        }
        if end == i || self.word_at(end) {
            return None;
        }
        Decimal::parse(&self.s[i..end]).ok().map(|x| (x, end))
    }

    fn spaces(&self, mut i: usize) -> usize {
        while matches!(self.b.get(i), Some(b' ' | b'\n')) {
            i += 1;
        }
        i
    }

    /// Whether a letter, digit or `_` starts at byte `i` (a closing quote
    /// or dash does not).
    fn word_at(&self, i: usize) -> bool {
        self.s
            .get(i..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(is_word)
    }
}
