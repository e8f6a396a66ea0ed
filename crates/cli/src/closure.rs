//! `ferrox closure`: count, summarise or write every sample behind a report.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use clap::Args;
use ferrox::Decimal;
use ferrox::closure::{Closure, ClosureInput};
use ferrox::input;

use crate::report::{Cell, Format, Report};

/// A reported mean and SD and the scale behind them: what CLOSURE and
/// SPRITE start from.
#[derive(Args)]
pub struct Reported {
    /// The reported mean, as written.
    #[arg(long, allow_hyphen_values = true)]
    mean: String,
    /// The reported SD, as written.
    #[arg(long)]
    sd: String,
    /// The sample size.
    #[arg(long)]
    n: u64,
    /// The lowest scale value.
    #[arg(long, allow_hyphen_values = true)]
    min: i64,
    /// The highest scale value.
    #[arg(long, allow_hyphen_values = true)]
    max: i64,
    /// Items averaged into each score (values step by 1/items).
    #[arg(long, default_value_t = 1)]
    items: u32,
    /// Rounding procedure of the reports (ignored with explicit errors).
    #[arg(long, default_value = "up_or_down")]
    rounding: String,
    /// Threshold digit for the *_from procedures.
    #[arg(long, default_value_t = 5.0)]
    threshold: f64,
    /// Explicit error of the mean: closed interval [mean - e, mean + e].
    #[arg(long, requires = "error_sd")]
    error_mean: Option<String>,
    /// Explicit error of the SD: closed interval [sd - e, sd + e].
    #[arg(long, requires = "error_mean")]
    error_sd: Option<String>,
    /// The SD is the population SD (denominator n).
    #[arg(long)]
    population: bool,
}

impl Reported {
    pub fn input(&self) -> ferrox::Result<ClosureInput> {
        let parse = |text: &Option<String>| text.as_deref().map(Decimal::parse).transpose();
        let (n, min, max) = (self.n as f64, self.min as f64, self.max as f64);
        input::ClosureArgs {
            items: self.items.into(),
            rounding: &self.rounding,
            threshold: self.threshold,
            error_mean: parse(&self.error_mean)?,
            error_sd: parse(&self.error_sd)?,
            population: self.population,
            ..input::ClosureArgs::new(
                Decimal::parse(&self.mean)?,
                Decimal::parse(&self.sd)?,
                n,
                min,
                max,
            )
        }
        .input()
    }
}

/// The reported statistics and what to do with their samples.
#[derive(Args)]
pub struct ClosureArgs {
    #[command(flatten)]
    reported: Reported,
    /// Only count the samples (fast for any number of them).
    #[arg(long, conflicts_with = "out")]
    count: bool,
    /// Write every sample as a CSV row of value counts to this file.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Output format of the summary.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Counts, then either writes every sample (streamed, in bounded memory) or
/// prints a per-value summary of them, computed without listing them.
pub fn run(args: &ClosureArgs) -> Result<(), Box<dyn std::error::Error>> {
    let closure = Closure::new(&args.reported.input()?)?;
    let stdout = &mut std::io::stdout().lock();
    if args.count {
        writeln!(stdout, "{}", closure.count()?)?;
        return Ok(());
    }
    if let Some(path) = &args.out {
        let written = write_samples(&closure, path)?;
        writeln!(stdout, "{written} samples written to {}", path.display())?;
        return Ok(());
    }
    let summary = closure.summary()?;
    let columns = ["value", "min", "max", "mean", "mean_error"]
        .map(String::from)
        .to_vec();
    let mut report = Report::new(columns);
    for s in &summary.values {
        report.push(vec![
            Cell::Float(s.value),
            Cell::Float(s.min.into()),
            Cell::Float(s.max.into()),
            Cell::Float(s.mean),
            Cell::Float(s.mean_error),
        ]);
    }
    let table = matches!(args.format, Format::Table);
    if table {
        let estimated = summary.values.iter().any(|v| v.mean_error > 0.0);
        let count = match (summary.count, summary.count_estimate) {
            (Some(count), _) => format!("{count} samples"),
            (None, Some(estimate)) => format!("too many samples to count, {estimate}"),
            (None, None) => "too many samples to count".to_string(),
        };
        let means = if estimated {
            " (exact ranges; means estimated from uniform draws, with standard errors)"
        } else {
            ""
        };
        writeln!(stdout, "{count}; occurrences of each scale value{means}:")?;
    }
    report.write(args.format, stdout)?;
    if table {
        for (label, extreme) in [
            ("least", &summary.horns_min),
            ("greatest", &summary.horns_max),
        ] {
            if let Some((horns, sample)) = extreme {
                writeln!(
                    stdout,
                    "{label} horns index {horns:.4}: value counts {sample:?}"
                )?;
            }
        }
    }
    Ok(())
}

/// Every sample to a file, with a progress bar on standard error for runs
/// longer than a second (the count, known first, is its total; indicatif
/// hides the bar when standard error is not a terminal).
fn write_samples(closure: &Closure, path: &PathBuf) -> Result<u64, Box<dyn std::error::Error>> {
    let total = closure.count()?;
    let listed = Arc::new(AtomicU64::new(0));
    let closure = closure.clone().count_listed_in(listed.clone());
    let total = u64::try_from(total).unwrap_or(u64::MAX);
    Ok(crate::progress::counted(total, &listed, "samples", || {
        closure.write_csv_file(path)
    })?)
}
