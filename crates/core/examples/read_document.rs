//! Prints what ferrox reads in a document: its paragraphs and tables.
//!
//! ```text
//! cargo run -p ferrox --features readers --example read_document -- paper.pdf
//! ```

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("give a document's path")?;
    let doc = ferrox::extract::read(&std::fs::read(path)?, &Default::default())?;
    println!("format: {}", doc.format.name());
    for p in &doc.paragraphs {
        println!("[{} p{:?}] {}", p.index, p.page, p.text);
    }
    for t in &doc.tables {
        println!("[table {} p{:?}] {}", t.index, t.page, t.caption);
        for row in &t.rows {
            println!("  {}", row.join(" | "));
        }
    }
    Ok(())
}
