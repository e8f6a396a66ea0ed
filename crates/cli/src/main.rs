//! `ferrox`: check reported summary statistics from the command line.

mod carlisle;
mod closure;
mod csv_table;
mod duplicates;
mod progress;
mod report;
mod scan;
#[cfg(feature = "serve")]
mod serve;
mod sprite;
mod toolbox;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use ferrox::check::CheckOptions;
use ferrox::input::{CheckArgs, PArgs, RoundingArgs};
use ferrox::stats::pcheck::POptions;
use ferrox::table::{Check, Input};

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
    /// Check reported p-values against their test statistics.
    ///
    /// Give APA results (`"t(28) = 2.20, p = .03"`), or one report's parts
    /// with --test, --value, --p and its df.
    P {
        /// APA results, each one argument.
        #[arg(conflicts_with_all = ["test", "value", "p"])]
        results: Vec<String>,
        /// The test: t, F, chi2, r, z, Q, Qw, Qb, U or W.
        #[arg(long, requires_all = ["value", "p"])]
        test: Option<String>,
        /// The statistic as written ("< 1" for an inequality).
        #[arg(long, allow_hyphen_values = true)]
        value: Option<String>,
        /// The p-value as written: ".03", "< .001", "ns".
        #[arg(long)]
        p: Option<String>,
        /// Degrees of freedom (n1 for U and W).
        #[arg(long, alias = "df1")]
        df: Option<String>,
        /// The second degrees of freedom of F (n2 for U and W).
        #[arg(long)]
        df2: Option<String>,
        #[command(flatten)]
        p_settings: PSettings,
        #[command(flatten)]
        settings: Settings,
    },
    /// Read papers (PDF, HTML, DOCX, JATS XML, text) and check every
    /// number in them that can be checked: test statistics, means and SDs,
    /// percentages, in text and tables.
    Scan {
        #[command(flatten)]
        args: scan::ScanArgs,
        #[command(flatten)]
        p_settings: PSettings,
    },
    /// Run every test the table's columns allow, one row per case.
    ///
    /// Summaries: `x` and `n` (GRIM); with `sd`, GRIMMER, or DEBIT for
    /// binary data (`--binary`, or a `binary` column of TRUE/FALSE);
    /// optional `items`. `--split COLUMN` reads "M (SD)" cells instead.
    /// Test statistics: `test`, `value`, `p`, and `df1`, `df2` where the
    /// test has them; or APA results in a `result` column.
    Check {
        /// A CSV file with a header row.
        table: std::path::PathBuf,
        /// A column of "M (SD)" cells to split into `x` and `sd`.
        #[arg(long)]
        split: Option<String>,
        #[command(flatten)]
        p_settings: PSettings,
        #[command(flatten)]
        settings: Settings,
    },
    /// The web page: every check point-and-click, in your browser.
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
    /// The interval each reported value was rounded from.
    Unround(toolbox::UnroundArgs),
    /// Values rounded to fewer digits, as a rounding procedure would.
    Reround(toolbox::ReroundArgs),
    /// The smallest and largest SD a sample on a bounded scale can have,
    /// given its reported mean and n, and whether a reported SD lies between.
    SdBounds(toolbox::SdBoundsArgs),
    /// Values repeated within and across the columns of a CSV table.
    ///
    /// Every value with its frequency and columns (`--kind count`), each
    /// cell's count (`tally`) or the values each pair of columns shares
    /// (`colpair`); `--audit` prints their summary statistics.
    Duplicates(duplicates::DuplicatesArgs),
    /// Carlisle's test of baseline tables of randomised trials.
    ///
    /// One row per trial, variable and group: `trial`, `variable`, `group`,
    /// `n`, and `mean` with `sd` (continuous) or `count` (categorical; with
    /// `level` for several levels). Prints per-variable p-values, per-trial
    /// Stouffer and Fisher combinations, and the p-values against uniform.
    Carlisle {
        /// A CSV file with a header row.
        table: std::path::PathBuf,
        /// Seeds the draws within the rounding intervals.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Which table to print.
        #[arg(long, value_enum, default_value_t = carlisle::Part::All)]
        part: carlisle::Part,
        /// Rounding procedure of the means and SDs (scrutiny's names).
        #[arg(long, default_value = "up_or_down")]
        rounding: String,
        /// Threshold digit for the *_from procedures.
        #[arg(long, default_value_t = 5.0)]
        threshold: f64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
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

/// Settings of the p check.
#[derive(Args)]
struct PSettings {
    /// Significance level of decision errors.
    #[arg(long, default_value_t = 0.05)]
    alpha: f64,
    /// A p equal to alpha is not significant (by default it is).
    #[arg(long)]
    alpha_not_significant: bool,
    /// A reported `p = .03` may also be a truncated .039.
    #[arg(long)]
    p_truncation: bool,
    /// Test t, r and z one-tailed.
    #[arg(long)]
    one_tailed: bool,
}

impl PSettings {
    fn options(&self, settings: &Settings) -> ferrox::Result<POptions> {
        PArgs {
            rounding: settings.rounding_args(),
            alpha: self.alpha,
            p_equal_alpha_significant: !self.alpha_not_significant,
            p_truncation: self.p_truncation,
            one_tailed: self.one_tailed,
        }
        .options()
    }

    /// The flags given that differ from their defaults.
    fn given(&self) -> [(&'static str, bool); 4] {
        [
            ("--alpha", self.alpha != 0.05),
            ("--alpha-not-significant", self.alpha_not_significant),
            ("--p-truncation", self.p_truncation),
            ("--one-tailed", self.one_tailed),
        ]
    }
}

impl Settings {
    fn rounding_args(&self) -> RoundingArgs<'_> {
        RoundingArgs {
            rounding: &self.rounding,
            threshold: self.threshold,
            symmetric: self.symmetric,
            compat: self.compat.as_deref(),
        }
    }

    fn options(&self) -> ferrox::Result<CheckOptions> {
        CheckArgs {
            rounding: self.rounding_args(),
            percent: self.percent,
            scale_min: self.scale_min,
            scale_max: self.scale_max,
        }
        .options()
    }

    /// Refuses the settings the one-case command `test` does not use: a
    /// flag that would do nothing is an error.
    fn only_for(&self, test: &str, uses: &[&str]) -> Result<(), String> {
        refuse(&self.given(), test, &[uses, &["--compat"]].concat())
    }

    /// The flags given that only tests of means and SDs use.
    fn given(&self) -> [(&'static str, bool); 4] {
        [
            ("--percent", self.percent),
            ("--binary", self.binary),
            ("--scale-min", self.scale_min.is_some()),
            ("--compat", self.compat.is_some()),
        ]
    }

    /// Checks the table and prints the report as it goes; an aligned table
    /// is checked twice, first to measure its columns, so that memory stays
    /// bounded for any length.
    fn report(
        &self,
        input: Input,
        split: Option<String>,
        p_settings: Option<&PSettings>,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let defaults = PSettings {
            alpha: 0.05,
            alpha_not_significant: false,
            p_truncation: false,
            one_tailed: false,
        };
        let p_settings = p_settings.unwrap_or(&defaults);
        let mut check = Check {
            split,
            options: self.options()?,
            binary: self.binary,
            ..Check::new(input)
        };
        let layout = check.layout()?;
        if layout.is_statistics() {
            refuse(&self.given(), "test statistics", &[])?;
            check.p_options = p_settings.options(self)?;
        } else {
            refuse(&p_settings.given(), "means and SDs", &[])?;
        }
        let mut widths = Widths::new(&layout.columns);
        if matches!(self.format, Format::Table) {
            check.rows(&layout, |row| {
                widths.measure(&row);
                Ok(())
            })?;
        }
        let out = &mut std::io::BufWriter::new(std::io::stdout().lock());
        let mut stream = Stream::new(self.format, &layout.columns, widths, out)?;
        check.rows(&layout, |row| {
            stream
                .push(&row)
                .map_err(|e| ferrox::Error::Io(e.to_string()))
        })?;
        stream.finish()?;
        Ok(())
    }
}

/// Refuses the flags in `given` that are set and not among `uses`: a flag
/// that would do nothing is an error.
fn refuse(given: &[(&str, bool)], what: &str, uses: &[&str]) -> Result<(), String> {
    match given
        .iter()
        .find(|(flag, set)| *set && !uses.contains(flag))
    {
        Some((flag, _)) => Err(format!("{flag} does not apply to {what}")),
        None => Ok(()),
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
                None,
            )
        }
        Command::Closure(args) => closure::run(&args),
        Command::Sprite(args) => sprite::run(&args),
        Command::P {
            results,
            test,
            value,
            p,
            df,
            df2,
            p_settings,
            settings,
        } => {
            let input = match (test, value, p) {
                (Some(test), Some(value), Some(p)) => Input::single(&[
                    ("test", test),
                    ("value", value),
                    ("df1", df.unwrap_or_default()),
                    ("df2", df2.unwrap_or_default()),
                    ("p", p),
                ]),
                _ if results.is_empty() => {
                    return Err("give APA results, or --test, --value and --p".into());
                }
                _ if df.is_some() || df2.is_some() => {
                    return Err("--df and --df2 go with --test; APA results carry their df".into());
                }
                _ => Input::column("result", &results),
            };
            settings.report(input, None, Some(&p_settings))
        }
        Command::Scan { args, p_settings } => {
            let settings = Settings {
                percent: false,
                rounding: "up_or_down".into(),
                threshold: 5.0,
                symmetric: false,
                scale_min: None,
                scale_max: None,
                binary: false,
                compat: None,
                format: Format::Table,
            };
            let options = ferrox::scan::ScanOptions {
                p: p_settings.options(&settings)?,
                ..Default::default()
            };
            scan::run(&args, &options)
        }
        Command::Check {
            table,
            split,
            p_settings,
            settings,
        } => settings.report(Input::File(table), split, Some(&p_settings)),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
        Command::Unround(args) => toolbox::unround(&args),
        Command::Reround(args) => toolbox::reround(&args),
        Command::SdBounds(args) => toolbox::sd_bounds_of(&args),
        Command::Duplicates(args) => duplicates::run(&args),
        Command::Carlisle {
            table,
            seed,
            part,
            rounding,
            threshold,
            format,
        } => {
            let rounding = ferrox::Rounding::parse(&rounding, threshold, false)?;
            carlisle::run(&table, &rounding, seed, part, format)
        }
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
