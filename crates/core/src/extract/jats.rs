//! JATS XML, the format of PubMed Central's open-access articles: the
//! title, abstract, body and tables; references and metadata left out.

use super::Builder;
use super::xml::{Vocabulary, read as walk};
use crate::error::Result;

const JATS: Vocabulary = Vocabulary {
    format: "JATS XML",
    paragraphs: &["p", "title", "article-title", "list-item", "disp-quote"],
    table: "table",
    row: "tr",
    cells: &["td", "th"],
    captions: &["label", "caption"],
    skipped: &[
        "ref-list",
        "journal-meta",
        "contrib-group",
        "aff",
        "author-notes",
        "history",
        "permissions",
        "funding-group",
        "counts",
        "custom-meta-group",
        "kwd-group",
        "article-categories",
        "pub-date",
        "object-id",
        "article-id",
        "fn-group",
    ],
    text_in: &[],
    spaces: &["break"],
};

pub(super) fn read(bytes: &[u8], builder: &mut Builder<'_>) -> Result<()> {
    walk(bytes, &JATS, builder)
}
