//! Reading hostile and odd documents: a clear error or a bounded run,
//! never a panic, a crash or unbounded memory.
#![cfg(feature = "readers")]

use std::io::Write;
use std::path::Path;

use ferrox::Error;
use ferrox::extract::{Format, Limits, read};
use ferrox::scan::{ScanOptions, files_under, scan, scan_files};

fn corpus(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/papers")
        .join(name);
    std::fs::read(path).expect("the corpus is committed")
}

fn docx(document_xml: &[u8], method: zip::CompressionMethod) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    zip.start_file("word/document.xml", options)
        .expect("a zip entry");
    zip.write_all(document_xml).expect("zip in memory");
    zip.finish().expect("zip in memory").into_inner()
}

fn limited(max_unpacked: u64) -> Limits {
    Limits {
        max_unpacked,
        ..Limits::default()
    }
}

#[test]
fn empty_input_is_an_empty_text() {
    let doc = read(b"", &Limits::default()).expect("empty text");
    assert_eq!((doc.format, doc.paragraphs.len()), (Format::Text, 0));
}

#[test]
fn binary_garbage_is_unreadable() {
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let e = read(&garbage, &Limits::default()).expect_err("an error");
    assert!(matches!(e, Error::Unreadable { .. }), "{e}");
}

#[test]
fn truncated_and_encrypted_pdfs_say_what_is_wrong() {
    let pdf = corpus("paper-01.pdf");
    for cut in [10, pdf.len() / 3, pdf.len() / 2] {
        let e = read(&pdf[..cut], &Limits::default()).expect_err("an error");
        assert!(e.to_string().starts_with("cannot read this PDF"), "{e}");
    }
    let e = read(&corpus("hostile/encrypted.pdf"), &Limits::default()).expect_err("an error");
    assert!(e.to_string().contains("encrypted"), "{e}");
}

#[test]
fn truncated_and_wrong_zips_are_unreadable() {
    let word = corpus("paper-01.docx");
    let e = read(&word[..word.len() / 2], &Limits::default()).expect_err("an error");
    assert!(e.to_string().contains("not a complete zip"), "{e}");
    let mut other = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    other
        .start_file("content.xml", zip::write::SimpleFileOptions::default())
        .expect("zip");
    let bytes = other.finish().expect("zip").into_inner();
    let e = read(&bytes, &Limits::default()).expect_err("an error");
    assert!(e.to_string().contains("word/document.xml"), "{e}");
}

#[test]
fn a_zip_bomb_stops_at_the_unpacking_limit() {
    let bomb = docx(&vec![b' '; 8 << 20], zip::CompressionMethod::Deflated);
    assert!(
        bomb.len() < 64 << 10,
        "the bomb is small: {} bytes",
        bomb.len()
    );
    let e = read(&bomb, &limited(1 << 20)).expect_err("an error");
    assert!(matches!(e, Error::OverLimit { .. }), "{e}");
    assert_eq!(e.kind(), ferrox::error::ErrorKind::TooLarge);
}

#[test]
fn pdf_streams_and_pages_are_bounded() {
    let pdf = corpus("paper-07.pdf");
    let e = read(&pdf, &limited(1000)).expect_err("an error");
    assert!(e.to_string().contains("unpacked streams"), "{e}");
    let one_page = Limits {
        max_pages: 1,
        ..Limits::default()
    };
    let e = read(&pdf, &one_page).expect_err("an error");
    assert!(e.to_string().contains("2 pages"), "{e}");
}

#[test]
fn deep_nesting_cannot_exhaust_the_stack() {
    let depth = 200_000;
    let html = format!(
        "<html><body>{}<p>It differed, t(28) = 2.20, p = .03.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let rows = scan(html.as_bytes(), "deep.html", &ScanOptions::default()).expect("read");
    assert_eq!(rows.len(), 1);
    let xml = format!(
        "<?xml version=\"1.0\"?><article><body>{}<p>t(28) = 2.20, p = .03</p>{}</body></article>",
        "<sec>".repeat(depth),
        "</sec>".repeat(depth)
    );
    assert_eq!(
        scan(xml.as_bytes(), "deep.xml", &ScanOptions::default())
            .expect("read")
            .len(),
        1
    );
    let word = format!(
        "<w:document><w:body>{}<w:p><w:r><w:t>t(28) = 2.20, p = .03</w:t></w:r></w:p>{}</w:body></w:document>",
        "<w:sdt>".repeat(depth),
        "</w:sdt>".repeat(depth)
    );
    let bytes = docx(word.as_bytes(), zip::CompressionMethod::Deflated);
    assert_eq!(
        scan(&bytes, "deep.docx", &ScanOptions::default())
            .expect("read")
            .len(),
        1
    );
}

#[test]
fn a_500_page_text_is_read_in_full() {
    let page = "Results\n\nThe groups differed, t(58) = 2.40, p = .02, as expected.\n";
    let text = vec![page; 500].join("\u{C}");
    let rows = scan(text.as_bytes(), "long.txt", &ScanOptions::default()).expect("read");
    assert_eq!(rows.len(), 500);
    assert!(rows.iter().all(|r| r.consistent == Some(true)));
}

#[test]
fn a_folder_with_a_bad_file_is_scanned_with_that_file_as_an_error_row() {
    let dir = std::env::temp_dir().join(format!("ferrox-scan-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).expect("a temp dir");
    std::fs::write(dir.join("a.txt"), "It differed, t(28) = 2.20, p = .03.").expect("write");
    std::fs::write(dir.join("sub/b.pdf"), b"%PDF-1.4 broken").expect("write");
    std::fs::write(dir.join(".hidden"), "t(28) = 2.20, p = .03").expect("write");
    let files = files_under(std::slice::from_ref(&dir)).expect("two files");
    assert_eq!(files.len(), 2);
    let rows = scan_files(&files, &ScanOptions::default(), || {});
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].test, "p-value");
    assert!(
        rows[1].error.starts_with("cannot read this PDF"),
        "{}",
        rows[1].error
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn glyph_substitutions_and_hyphenation_from_pdfs_are_undone() {
    let text = "The effect was signifi-\ncant, F(1, 48) ¼ 6.12, p b .05, and the\nmean was M = 3.45, SD\n= 1.20, n = 40.";
    let rows = scan(text.as_bytes(), "", &ScanOptions::default()).expect("read");
    let found: Vec<&str> = rows.iter().map(|r| r.finding.values.as_str()).collect();
    assert_eq!(found, ["F(1, 48) = 6.12, p < .05", "M = 3.45, SD = 1.20"]);
    assert!(rows[0].finding.snippet.contains("significant"));
}
