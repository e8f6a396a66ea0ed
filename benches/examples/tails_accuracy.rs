//! The largest relative error of ferrox's upper tails against R's, per
//! distribution, over the reference grid (testdata/reference/tails.csv):
//! the table in docs/algorithms.md.
//!
//!     cargo run --release -p ferrox-benches --example tails_accuracy

use ferrox::stats::tails::{chisq_upper, f_upper, normal_upper, t_upper};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/reference/tails.csv"
    );
    let text = std::fs::read_to_string(path)?;
    // (points, worst relative error, smallest p) per distribution.
    let mut worst: Vec<(String, usize, f64, f64)> = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let num = |i: usize| f[i].parse::<f64>().unwrap_or(f64::NAN);
        let (x, df1, df2, want) = (num(1), num(2), num(3), num(4));
        let got = match f[0] {
            "t" => t_upper(x, df1),
            "F" => f_upper(x, df1, df2),
            "chisq" => chisq_upper(x, df1),
            _ => normal_upper(x),
        }?;
        let rel = ((got - want) / want).abs();
        match worst.iter_mut().find(|w| w.0 == f[0]) {
            Some(w) => *w = (w.0.clone(), w.1 + 1, w.2.max(rel), w.3.min(want)),
            None => worst.push((f[0].to_owned(), 1, rel, want)),
        }
    }
    println!("| distribution | points | smallest p | largest relative error |");
    println!("| --- | ---: | ---: | ---: |");
    for (name, points, rel, smallest) in worst {
        println!("| {name} | {points} | {smallest:.1e} | {rel:.1e} |");
    }
    Ok(())
}
