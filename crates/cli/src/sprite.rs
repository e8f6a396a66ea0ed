//! `ferrox sprite`: random samples behind a report, one row of value counts
//! per sample.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use clap::Args;
use ferrox::closure::Restrictions;
use ferrox::sprite::{SpriteOptions, sprite};

use crate::closure::Reported;
use crate::report::{Cell, Format, Report};

/// The reported statistics, restrictions and how to draw.
#[derive(Args)]
pub struct SpriteArgs {
    #[command(flatten)]
    reported: Reported,
    /// A value that occurs exactly COUNT times, as VALUE=COUNT (repeatable).
    #[arg(long, value_name = "VALUE=COUNT", allow_hyphen_values = true)]
    exact: Vec<String>,
    /// A value that occurs at least COUNT times, as VALUE=COUNT (repeatable).
    #[arg(long, value_name = "VALUE=COUNT", allow_hyphen_values = true)]
    at_least: Vec<String>,
    /// Both ends of the scale occur at least once.
    #[arg(long)]
    range: bool,
    /// How many samples to draw.
    #[arg(long, default_value_t = 10.0)]
    samples: f64,
    /// The seed (below 2^53); the same seed gives the same samples in every
    /// language. Without one, a seed is chosen and printed.
    #[arg(long)]
    seed: Option<f64>,
    /// `uniform` (exact through counts where they can be had, else by the
    /// chain), `chain` (a Markov chain, uniform in the limit) or `sprite`
    /// (random walks).
    #[arg(long, default_value = "uniform")]
    method: String,
    /// Draw with replacement: a sample may come twice.
    #[arg(long)]
    replace: bool,
    /// Most moves of one random walk (`sprite`).
    #[arg(long, default_value_t = 1e5)]
    max_iterations: f64,
    /// Stop after this many failed or repeated walks in a row (`sprite`).
    #[arg(long, default_value_t = 100.0)]
    max_misses: f64,
    /// Most memory the samples may take, in MB.
    #[arg(long, default_value_t = 1024.0)]
    max_memory_mb: f64,
    /// Write the samples as CSV to this file instead.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// (value, count) pairs from VALUE=COUNT arguments.
fn pairs(args: &[String], flag: &str) -> Result<Vec<(f64, f64)>, String> {
    args.iter()
        .map(|arg| {
            let parsed = arg
                .split_once('=')
                .and_then(|(v, c)| Some((v.trim().parse().ok()?, c.trim().parse().ok()?)));
            parsed.ok_or_else(|| format!("--{flag} takes VALUE=COUNT, as in 4=2; got {arg:?}"))
        })
        .collect()
}

/// Draws the samples and prints them (or writes them as CSV).
pub fn run(args: &SpriteArgs) -> Result<(), Box<dyn std::error::Error>> {
    let input = args.reported.input()?;
    let restrictions = Restrictions::from_args(
        &pairs(&args.exact, "exact")?,
        &pairs(&args.at_least, "at-least")?,
        args.range,
        input.scale_min,
        input.scale_max,
    )?;
    let seed = args
        .seed
        .unwrap_or_else(|| ferrox::rng::clock_seed() as f64);
    let options = ferrox::input::SpriteArgs {
        n_samples: args.samples,
        seed,
        method: &args.method,
        replace: args.replace,
        max_iterations: args.max_iterations,
        max_misses: args.max_misses,
        max_memory_mb: args.max_memory_mb,
    }
    .options()?;
    let counter = Arc::new(AtomicU64::new(0));
    let options = SpriteOptions {
        drawn: Some(counter.clone()),
        ..options
    };
    let total = options.n_samples as u64;
    let drawn = crate::progress::counted(total, &counter, "samples", || {
        sprite(&input, &restrictions, &options)
    })?;
    let samples = &drawn.samples;
    let columns = samples.values().iter().map(f64::to_string).collect();
    let mut report = Report::new(columns);
    for i in 0..samples.len() {
        report.push(
            samples
                .row(i)
                .iter()
                .map(|&c| Cell::Float(c.into()))
                .collect(),
        );
    }
    let stdout = &mut std::io::stdout().lock();
    if let Some(path) = &args.out {
        let file = std::fs::File::create(path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        report.write(Format::Csv, &mut std::io::BufWriter::new(file))?;
        writeln!(
            stdout,
            "{} samples written to {}",
            samples.len(),
            path.display()
        )?;
        return Ok(());
    }
    if matches!(args.format, Format::Table) {
        let possible = match drawn.possible {
            Some(p) => format!(" of {p} possible"),
            None => format!(
                " ({} walks: {} failed, {} duplicates)",
                drawn.attempts, drawn.failures, drawn.duplicates
            ),
        };
        writeln!(
            stdout,
            "{} samples{possible}, drawn by {}, seed {}; value counts:",
            samples.len(),
            drawn.method.name(),
            options.seed
        )?;
    }
    report.write(args.format, stdout)?;
    Ok(())
}
