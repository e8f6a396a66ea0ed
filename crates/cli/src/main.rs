//! `ferrox`: check reported summary statistics from the command line.

mod check;
mod closure;
mod report;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use ferrox::grim::GrimOptions;
use ferrox::{Mode, Rounding};

use crate::check::Table;

use crate::report::Format;

/// Summary-data forensics: could these means, SDs and sample sizes have
/// come from real data?
#[derive(Parser)]
#[command(name = "ferrox", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// GRIM-test one reported mean.
    Grim {
        /// The reported mean (or percentage), as written: 5.20 is not 5.2.
        #[arg(long, allow_hyphen_values = true)]
        x: String,
        /// The sample size.
        #[arg(long)]
        n: u64,
        /// Integer items averaged into each person's score.
        #[arg(long, default_value_t = 1)]
        items: u32,
        #[command(flatten)]
        settings: Settings,
    },
    /// Every sample behind a reported mean and SD (CLOSURE).
    Closure(closure::ClosureArgs),
    /// Run every test the table's columns allow, one row per case.
    ///
    /// Columns: `x` and `n` (GRIM), optional `items`.
    Check {
        /// A CSV file with a header row.
        table: std::path::PathBuf,
        #[command(flatten)]
        settings: Settings,
    },
}

/// Settings shared by every test.
#[derive(Args)]
struct Settings {
    /// `x` is a percentage.
    #[arg(long)]
    percent: bool,
    /// Rounding procedure (scrutiny's names).
    #[arg(long, default_value = "up_or_down")]
    rounding: String,
    /// Threshold digit for the *_from procedures.
    #[arg(long, default_value_t = 5.0)]
    threshold: f64,
    /// Round negative numbers like their absolute values.
    #[arg(long)]
    symmetric: bool,
    /// Replay R scrutiny 0.6.1 instead of deciding exactly.
    #[arg(long, value_parser = ["scrutiny"])]
    compat: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

impl Settings {
    fn grim_options(&self) -> ferrox::Result<GrimOptions> {
        Ok(GrimOptions {
            percent: self.percent,
            rounding: Rounding::parse(&self.rounding, self.threshold, self.symmetric)?,
            mode: Mode::from_compat(self.compat.as_deref())?,
        })
    }
}

fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let (report, format) = match cli.command {
        Command::Grim {
            x,
            n,
            items,
            settings,
        } => {
            let table =
                Table::single(&[("x", x), ("n", n.to_string()), ("items", items.to_string())]);
            (
                check::grim_report(&table, &settings.grim_options()?)?,
                settings.format,
            )
        }
        Command::Closure(args) => return closure::run(&args),
        Command::Check { table, settings } => {
            let table = Table::read(&table)?;
            (
                check::grim_report(&table, &settings.grim_options()?)?,
                settings.format,
            )
        }
    };
    report.write(format, &mut std::io::stdout().lock())?;
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
