//! One event-driven walk over XML for DOCX and JATS: each names, in its
//! own vocabulary, which elements are paragraphs, tables, rows, cells and
//! captions, and which are left out. Only element names are matched (any
//! namespace prefix dropped); no recursion, so nesting depth is harmless.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::Builder;
use crate::error::{Error, Result};

/// How one XML vocabulary marks up text.
pub(super) struct Vocabulary {
    pub format: &'static str,
    /// Elements that end a paragraph.
    pub paragraphs: &'static [&'static str],
    pub table: &'static str,
    pub row: &'static str,
    pub cells: &'static [&'static str],
    /// Elements whose text is a table's caption (JATS `label`, `caption`).
    pub captions: &'static [&'static str],
    /// Elements whose whole content is left out.
    pub skipped: &'static [&'static str],
    /// If given, only text inside these elements counts (DOCX's `t`).
    pub text_in: &'static [&'static str],
    /// Empty elements that stand for a space (DOCX's `tab`, `br`).
    pub spaces: &'static [&'static str],
}

pub(super) fn read(xml: &[u8], vocabulary: &Vocabulary, builder: &mut Builder<'_>) -> Result<()> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut walk = Walk::default();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| Error::Unreadable {
                format: vocabulary.format,
                reason: format!(
                    "its XML is broken at byte {}: {e}",
                    reader.buffer_position()
                ),
            })?;
        match event {
            Event::Start(e) => walk.open(local(e.name().as_ref()), vocabulary, builder)?,
            Event::End(e) => walk.close(local(e.name().as_ref()), vocabulary, builder)?,
            Event::Empty(e) => {
                let name = local(e.name().as_ref());
                if vocabulary.spaces.contains(&name.as_str()) && walk.skipping == 0 {
                    walk.push(" ");
                } else if vocabulary.paragraphs.contains(&name.as_str()) {
                    walk.close(name, vocabulary, builder)?;
                }
            }
            Event::Text(e) => {
                let text = e.decode().map_err(|e| Error::Unreadable {
                    format: vocabulary.format,
                    reason: format!("its text is not valid: {e}"),
                })?;
                walk.text(&text, vocabulary);
            }
            Event::CData(e) => walk.text(&String::from_utf8_lossy(&e), vocabulary),
            Event::GeneralRef(e) => {
                let name = String::from_utf8_lossy(&e);
                let text = match name.as_ref() {
                    "amp" => "&".to_owned(),
                    "lt" => "<".to_owned(),
                    "gt" => ">".to_owned(),
                    "quot" => "\"".to_owned(),
                    "apos" => "'".to_owned(),
                    _ => e
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .map(String::from)
                        .unwrap_or_default(),
                };
                walk.text(&text, vocabulary);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    builder.paragraph(&walk.paragraph, None)
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.rsplit_once(':') {
        Some((_, local)) => local.to_owned(),
        None => name.into_owned(),
    }
}

#[derive(Default)]
struct Walk {
    skipping: usize,
    text_open: usize,
    captioning: usize,
    tables_open: usize,
    paragraph: String,
    caption: String,
    rows: Vec<Vec<String>>,
}

impl Walk {
    fn open(&mut self, name: String, v: &Vocabulary, builder: &mut Builder<'_>) -> Result<()> {
        let name = name.as_str();
        if v.skipped.contains(&name) || self.skipping > 0 {
            self.skipping += usize::from(v.skipped.contains(&name));
            return Ok(());
        }
        if v.text_in.contains(&name) {
            self.text_open += 1;
        }
        if v.captions.contains(&name) {
            if self.captioning == 0 && !self.caption.is_empty() {
                self.caption.push(' ');
            }
            self.captioning += 1;
        } else if name == v.table {
            self.tables_open += 1;
            if self.tables_open == 1 {
                builder.paragraph(&self.paragraph, None)?;
                self.paragraph.clear();
                self.rows.clear();
            }
        } else if self.tables_open == 1 && name == v.row {
            self.rows.push(Vec::new());
        } else if self.tables_open == 1 && v.cells.contains(&name) {
            if self.rows.is_empty() {
                self.rows.push(Vec::new());
            }
            if let Some(row) = self.rows.last_mut() {
                row.push(String::new());
            }
        }
        Ok(())
    }

    fn close(&mut self, name: String, v: &Vocabulary, builder: &mut Builder<'_>) -> Result<()> {
        let name = name.as_str();
        if self.skipping > 0 {
            self.skipping -= usize::from(v.skipped.contains(&name));
            return Ok(());
        }
        if v.text_in.contains(&name) {
            self.text_open = self.text_open.saturating_sub(1);
        }
        if v.captions.contains(&name) {
            self.captioning = self.captioning.saturating_sub(1);
        } else if name == v.table && self.tables_open > 0 {
            self.tables_open -= 1;
            if self.tables_open == 0 {
                let caption = std::mem::take(&mut self.caption);
                builder.table(&caption, std::mem::take(&mut self.rows), None)?;
            }
        } else if v.paragraphs.contains(&name) {
            if self.tables_open > 0 || self.captioning > 0 {
                self.push(" ");
            } else {
                builder.paragraph(&self.paragraph, None)?;
                self.paragraph.clear();
            }
        }
        Ok(())
    }

    fn text(&mut self, text: &str, v: &Vocabulary) {
        if self.skipping == 0 && (v.text_in.is_empty() || self.text_open > 0) {
            self.push(text);
        }
    }

    fn push(&mut self, text: &str) {
        if self.captioning > 0 {
            self.caption.push_str(text);
        } else if self.tables_open > 0 {
            if let Some(cell) = self.rows.last_mut().and_then(|r| r.last_mut()) {
                cell.push_str(text);
            }
        } else {
            self.paragraph.push_str(text);
        }
    }
}
