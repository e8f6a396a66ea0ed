//! `ferrox`: check reported summary statistics from the command line.

mod check;
mod closure;
mod report;
mod sprite;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use ferrox::check::CheckOptions;
use ferrox::debit::DebitOptions;
use ferrox::grim::GrimOptions;
use ferrox::grimmer::GrimmerOptions;
use ferrox::input::RoundingArgs;

use crate::check::{Check, Input};
use crate::report::{Format, Stream, Widths};

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
    /// GRIMMER-test one reported mean and SD of integer data.
    Grimmer {
        /// The reported mean, as written.
        #[arg(long, allow_hyphen_values = true)]
        x: String,
        /// The reported sample SD, as written.
        #[arg(long)]
        sd: String,
        /// The sample size.
        #[arg(long)]
        n: u64,
        /// Integer items averaged into each person's score.
        #[arg(long, default_value_t = 1)]
        items: u32,
        #[command(flatten)]
        settings: Settings,
    },
    /// DEBIT-test one reported mean and SD of binary (0/1) data.
    Debit {
        /// The reported mean (share of ones), as written.
        #[arg(long)]
        x: String,
        /// The reported sample SD, as written.
        #[arg(long)]
        sd: String,
        /// The sample size.
        #[arg(long)]
        n: u64,
        #[command(flatten)]
        settings: Settings,
    },
    /// Every sample behind a reported mean and SD (CLOSURE).
    Closure(closure::ClosureArgs),
    /// Random samples behind a reported mean and SD (SPRITE): exactly
    /// uniform by default, or by the classic random walks.
    Sprite(sprite::SpriteArgs),
    /// Run every test the table's columns allow, one row per case.
    ///
    /// Columns: `x` and `n` (GRIM); with `sd`, GRIMMER, or DEBIT for
    /// binary data (`--binary`, or a `binary` column of TRUE/FALSE);
    /// optional `items`. `--split COLUMN` reads "M (SD)" cells instead.
    Check {
        /// A CSV file with a header row.
        table: std::path::PathBuf,
        /// A column of "M (SD)" cells to split into `x` and `sd`.
        #[arg(long)]
        split: Option<String>,
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
    /// Lowest possible score: GRIMMER's SD must be reachable on the scale.
    #[arg(long, allow_hyphen_values = true, requires = "scale_max")]
    scale_min: Option<f64>,
    /// Highest possible score.
    #[arg(long, allow_hyphen_values = true, requires = "scale_min")]
    scale_max: Option<f64>,
    /// Rows with an SD describe binary (0/1) data: test them with DEBIT.
    #[arg(long)]
    binary: bool,
    /// Replay R scrutiny 0.6.1 instead of deciding exactly.
    #[arg(long, value_parser = ["scrutiny"])]
    compat: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

impl Settings {
    fn options(&self) -> ferrox::Result<CheckOptions> {
        let (rounding, mode) = RoundingArgs {
            rounding: &self.rounding,
            threshold: self.threshold,
            symmetric: self.symmetric,
            compat: self.compat.as_deref(),
        }
        .settings()?;
        Ok(CheckOptions {
            grim: GrimOptions {
                percent: self.percent,
                rounding,
                mode,
            },
            grimmer: GrimmerOptions {
                rounding,
                mode,
                scale: ferrox::input::scale(self.scale_min, self.scale_max)?,
            },
            debit: DebitOptions { rounding, mode },
        })
    }

    /// Refuses the settings the one-case command `test` does not use: a
    /// flag that would do nothing is an error.
    fn only_for(&self, test: &str, uses: &[&str]) -> Result<(), String> {
        let given = [
            ("--percent", self.percent),
            ("--binary", self.binary),
            ("--scale-min", self.scale_min.is_some()),
        ];
        match given
            .iter()
            .find(|(flag, set)| *set && !uses.contains(flag))
        {
            Some((flag, _)) => Err(format!("{flag} does not apply to {test}")),
            None => Ok(()),
        }
    }

    /// Checks the table and prints the report as it goes; an aligned table
    /// is checked twice, first to measure its columns, so that memory stays
    /// bounded for any length.
    fn report(
        &self,
        input: Input,
        split: Option<String>,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let check = Check {
            input,
            split,
            options: self.options()?,
            binary: self.binary,
        };
        let layout = check.layout()?;
        let mut widths = Widths::new(&layout.columns);
        if matches!(self.format, Format::Table) {
            check.rows(&layout, |row| {
                widths.measure(&row);
                Ok(())
            })?;
        }
        let out = &mut std::io::BufWriter::new(std::io::stdout().lock());
        let mut stream = Stream::new(self.format, &layout.columns, widths, out)?;
        check.rows(&layout, |row| stream.push(&row))?;
        stream.finish()?;
        Ok(())
    }
}

fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    match cli.command {
        Command::Grim {
            x,
            n,
            items,
            settings,
        } => {
            settings.only_for("GRIM", &["--percent"])?;
            settings.report(
                Input::single(&[("x", x), ("n", n.to_string()), ("items", items.to_string())]),
                None,
            )
        }
        Command::Grimmer {
            x,
            sd,
            n,
            items,
            settings,
        } => {
            settings.only_for("GRIMMER", &["--scale-min"])?;
            settings.report(
                Input::single(&[
                    ("x", x),
                    ("sd", sd),
                    ("n", n.to_string()),
                    ("items", items.to_string()),
                ]),
                None,
            )
        }
        Command::Debit {
            x,
            sd,
            n,
            mut settings,
        } => {
            settings.only_for("DEBIT", &[])?;
            settings.binary = true;
            settings.report(
                Input::single(&[("x", x), ("sd", sd), ("n", n.to_string())]),
                None,
            )
        }
        Command::Closure(args) => closure::run(&args),
        Command::Sprite(args) => sprite::run(&args),
        Command::Check {
            table,
            split,
            settings,
        } => settings.report(Input::File(table), split),
    }
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
