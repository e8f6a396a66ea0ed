//! Reading papers: PDF, HTML, DOCX, JATS XML and plain text become one
//! [`Document`] of paragraphs and tables, each with the page or paragraph
//! it came from.
//!
//! The format is chosen by content ([`Format::detect`]), never by a file's
//! name. Each reader sits behind its own cargo feature (`pdf`, `html`,
//! `docx`, `jats`; `readers` for all), so a user who wants only GRIM does
//! not build a PDF reader; plain text needs none.
//!
//! Hostile files are bounded by [`Limits`]: the input's size, what a zip
//! may unpack to, the pages read, and the text kept.
//!
//! ```
//! use ferrox::extract::{read, Format, Limits};
//! let doc = read(b"Method\n\nWe asked N = 40 people.\n", &Limits::default())?;
//! assert_eq!(doc.format, Format::Text);
//! assert_eq!(doc.paragraphs[1].text, "We asked N = 40 people.");
//! # Ok::<(), ferrox::Error>(())
//! ```

mod layout;
mod normalize;
mod text;

#[cfg(feature = "docx")]
mod docx;
#[cfg(feature = "html")]
mod html;
#[cfg(feature = "jats")]
mod jats;
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(any(feature = "docx", feature = "jats"))]
mod xml;

pub use normalize::normalize;

use crate::error::{Error, Result};

/// The formats ferrox reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// PDF with a text layer (scanned pages without one give no text).
    Pdf,
    /// An HTML page (a publisher's full text, a preprint server's).
    Html,
    /// A Word document (Office Open XML).
    Docx,
    /// JATS XML, the format of PubMed Central's open-access articles.
    Jats,
    /// Plain text (UTF-8, or Latin-1 where it is not UTF-8).
    #[default]
    Text,
}

impl Format {
    /// Every format, in the order reports list them.
    pub const ALL: [Format; 5] = [
        Format::Pdf,
        Format::Html,
        Format::Docx,
        Format::Jats,
        Format::Text,
    ];

    /// The format's name, as reports print it.
    ///
    /// ```
    /// assert_eq!(ferrox::extract::Format::Jats.name(), "JATS");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Html => "HTML",
            Format::Docx => "DOCX",
            Format::Jats => "JATS",
            Format::Text => "text",
        }
    }

    /// The format of a document, from its first bytes: `%PDF`, a zip (a
    /// DOCX), XML with a JATS `<article>`, HTML, or text. Binary data that
    /// is none of these is an error.
    ///
    /// ```
    /// use ferrox::extract::Format;
    /// assert_eq!(Format::detect(b"%PDF-1.7\n...")?, Format::Pdf);
    /// assert_eq!(Format::detect(b"<!doctype html><p>Hi")?, Format::Html);
    /// assert_eq!(Format::detect(b"<?xml version=\"1.0\"?><article>")?, Format::Jats);
    /// assert_eq!(Format::detect(b"t(28) = 2.20, p = .03")?, Format::Text);
    /// assert!(Format::detect(b"\x00\x01\x02\x7fELF").is_err());
    /// # Ok::<(), ferrox::Error>(())
    /// ```
    pub fn detect(bytes: &[u8]) -> Result<Format> {
        let head = &bytes[..bytes.len().min(4096)];
        let start = trim_start(head);
        if start.starts_with(b"%PDF-") || find(head, b"%PDF-").is_some_and(|i| i < 1024) {
            return Ok(Format::Pdf);
        }
        if start.starts_with(b"PK\x03\x04") {
            return Ok(Format::Docx);
        }
        let lower: Vec<u8> = start
            .iter()
            .take(2048)
            .map(u8::to_ascii_lowercase)
            .collect();
        if lower.starts_with(b"<!doctype article") {
            return Ok(Format::Jats);
        }
        if lower.starts_with(b"<?xml") {
            if find(&lower, b"<html").is_some() {
                return Ok(Format::Html);
            }
            if find(&lower, b"<article").is_some() || find(&lower, b"jats").is_some() {
                return Ok(Format::Jats);
            }
        }
        if lower.starts_with(b"<!doctype html")
            || lower.starts_with(b"<html")
            || [
                &b"<head"[..],
                b"<body",
                b"<p>",
                b"<div",
                b"<meta",
                b"<table",
            ]
            .iter()
            .any(|tag| find(&lower, tag).is_some())
        {
            return Ok(Format::Html);
        }
        if text::looks_binary(head) {
            return Err(Error::Unreadable {
                format: "file",
                reason: "it is not PDF, HTML, DOCX, JATS XML or text".into(),
            });
        }
        Ok(Format::Text)
    }
}

/// The limits that keep a hostile or huge document bounded. Every reader
/// stops with [`Error::OverLimit`] past them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest input, in bytes (default 256 MB).
    pub max_bytes: usize,
    /// The most a compressed part (a DOCX's XML, a PDF stream) may unpack
    /// to, in bytes (default 256 MB): a zip bomb stops here.
    pub max_unpacked: u64,
    /// The most pages read from a PDF (default 2,000).
    pub max_pages: usize,
    /// The most text kept, in bytes (default 64 MB).
    pub max_text: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 256 << 20,
            max_unpacked: 256 << 20,
            max_pages: 2000,
            max_text: 64 << 20,
        }
    }
}

/// A document as read: its paragraphs and tables, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The format it was read as.
    pub format: Format,
    /// Running text: headings, paragraphs, captions, list items.
    pub paragraphs: Vec<Paragraph>,
    /// Tables, with their captions.
    pub tables: Vec<Table>,
}

/// One paragraph of running text, whitespace-normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// The text, with lines joined and hyphenation undone.
    pub text: String,
    /// The page it starts on (PDF only, from 1).
    pub page: Option<u32>,
    /// Its place among the document's paragraphs, from 1.
    pub index: u32,
}

/// One table: a caption and rows of cell texts (the header row first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The caption or title, empty if none.
    pub caption: String,
    /// The cells, row by row.
    pub rows: Vec<Vec<String>>,
    /// The page it is on (PDF only, from 1).
    pub page: Option<u32>,
    /// Its place among the document's tables, from 1.
    pub index: u32,
}

/// Reads a document of any format ferrox knows, detected from its bytes.
///
/// Fails with [`Error::Unreadable`] on a damaged, encrypted or unknown file
/// (or a format whose reader was not built), and with [`Error::OverLimit`]
/// past `limits`.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document> {
    if bytes.len() > limits.max_bytes {
        return Err(Error::OverLimit {
            what: format!("the document ({} MB)", bytes.len() >> 20),
            limit: format!("{} MB", limits.max_bytes >> 20),
        });
    }
    let format = Format::detect(bytes)?;
    let mut builder = Builder::new(format, limits);
    match format {
        Format::Text => text::read(&text::decode(bytes), None, &mut builder)?,
        #[cfg(feature = "pdf")]
        Format::Pdf => pdf::read(bytes, &mut builder)?,
        #[cfg(feature = "html")]
        Format::Html => html::read(bytes, &mut builder)?,
        #[cfg(feature = "docx")]
        Format::Docx => docx::read(bytes, &mut builder)?,
        #[cfg(feature = "jats")]
        Format::Jats => jats::read(bytes, &mut builder)?,
        #[allow(unreachable_patterns)]
        other => {
            return Err(Error::Unreadable {
                format: other.name(),
                reason: format!(
                    "this build of ferrox has no {} reader (cargo feature `readers`)",
                    other.name()
                ),
            });
        }
    }
    Ok(builder.document)
}

/// What every reader fills: paragraphs and tables in order, with the text
/// kept under the limit.
struct Builder<'a> {
    document: Document,
    limits: &'a Limits,
    text_bytes: usize,
    /// The last block added was a paragraph (which may be the caption of
    /// a table that follows).
    after_paragraph: bool,
}

impl<'a> Builder<'a> {
    fn new(format: Format, limits: &'a Limits) -> Self {
        Builder {
            document: Document {
                format,
                ..Document::default()
            },
            limits,
            text_bytes: 0,
            after_paragraph: false,
        }
    }

    fn count(&mut self, bytes: usize) -> Result<()> {
        self.text_bytes += bytes;
        if self.text_bytes > self.limits.max_text {
            return Err(Error::OverLimit {
                what: "the document's text".into(),
                limit: format!("{} MB", self.limits.max_text >> 20),
            });
        }
        Ok(())
    }

    /// Adds a paragraph of raw text (normalised here); empty ones are
    /// dropped.
    fn paragraph(&mut self, raw: &str, page: Option<u32>) -> Result<()> {
        let text = normalize(raw);
        if text.is_empty() {
            return Ok(());
        }
        self.count(text.len())?;
        let index = self.document.paragraphs.len() as u32 + 1;
        self.document
            .paragraphs
            .push(Paragraph { text, page, index });
        self.after_paragraph = true;
        Ok(())
    }

    /// Adds a table of raw cells (normalised here); tables without cells
    /// are dropped. Without a caption of its own, a paragraph just before
    /// it that starts with "Table" becomes its caption.
    fn table(&mut self, caption: &str, rows: Vec<Vec<String>>, page: Option<u32>) -> Result<()> {
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|row| row.iter().map(|c| normalize(c)).collect::<Vec<_>>())
            .filter(|row: &Vec<String>| row.iter().any(|c| !c.is_empty()))
            .collect();
        if rows.is_empty() {
            return Ok(());
        }
        self.count(rows.iter().flatten().map(String::len).sum())?;
        let mut caption = normalize(caption);
        let paragraphs = &mut self.document.paragraphs;
        if caption.is_empty()
            && self.after_paragraph
            && paragraphs
                .last()
                .is_some_and(|p| p.text.starts_with("Table ") || p.text.starts_with("TABLE "))
        {
            caption = paragraphs.pop().map(|p| p.text).unwrap_or_default();
        }
        self.after_paragraph = false;
        let index = self.document.tables.len() as u32 + 1;
        self.document.tables.push(Table {
            caption,
            rows,
            page,
            index,
        });
        Ok(())
    }
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        let detect = |b: &[u8]| Format::detect(b).map_err(|e| e.to_string());
        assert_eq!(detect(b"\xEF\xBB\xBF  %PDF-1.4"), Ok(Format::Pdf));
        assert_eq!(detect(b"PK\x03\x04rest"), Ok(Format::Docx));
        assert_eq!(
            detect(b"<?xml version='1.0'?>\n<!DOCTYPE html><html>"),
            Ok(Format::Html)
        );
        assert_eq!(detect(b"<!DOCTYPE article PUBLIC"), Ok(Format::Jats));
        assert_eq!(detect(b""), Ok(Format::Text));
        assert_eq!(detect("Müller, χ2(1) = 4.2".as_bytes()), Ok(Format::Text));
        assert!(detect(&[0u8; 64]).is_err());
    }

    #[test]
    fn inputs_over_the_limit_are_refused_before_reading() {
        let limits = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        let e = read(b"a long enough text", &limits).expect_err("an error");
        assert!(matches!(e, Error::OverLimit { .. }), "{e}");
        let limits = Limits {
            max_text: 10,
            ..Limits::default()
        };
        assert!(read(b"one paragraph of text\n\nand another", &limits).is_err());
    }
}
