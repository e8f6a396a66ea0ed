//! PDF text layers, read by `pdf-extract` (on `lopdf`).
//!
//! The file is parsed once and checked before any text is extracted:
//! encrypted files without an empty password, more pages than allowed, and
//! compressed streams that unpack past the limit (a "PDF bomb") stop with
//! an error. Running headers and footers (a line that opens or closes two
//! or more pages, page numbers masked) are dropped, so that they are not
//! glued into sentences. Glyphs of the Pi fonts that journals set
//! relations and signs in are renamed to their standard names first, so
//! that `=`, `<` and `−` reach the text layer.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::panic::{AssertUnwindSafe, catch_unwind};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};
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
    name_pi_glyphs(&mut doc);
    name_advent_quotes(&mut doc);
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

/// Glyph names of the Linotype Pi fonts (MathematicalPi, Universal Greek
/// with Math Pi) and their standard names. Journals of the American
/// Psychological Association and others set `=`, `<`, `>`, `±`, `×` and the
/// minus in these fonts without a map to Unicode, so their text layers
/// hold control codes where those signs stand. The names of those six were
/// checked against the printed page of such a PDF; `+` and `Δ` come from
/// other reports of the same fonts.
const PI_GLYPHS: [(&[u8], &[u8]); 8] = [
    (b"H11001", b"plus"),
    (b"H11002", b"minus"),
    (b"H11003", b"multiply"),
    (b"H11005", b"equal"),
    (b"H11006", b"plusminus"),
    (b"H11021", b"less"),
    (b"H11022", b"greater"),
    (b"H9004", b"Delta"),
];

/// Renames Pi glyphs in every font encoding's differences (the encoding
/// dictionary on its own or inside a font), so that the text extractor
/// maps them by the standard glyph list.
fn name_pi_glyphs(doc: &mut Document) {
    fn rename(dict: &mut Dictionary) {
        let Ok(Object::Array(differences)) = dict.get_mut(b"Differences") else {
            return;
        };
        for item in differences {
            if let Object::Name(name) = item
                && let Some((_, standard)) = PI_GLYPHS.iter().find(|(pi, _)| pi == name)
            {
                *name = standard.to_vec();
            }
        }
    }
    for object in doc.objects.values_mut() {
        if let Object::Dictionary(dict) = object {
            rename(dict);
            if let Ok(Object::Dictionary(encoding)) = dict.get_mut(b"Encoding") {
                rename(encoding);
            }
        }
    }
}

/// Codes of the Advent symbol fonts (`AdvP` and a number, in Springer's
/// PDFs) that stand for other signs than their letters: each glyph is named
/// for the letter, so an opening quote reaches the text as `B` and a
/// closing one as `^`, gluing `B` to the statistic it quotes (`Bt(37)`).
/// Both were checked against the printed page of such a PDF, where each
/// font drew only that one code.
const ADVENT_CODES: [(u8, char); 2] = [(b'B', '\u{201C}'), (b'^', '\u{201D}')];

/// Gives each Advent symbol font without a map to Unicode one that maps
/// [`ADVENT_CODES`] (the extractor prefers it to the glyph names; other
/// codes still go by the font's encoding, which must be named).
fn name_advent_quotes(doc: &mut Document) {
    let fonts: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter_map(|(&id, object)| {
            let font = object.as_dict().ok()?;
            let advent = font
                .get(b"BaseFont")
                .and_then(Object::as_name)
                .is_ok_and(|name| {
                    name.windows(5)
                        .any(|w| w.starts_with(b"AdvP") && w[4].is_ascii_digit())
                });
            let named = matches!(font.get(b"Encoding"), Ok(Object::Name(_)));
            (advent && named && !font.has(b"ToUnicode")).then_some(id)
        })
        .collect();
    if fonts.is_empty() {
        return;
    }
    let pairs: String = ADVENT_CODES
        .iter()
        .map(|&(code, sign)| format!("<{code:02X}> <{:04X}>\n", u32::from(sign)))
        .collect();
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<00> <FF>\nendcodespacerange\n\
         {} beginbfchar\n{pairs}endbfchar\nendcmap\n\
         CMapName currentdict /CIDInit defineresource pop\nend\nend\n",
        ADVENT_CODES.len()
    );
    let map = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    for id in fonts {
        if let Ok(Object::Dictionary(font)) = doc.get_object_mut(id) {
            font.set("ToUnicode", map);
        }
    }
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
    use lopdf::{Stream, dictionary};

    use super::*;
    use crate::extract::Limits;

    /// A one-page PDF whose text switches between Times (`/T`) and
    /// `special` (`/P`), as `text` (a content stream) says.
    fn two_font_pdf(special: Dictionary, text: &str) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let times = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Times-Roman",
            "Encoding" => "WinAnsiEncoding",
        });
        let special = doc.add_object(special);
        let content = doc.add_object(Stream::new(dictionary! {}, text.as_bytes().to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            "Contents" => content,
            "Resources" => dictionary! { "Font" => dictionary! { "T" => times, "P" => special } },
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page.into()],
                "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).expect("written");
        bytes
    }

    fn paragraphs(pdf: &[u8]) -> Vec<String> {
        let document = crate::extract::read(pdf, &Limits::default()).expect("read");
        document.paragraphs.into_iter().map(|p| p.text).collect()
    }

    /// A one-page PDF that sets `=`, `<` and the minus in a Pi font whose
    /// differences name them `H11005`, `H11021` and `H11002`, as journals'
    /// PDFs do, without a map to Unicode.
    fn pi_font_pdf() -> Vec<u8> {
        let pi = dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "ABCDEF+MathematicalPi-One",
            "FirstChar" => 1,
            "LastChar" => 3,
            "Widths" => vec![Object::Integer(600); 3],
            "Encoding" => dictionary! {
                "Type" => "Encoding",
                "Differences" => vec![
                    Object::Integer(1),
                    Object::Name(b"H11005".to_vec()),
                    Object::Name(b"H11021".to_vec()),
                    Object::Name(b"H11002".to_vec()),
                ],
            },
        };
        let text = "BT /T 12 Tf 72 700 Td (The effect, t\\(28\\) ) Tj /P 12 Tf <01> Tj \
                    /T 12 Tf ( ) Tj /P 12 Tf <03> Tj /T 12 Tf (2.20, p ) Tj /P 12 Tf <02> Tj \
                    /T 12 Tf ( .05, was small.) Tj ET";
        two_font_pdf(pi, text)
    }

    /// pdf-extract panics on a reference to an object the file lacks; the
    /// reader says the page is damaged instead.
    #[test]
    fn a_missing_object_is_a_damaged_page() {
        let broken = dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Times-Roman",
            "Encoding" => Object::Reference((999, 0)),
        };
        let pdf = two_font_pdf(broken, "BT /P 12 Tf 72 700 Td (t\\(28\\) = 2.20) Tj ET");
        let e = crate::extract::read(&pdf, &Limits::default()).expect_err("damaged");
        assert!(e.to_string().contains("page 1 is damaged"), "{e}");
    }

    #[test]
    fn advent_quotes_reach_the_text() {
        let advent = dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "ABCDEF+XyzAdvP0004",
            "FirstChar" => 66,
            "LastChar" => 94,
            "Widths" => vec![Object::Integer(500); 29],
            "Encoding" => "WinAnsiEncoding",
        };
        let text = "BT /T 12 Tf 72 700 Td (An example: ) Tj /P 12 Tf (B) Tj \
                    /T 12 Tf (t\\(37\\) = 4.93, p < .001) Tj /P 12 Tf (^) Tj /T 12 Tf (.) Tj ET";
        assert_eq!(
            paragraphs(&two_font_pdf(advent, text)),
            ["An example: \u{201c}t(37) = 4.93, p < .001\u{201d}."]
        );
    }

    #[test]
    fn pi_font_signs_reach_the_text() {
        assert_eq!(
            paragraphs(&pi_font_pdf()),
            ["The effect, t(28) = \u{2212}2.20, p < .05, was small."]
        );
    }

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
