//! The scan report as one self-contained HTML page: a summary, then each
//! file's findings in their context.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Row, summarize};

/// The report of a scan as one HTML page with no outside resources: at
/// the top, how many findings of each test and how many inconsistent; then
/// per file, each finding in its sentence or table cell (the finding
/// marked), with the verdict, the reason, and what would have been
/// consistent. Inconsistent findings come first in each file.
///
/// ```
/// use ferrox::scan::{html_report, scan_text, ScanOptions};
/// let rows = scan_text("It differed, t(27) = 2.20, p = .36.", &ScanOptions::default());
/// let page = html_report(&rows, "My paper");
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("<mark>t(27) = 2.20, p = .36</mark>"));
/// ```
pub fn html_report(rows: &[Row], title: &str) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n",
        escape(title),
        escape(title)
    );
    summary(&mut page, rows);
    let mut files: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for row in rows {
        files.entry(row.file.as_str()).or_default().push(row);
    }
    for (file, mut rows) in files {
        let _ = writeln!(
            page,
            "<section><h2>{}</h2>",
            escape(if file.is_empty() { "text" } else { file })
        );
        rows.sort_by_key(|r| match r.consistent {
            Some(false) => 0,
            None => 1,
            Some(true) => 2,
        });
        for row in rows {
            finding(&mut page, row);
        }
        page.push_str("</section>\n");
    }
    page.push_str("</body></html>\n");
    page
}

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}\
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}\
th:first-child,td:first-child{text-align:left}.finding{border-left:4px solid #999;margin:1em 0;padding:.3em .8em}\
.consistent{border-color:#2a7}.inconsistent{border-color:#c33;background:#fff5f5}\
.guessed{border-color:#d90;background:#fffaf0}.unchecked{border-color:#999;background:#f6f6f6}\
mark{background:#ffe27a}.meta{color:#555;font-size:.9em}.verdict{font-weight:600}";

fn summary(page: &mut String, rows: &[Row]) {
    let summary = summarize(rows);
    let _ = write!(
        page,
        "<p class=\"meta\">{} file(s), {} finding(s) checked{}.</p>\n<table><tr><th>Test</th>\
         <th>Checked</th><th>Inconsistent</th><th>Inconsistent (guessed n)</th><th>Not checked</th></tr>\n",
        summary.files,
        summary.checked,
        if summary.unreadable > 0 {
            format!(", {} file(s) could not be read", summary.unreadable)
        } else {
            String::new()
        }
    );
    for t in &summary.tests {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&t.test),
            t.checked,
            t.inconsistent,
            t.guessed,
            t.unchecked
        );
    }
    page.push_str("</table>\n");
}

fn finding(page: &mut String, row: &Row) {
    let f = &row.finding;
    let class = row.status().name();
    let mut place = Vec::new();
    if let Some(p) = f.place.page {
        place.push(format!("page {p}"));
    }
    if let Some(p) = f.place.paragraph {
        place.push(format!("paragraph {p}"));
    }
    if let (Some(t), Some(r), Some(c)) = (f.place.table, f.place.row, f.place.column) {
        place.push(format!("table {t}, row {r}, column {c}"));
    }
    let _ = write!(page, "<div class=\"finding {class}\">");
    if row.test.is_empty() {
        let _ = writeln!(
            page,
            "<p class=\"verdict\">Could not be read: {}</p></div>",
            escape(&row.error)
        );
        return;
    }
    let context = match f.snippet.find(&f.values) {
        Some(at) => format!(
            "{}<mark>{}</mark>{}",
            escape(&f.snippet[..at]),
            escape(&f.values),
            escape(&f.snippet[at + f.values.len()..])
        ),
        None => format!(
            "{} — <mark>{}</mark>",
            escape(&f.snippet),
            escape(&f.values)
        ),
    };
    let _ = write!(
        page,
        "<p class=\"verdict\">{}: {}</p><p>{context}</p><p class=\"meta\">{}",
        escape(&row.test),
        escape(&row.verdict),
        escape(&place.join(", "))
    );
    if let Some(n) = f.n {
        let _ = write!(
            page,
            " · n = {n} ({}, {})",
            escape(&f.n_source),
            f.confidence.name()
        );
    }
    if let Some((lo, hi, from)) = &f.scale {
        let _ = write!(page, " · scale {lo}–{hi} ({})", escape(from));
    }
    page.push_str("</p>");
    for (label, text) in [
        ("Why", &row.reason),
        ("Consistent would be", &row.consistent_values),
        ("Error", &row.error),
    ] {
        if !text.is_empty() {
            let _ = write!(page, "<p class=\"meta\">{label}: {}</p>", escape(text));
        }
    }
    page.push_str("</div>\n");
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
