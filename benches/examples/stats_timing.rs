//! The p check over a million generated APA results in Rust alone: the
//! floor under the Python figures of `stats_python.py`.
//!
//!     cargo run --release -p ferrox-benches --example stats_timing

use ferrox::stats::apa::{ApaResult, find_results, parse_result};
use ferrox::stats::pcheck::{POptions, check_p_map};
use ferrox_benches::{apa_results, best};

const ROWS: usize = 1_000_000;

fn main() -> ferrox::Result<()> {
    let texts = apa_results(ROWS, 20_261_130);
    let seconds = best(3, || {
        texts.iter().map(|t| parse_result(t)).collect::<Vec<_>>()
    });
    println!("parse_result x {ROWS:<9} {seconds:8.3} s");
    let results: Vec<ApaResult> = texts
        .iter()
        .map(|t| parse_result(t))
        .collect::<ferrox::Result<_>>()?;
    let options = POptions::default();
    let seconds = best(3, || check_p_map(&results, &options));
    println!("check_p_map x {ROWS:<9} {seconds:8.3} s");
    let text = texts[..20_000].join(" The next effect was as expected, ");
    let seconds = best(5, || {
        check_p_map(
            &find_results(&text)
                .into_iter()
                .map(|f| f.result)
                .collect::<Vec<_>>(),
            &options,
        )
    });
    println!(
        "find + check 20,000     {seconds:8.3} s ({} bytes of text)",
        text.len()
    );
    Ok(())
}
