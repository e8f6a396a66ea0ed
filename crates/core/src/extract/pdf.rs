//! PDF text layers, read by `pdf-extract` (on `lopdf`).
//!
//! The file is parsed once and checked before any text is extracted:
//! encrypted files without an empty password, more pages than allowed, and
//! compressed streams that unpack past the limit (a "PDF bomb") stop with
//! an error. Running headers and footers (a line that opens or closes two
//! or more pages, page numbers masked) are dropped, so that they are not
//! glued into sentences.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::{Document, Object};
use pdf_extract::PlainTextOutput;

use super::{Builder, text};
use crate::error::{Error, Result};

pub(super) fn read(bytes: &[u8], builder: &mut Builder<'_>) -> Result<()> {
    let unreadable = |reason: String| Error::Unreadable {
        format: "PDF",
        reason,
    };
    let mut doc =
        Document::load_mem(bytes).map_err(|e| unreadable(format!("{e}; is the file complete?")))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(unreadable(
            "it is encrypted; save an unprotected copy and scan that".into(),
        ));
    }
    let count = doc.get_pages().len();
    if count > builder.limits.max_pages {
        return Err(Error::OverLimit {
            what: format!("the PDF's length, {count} pages,"),
            limit: format!("{} pages", builder.limits.max_pages),
        });
    }
    check_streams(&doc, builder.limits.max_unpacked)?;
    let pages = (1..=count as u32)
        .map(|page| {
            let mut text = String::new();
            let extracted = catch_unwind(AssertUnwindSafe(|| {
                pdf_extract::output_doc_page(&doc, &mut PlainTextOutput::new(&mut text), page)
            }));
            match extracted {
                Ok(Ok(())) => Ok(text),
                Ok(Err(e)) => Err(unreadable(format!("page {page}: {e}"))),
                Err(_) => Err(unreadable(format!(
                    "the text layer of page {page} is damaged"
                ))),
            }
        })
        .collect::<Result<Vec<String>>>()?;
    let pages: Vec<Vec<&str>> = pages.iter().map(|p| p.lines().collect()).collect();
    let running = running_lines(&pages);
    for (number, lines) in pages.iter().enumerate() {
        let kept: Vec<&str> = lines
            .iter()
            .filter(|line| !running.contains(&masked(line)))
            .copied()
            .collect();
        text::read(&kept.join("\n"), Some(number as u32 + 1), builder)?;
    }
    Ok(())
}

/// Every Flate stream must unpack to at most `limit` bytes in all.
fn check_streams(doc: &Document, limit: u64) -> Result<()> {
    let mut total = 0u64;
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let flate = stream
            .filters()
            .is_ok_and(|f| f.contains(&&b"FlateDecode"[..]));
        if !flate {
            total += stream.content.len() as u64;
            continue;
        }
        let decoder = flate2::read::ZlibDecoder::new(&stream.content[..]);
        let unpacked = std::io::copy(
            &mut decoder.take(limit + 1 - total.min(limit)),
            &mut std::io::sink(),
        )
        .unwrap_or(0);
        total += unpacked;
        if total > limit {
            return Err(Error::OverLimit {
                what: "the PDF's unpacked streams".into(),
                limit: format!("{} MB", limit >> 20),
            });
        }
    }
    Ok(())
}

/// Lines that open or close at least two pages and a quarter of them
/// (digits masked, so that `Page 3` and `Page 4` are one line): running
/// headers and footers, even those that alternate between odd and even
/// pages, but not a body line that happens to open two pages of many.
fn running_lines(pages: &[Vec<&str>]) -> HashSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for lines in pages {
        let mut nonblank = lines.iter().filter(|l| !l.trim().is_empty());
        let first = nonblank.next();
        let last = nonblank.next_back();
        for line in first.into_iter().chain(last) {
            *seen.entry(masked(line)).or_default() += 1;
        }
    }
    seen.into_iter()
        .filter(|&(_, count)| count >= 2 && 4 * count >= pages.len())
        .map(|(line, _)| line)
        .collect()
}

fn masked(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_lines_recur_on_a_quarter_of_the_pages() {
        let texts: Vec<Vec<String>> = (1..=12)
            .map(|i| {
                let header = match i {
                    // A body line that opens two pages of twelve.
                    3 | 9 => "Table 1 (continued)",
                    _ if i % 2 == 0 => "Journal of Tests",
                    _ => "Author and Author",
                };
                let body = format!("Text of page {i}: {}.", "x".repeat(i));
                vec![header.to_owned(), body, format!("Page {} of 9", i % 10)]
            })
            .collect();
        let pages: Vec<Vec<&str>> = texts
            .iter()
            .map(|p| p.iter().map(String::as_str).collect())
            .collect();
        let mut running: Vec<String> = running_lines(&pages).into_iter().collect();
        running.sort();
        assert_eq!(
            running,
            ["Author and Author", "Journal of Tests", "Page # of #"]
        );
        let two = vec![
            vec!["Short paper", "text one"],
            vec!["Short paper", "text two"],
        ];
        assert!(running_lines(&two).contains("Short paper"));
    }
}
