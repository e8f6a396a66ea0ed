//! Writes the R wrappers of the extendr module to standard output.

fn main() -> std::io::Result<()> {
    let wrappers = ferrox_r::get_ferrox_metadata().make_r_wrappers(true, "ferrox")?;
    print!("{wrappers}");
    Ok(())
}
