//! Word documents: `word/document.xml` from the zip, read through the
//! shared XML walk. The part is unpacked through a bounded reader, so a
//! zip bomb stops at the limit whatever its header claims.

use std::io::{Cursor, Read};

use super::Builder;
use super::xml::{Vocabulary, read as walk};
use crate::error::{Error, Result};

const WORD: Vocabulary = Vocabulary {
    format: "DOCX",
    paragraphs: &["p"],
    table: "tbl",
    row: "tr",
    cells: &["tc"],
    captions: &[],
    skipped: &[
        "instrText",
        "delText",
        "footnoteReference",
        "commentReference",
    ],
    text_in: &["t"],
    spaces: &["tab", "br", "cr"],
};

pub(super) fn read(bytes: &[u8], builder: &mut Builder<'_>) -> Result<()> {
    let unreadable = |reason: String| Error::Unreadable {
        format: "DOCX",
        reason,
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| unreadable(format!("it is not a complete zip archive ({e})")))?;
    let part = archive.by_name("word/document.xml").map_err(|e| match e {
        zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => {
            unreadable("it is encrypted; save an unprotected copy and scan that".into())
        }
        _ => unreadable("it has no word/document.xml; is it a Word document?".into()),
    })?;
    let limit = builder.limits.max_unpacked;
    let mut xml = Vec::new();
    part.take(limit + 1)
        .read_to_end(&mut xml)
        .map_err(|e| unreadable(format!("its text part cannot be unpacked ({e})")))?;
    if xml.len() as u64 > limit {
        return Err(Error::OverLimit {
            what: "the DOCX's unpacked text part".into(),
            limit: format!("{} MB", limit >> 20),
        });
    }
    walk(&xml, &WORD, builder)
}
