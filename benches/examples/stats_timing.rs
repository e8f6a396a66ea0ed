//! The p check over a million generated APA results in Rust alone: the
//! floor under the Python figures of `stats_python.py`.
//!
//!     cargo run --release -p ferrox-benches --example stats_timing

use ferrox::stats::apa::{ApaResult, Cells, find_results, parse_results};
use ferrox::stats::pcheck::{POptions, check_p_map, check_p_rows};
use ferrox_benches::{apa_results, best};

const ROWS: usize = 1_000_000;

fn main() -> ferrox::Result<()> {
    let texts = apa_results(ROWS, 20_261_130);
    let seconds = best(3, || parse_results(&texts));
    println!("parse_results x {ROWS:<8} {seconds:8.3} s");
    let results: Vec<ApaResult> = parse_results(&texts)?;
    let cells: Vec<[String; 5]> = results
        .iter()
        .map(|r| {
            let df = |d: Option<ferrox::Decimal>| d.map_or(String::new(), |d| d.to_string());
            [
                r.test.name().into(),
                r.value.to_string(),
                df(r.df1),
                df(r.df2),
                r.p.to_string(),
            ]
        })
        .collect();
    let options = POptions::default();
    let seconds = best(3, || {
        let row = |i: usize| {
            let [test, value, df1, df2, p] = &cells[i];
            Cells {
                test,
                value,
                df1: Some(df1),
                df2: Some(df2),
                p,
            }
            .parse()
        };
        check_p_rows(ROWS, row, &options)
    });
    println!("cells read and checked   {seconds:8.3} s");
    let seconds = best(3, || check_p_map(&results, &options));
    println!("check_p_map x {ROWS:<10} {seconds:8.3} s");
    let text = texts[..20_000].join(" The next effect was as expected, ");
    let seconds = best(5, || {
        let found: Vec<ApaResult> = find_results(&text).into_iter().map(|f| f.result).collect();
        check_p_map(&found, &options)
    });
    println!(
        "find + check 20,000     {seconds:8.3} s ({} bytes of text)",
        text.len()
    );
    Ok(())
}
