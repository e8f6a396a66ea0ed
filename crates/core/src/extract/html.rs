//! HTML, parsed as browsers parse it (html5ever, through `scraper`).
//!
//! Navigation, headers, footers, scripts and styles are left out; block
//! elements end paragraphs; tables keep their cells. The tree is walked
//! without recursion, so deeply nested markup cannot exhaust the stack.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::Builder;
use crate::error::Result;

const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "svg", "button",
    "form", "select", "iframe",
];
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
    let html = Html::parse_document(&super::text::decode(bytes));
    let mut skipping = 0usize;
    let mut paragraph = String::new();
    let mut table: Option<TableState> = None;
    let mut tables_open = 0usize;
    for edge in html.tree.root().traverse() {
        let (node, open) = match edge {
            Edge::Open(node) => (node, true),
            Edge::Close(node) => (node, false),
        };
        match node.value() {
            Node::Element(element) => {
                let name = element.name();
                if SKIPPED.contains(&name) {
                    skipping = if open { skipping + 1 } else { skipping - 1 };
                    continue;
                }
                if skipping > 0 {
                    continue;
                }
                if name == "table" {
                    if open {
                        tables_open += 1;
                        if tables_open == 1 {
                            builder.paragraph(&paragraph, None)?;
                            paragraph.clear();
                            table = Some(TableState::default());
                        }
                    } else {
                        tables_open -= 1;
                        if tables_open == 0
                            && let Some(done) = table.take()
                        {
                            builder.table(&done.caption, done.rows, None)?;
                        }
                    }
                    continue;
                }
                match (&mut table, name) {
                    (Some(t), "tr") if open && tables_open == 1 => t.rows.push(Vec::new()),
                    (Some(t), "td" | "th") if open && tables_open == 1 => {
                        if t.rows.is_empty() {
                            t.rows.push(Vec::new());
                        }
                        if let Some(row) = t.rows.last_mut() {
                            row.push(String::new());
                        }
                    }
                    (Some(t), "caption") => t.in_caption = open,
                    (Some(t), _) => t.push(" "),
                    (None, _) if BLOCKS.contains(&name) => {
                        builder.paragraph(&paragraph, None)?;
                        paragraph.clear();
                    }
                    (None, _) => {}
                }
            }
            Node::Text(text) if open && skipping == 0 => match &mut table {
                Some(t) => t.push(text),
                None => paragraph.push_str(text),
            },
            _ => {}
        }
    }
    builder.paragraph(&paragraph, None)
}

#[derive(Default)]
struct TableState {
    caption: String,
    in_caption: bool,
    rows: Vec<Vec<String>>,
}

impl TableState {
    fn push(&mut self, text: &str) {
        if self.in_caption {
            self.caption.push_str(text);
        } else if let Some(cell) = self.rows.last_mut().and_then(|r| r.last_mut()) {
            cell.push_str(text);
        }
    }
}
