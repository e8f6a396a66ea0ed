//! Plain text, and the text layer of PDF pages: paragraphs split at blank
//! lines, tables recognised by their layout.

use super::{Builder, layout};
use crate::error::Result;

/// Text from bytes: UTF-8 (with or without a byte-order mark), UTF-16 with
/// one, else Latin-1, which every byte sequence is.
pub(super) fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let utf16 = |little: bool| {
        let units = bytes[2..].chunks_exact(2).map(|pair| {
            let pair = [pair[0], pair[1]];
            if little {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(true),
        [0xFE, 0xFF, ..] => utf16(false),
        _ => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Whether the start of a file is binary data rather than text: NUL bytes
/// or many control characters (UTF-16 text has a byte-order mark).
pub(super) fn looks_binary(head: &[u8]) -> bool {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    head.contains(&0) || control * 20 > head.len()
}

/// Reads text: pages at form feeds (`page` numbers them from there, if
/// given), then paragraphs and tables.
pub(super) fn read(text: &str, first_page: Option<u32>, builder: &mut Builder<'_>) -> Result<()> {
    for (i, page) in text.split('\u{C}').enumerate() {
        let number = first_page.map(|p| p + i as u32);
        for block in layout::blocks(page) {
            match block {
                layout::Block::Paragraph(raw) => builder.paragraph(&raw, number)?,
                layout::Block::Table(rows) => builder.table("", rows, number)?,
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_utf8_are_still_read() {
        assert_eq!(decode(b"caf\xE9"), "café");
        assert_eq!(decode(b"\xFF\xFEa\x00b\x00"), "ab");
        assert_eq!(decode(b"\xEF\xBB\xBFok"), "ok");
        assert!(looks_binary(b"\x7fELF\x02\x01\x01\x00"));
        assert!(!looks_binary(b"plain\ttext\r\n"));
    }
}
