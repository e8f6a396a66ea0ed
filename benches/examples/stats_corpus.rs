//! Writes generated APA results, one per line, for the Python and R
//! benchmarks to read (`benches/stats_python.py`):
//!
//!     cargo run --release -p ferrox-benches --example stats_corpus -- 1000000 results.txt

use std::io::Write;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let count: usize = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let path = args.next().unwrap_or_else(|| "results.txt".into());
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    for line in ferrox_benches::apa_results(count, 20_261_130) {
        writeln!(out, "{line}")?;
    }
    out.flush()
}
