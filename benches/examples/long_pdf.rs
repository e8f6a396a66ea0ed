//! Writes a long text-layer PDF for timing `ferrox scan` on it:
//! `cargo run --release -p ferrox-benches --example long_pdf -- PAGES OUT.pdf`
//! (`benches/scan_long.sh` runs it). Each page holds a paragraph with two APA
//! results and a mean and SD, one of the results misreported, in 11-point
//! Helvetica lines as a word processor would set them. Words vary from page
//! to page so that no line opens or closes every page, as a running header
//! would (the reader drops those).

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};

const TASKS: [&str; 25] = [
    "mood", "memory", "trust", "risk", "fairness", "effort", "noise", "reading", "music", "colour",
    "time", "money", "sleep", "food", "weather", "status", "humour", "anger", "choice", "speech",
    "motion", "taste", "pain", "praise", "travel",
];
const VERBS: [&str; 25] = [
    "predicted",
    "expected",
    "planned",
    "registered",
    "hypothesised",
    "proposed",
    "assumed",
    "reasoned",
    "argued",
    "suggested",
    "anticipated",
    "forecast",
    "foreseen",
    "modelled",
    "theorised",
    "intended",
    "supposed",
    "projected",
    "surmised",
    "stated",
    "claimed",
    "posited",
    "believed",
    "guessed",
    "estimated",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: long_pdf PAGES OUT.pdf";
    let pages: u32 = args.next().ok_or(usage)?.parse()?;
    let out = args.next().ok_or(usage)?;
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    for page in 0..pages {
        let t = 1.5 + f64::from(page % 40) / 20.0;
        let lines = [
            format!(
                "Study {}: participants (N = {}) rated the items on a 1-7 scale.",
                page + 1,
                40 + page % 30
            ),
            format!(
                "The groups differed, t({}) = {t:.2}, p = .{:03}, and the ratings",
                28 + page % 50,
                10 + page % 80
            ),
            format!(
                "were M = {:.2}, SD = {:.2}. The interaction was F(2, 57) = 3.{:02},",
                3.0 + f64::from(page % 97) / 100.0,
                1.1 + f64::from(page % 13) / 10.0,
                page % 100
            ),
            format!(
                "p = .04, as {} for {}; the other effects were not significant.",
                VERBS[page as usize % 25],
                TASKS[page as usize / 25 % 25]
            ),
        ];
        let mut operations = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 11.into()]),
            Operation::new("TL", vec![14.into()]),
            Operation::new("Td", vec![72.into(), 720.into()]),
        ];
        for line in &lines {
            operations.push(Operation::new(
                "Tj",
                vec![Object::string_literal(line.as_str())],
            ));
            operations.push(Operation::new("T*", vec![]));
        }
        operations.push(Operation::new("ET", vec![]));
        let content = Content { operations }.encode()?;
        let stream = doc.add_object(Stream::new(dictionary! {}, content));
        kids.push(Object::from(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => stream,
        })));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => pages, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.compress();
    doc.save(&out)?;
    Ok(())
}
