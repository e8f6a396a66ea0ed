//! HTML, tokenized as browsers tokenize it (html5ever's tokenizer).
//!
//! Only the tokenizer runs, not the tree builder: building the tree takes
//! time quadratic in the nesting depth (200,000 nested `<div>`s take
//! minutes), while the tokens alone give everything read here in one
//! linear pass. Navigation, headers, footers, scripts and styles are left
//! out; block elements end paragraphs; tables keep their cells.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use markup5ever::TokenizerResult;

use super::Builder;
use crate::error::Result;

/// Elements whose whole content is left out.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "svg", "button",
    "form", "select", "iframe", "textarea", "title",
];
/// Elements that start or end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "aside",
    "br",
    "hr",
    "body",
];

pub(super) fn read(bytes: &[u8], builder: &mut Builder<'_>) -> Result<()> {
    let text = super::text::decode(bytes);
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(text.as_str()));
    while let TokenizerResult::Script(()) = tokenizer.feed(&queue) {}
    tokenizer.end();
    let mut state = tokenizer.sink.state.into_inner();
    state.flush();
    for block in state.blocks {
        match block {
            Block::Paragraph(text) => builder.paragraph(&text, None)?,
            Block::Table(caption, rows) => builder.table(&caption, rows, None)?,
        }
    }
    Ok(())
}

enum Block {
    Paragraph(String),
    Table(String, Vec<Vec<String>>),
}

#[derive(Default)]
struct Sink {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    skipping: usize,
    paragraph: String,
    tables_open: usize,
    in_caption: bool,
    caption: String,
    rows: Vec<Vec<String>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => return state.tag(&tag),
            Token::CharacterTokens(text) => state.text(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl State {
    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let open = tag.kind == TagKind::StartTag && !tag.self_closing;
        if SKIPPED.contains(&name) {
            if open {
                self.skipping += 1;
                return match name {
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "style" | "noscript" | "iframe" => TokenSinkResult::RawData(RawKind::Rawtext),
                    "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => TokenSinkResult::Continue,
                };
            }
            if tag.kind == TagKind::EndTag {
                self.skipping = self.skipping.saturating_sub(1);
            }
            return TokenSinkResult::Continue;
        }
        if self.skipping > 0 {
            return TokenSinkResult::Continue;
        }
        match (name, tag.kind) {
            ("table", TagKind::StartTag) => {
                self.tables_open += 1;
                if self.tables_open == 1 {
                    self.flush();
                }
            }
            ("table", TagKind::EndTag) if self.tables_open > 0 => {
                self.tables_open -= 1;
                if self.tables_open == 0 {
                    let caption = std::mem::take(&mut self.caption);
                    let rows = std::mem::take(&mut self.rows);
                    self.blocks.push(Block::Table(caption, rows));
                }
            }
            ("caption", kind) if self.tables_open > 0 => {
                self.in_caption = kind == TagKind::StartTag
            }
            ("tr", TagKind::StartTag) if self.tables_open == 1 => self.rows.push(Vec::new()),
            ("td" | "th", TagKind::StartTag) if self.tables_open == 1 => {
                if self.rows.is_empty() {
                    self.rows.push(Vec::new());
                }
                if let Some(row) = self.rows.last_mut() {
                    row.push(String::new());
                }
            }
            _ if self.tables_open > 0 => self.push(" "),
            (name, _) if BLOCKS.contains(&name) => self.flush(),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn text(&mut self, text: &str) {
        if self.skipping == 0 {
            self.push(text);
        }
    }

    fn push(&mut self, text: &str) {
        if self.tables_open == 0 {
            self.paragraph.push_str(text);
        } else if self.in_caption {
            self.caption.push_str(text);
        } else if let Some(cell) = self.rows.last_mut().and_then(|r| r.last_mut()) {
            cell.push_str(text);
        }
    }

    fn flush(&mut self) {
        if !self.paragraph.trim().is_empty() {
            self.blocks
                .push(Block::Paragraph(std::mem::take(&mut self.paragraph)));
        }
        self.paragraph.clear();
    }
}
