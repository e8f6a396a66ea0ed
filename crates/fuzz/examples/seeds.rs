//! Seeds `make fuzz`'s corpus with real documents, so that the fuzzer starts
//! inside the readers rather than at their first byte check: every file of
//! a folder becomes an input of the `document` target, and the text part of
//! every Word document one of `docx_xml`.
//!
//! `cargo run -p ferrox-fuzz --example seeds -- testdata/papers fuzz/corpus/entries`

use std::io::Read;
use std::path::Path;
use std::{env, fs, io};

fn main() -> io::Result<()> {
    let args: Vec<String> = env::args().skip(1).collect();
    let [from, to] = args.as_slice() else {
        eprintln!("usage: seeds DOCUMENTS CORPUS");
        std::process::exit(2);
    };
    fs::create_dir_all(to)?;
    let mut written = 0;
    for entry in fs::read_dir(from)? {
        let path = entry?.path();
        if !path.is_file() {
            continue;
        }
        let bytes = fs::read(&path)?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        // The `document` body's first byte picks a format's start; 0 adds none.
        fs::write(
            Path::new(to).join(format!("document-{name}")),
            [&[target("document"), 0][..], &bytes].concat(),
        )?;
        written += 1;
        if let Some(xml) = word_text(&bytes) {
            fs::write(
                Path::new(to).join(format!("docx_xml-{name}")),
                [&[target("docx_xml")][..], &xml].concat(),
            )?;
            written += 1;
        }
    }
    println!("{written} seeds in {to}");
    Ok(())
}

/// The first byte that makes the fuzz entry run the target of this name.
fn target(name: &str) -> u8 {
    let at = ferrox_fuzz::TARGETS
        .iter()
        .position(|(n, _)| *n == name)
        .expect("a fuzz target of this name");
    u8::try_from(at).expect("fewer than 256 targets")
}

/// `word/document.xml` of a Word document, if these bytes are one.
fn word_text(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(io::Cursor::new(bytes)).ok()?;
    let mut xml = Vec::new();
    zip.by_name("word/document.xml")
        .ok()?
        .read_to_end(&mut xml)
        .ok()?;
    Some(xml)
}
