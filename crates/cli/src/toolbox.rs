//! `ferrox unround`, `ferrox reround` and `ferrox sd-bounds`: the rounding
//! toolbox and SD bounds of one or more reported values.

use clap::Args;
use ferrox::Decimal;
use ferrox::rounding::columns::{reround_column, unround_column};
use ferrox::sd_bounds::{SdBoundsCase, sd_bounds};

use crate::Settings;
use crate::report::{Cell, Report};

type Outcome = Result<(), Box<dyn std::error::Error>>;

/// The intervals reported values were rounded from.
#[derive(Args)]
pub struct UnroundArgs {
    /// Reported values, as written.
    #[arg(required = true, allow_negative_numbers = true)]
    x: Vec<String>,
    #[command(flatten)]
    settings: Settings,
}

/// Reported values rounded to fewer digits, as the procedure would.
#[derive(Args)]
pub struct ReroundArgs {
    /// Values, as written.
    #[arg(required = true, allow_negative_numbers = true)]
    x: Vec<String>,
    /// Decimal places to round to.
    #[arg(long)]
    digits: u32,
    #[command(flatten)]
    settings: Settings,
}

/// The smallest and largest SD any sample on a bounded scale can have,
/// given a reported mean and n (rsprite2's boundary test).
#[derive(Args)]
pub struct SdBoundsArgs {
    /// The reported mean, as written.
    #[arg(long, allow_hyphen_values = true)]
    mean: String,
    /// The reported SD, as written: checked against the bounds.
    #[arg(long)]
    sd: Option<String>,
    /// The sample size.
    #[arg(long)]
    n: u64,
    /// The lowest scale value.
    #[arg(long, allow_hyphen_values = true)]
    min: i64,
    /// The highest scale value.
    #[arg(long, allow_hyphen_values = true)]
    max: i64,
    /// Items averaged into each score.
    #[arg(long, default_value_t = 1)]
    items: u32,
    #[command(flatten)]
    settings: Settings,
}

pub fn unround(args: &UnroundArgs) -> Outcome {
    args.settings.only_for("unround", &[])?;
    let (rounding, mode) = args.settings.rounding_args().settings()?;
    let rows = unround_column(&args.x, &rounding, mode)?;
    let columns = ["x", "lower", "upper", "incl_lower", "incl_upper", "range"];
    let mut report = Report::new(columns.map(String::from).to_vec());
    for (x, row) in args.x.iter().zip(rows) {
        let row = row.ok_or_else(|| format!("`{x}` is not a number"))?;
        report.push(vec![
            Cell::Text(x.clone()),
            Cell::Float(row.bounds.lower),
            Cell::Float(row.bounds.upper),
            Cell::Bool(row.bounds.incl_lower),
            Cell::Bool(row.bounds.incl_upper),
            Cell::Text(row.range),
        ]);
    }
    report.write(args.settings.format, &mut std::io::stdout().lock())?;
    Ok(())
}

pub fn reround(args: &ReroundArgs) -> Outcome {
    args.settings.only_for("reround", &[])?;
    let (rounding, mode) = args.settings.rounding_args().settings()?;
    let digits = [f64::from(args.digits)];
    let rounded = reround_column(&args.x, &digits, &rounding, mode)?;
    let procedure = rounding.procedure();
    let names: Vec<&str> = match procedure.split() {
        Some((a, b)) => vec![a.name(), b.name()],
        None => vec![procedure.name()],
    };
    let columns = std::iter::once("x".to_owned())
        .chain(names.iter().map(|n| format!("rounded_{n}")))
        .collect();
    let mut report = Report::new(columns);
    for (x, values) in args.x.iter().zip(rounded.chunks(names.len())) {
        let cells = values.iter().map(|&v| Cell::Float(v));
        report.push(
            std::iter::once(Cell::Text(x.clone()))
                .chain(cells)
                .collect(),
        );
    }
    report.write(args.settings.format, &mut std::io::stdout().lock())?;
    Ok(())
}

pub fn sd_bounds_of(args: &SdBoundsArgs) -> Outcome {
    crate::refuse(&args.settings.given(), "sd-bounds", &[])?;
    let (rounding, _) = args.settings.rounding_args().settings()?;
    let mut case = SdBoundsCase::new(
        Decimal::parse(&args.mean)?,
        args.n,
        args.items,
        (args.min, args.max),
    )?;
    if let Some(sd) = &args.sd {
        case = case.with_sd(Decimal::parse(sd)?);
    }
    let range = sd_bounds(&case, &rounding)?;
    let columns = ["mean", "n", "sd_min", "sd_max", "sd", "consistency"];
    let mut report = Report::new(columns.map(String::from).to_vec());
    report.push(vec![
        Cell::Text(args.mean.clone()),
        Cell::Float(args.n as f64),
        Cell::Float(range.sd_min),
        Cell::Float(range.sd_max),
        Cell::Text(args.sd.clone().unwrap_or_default()),
        match range.consistency {
            Some(ok) => Cell::Bool(ok),
            None => Cell::Text(String::new()),
        },
    ]);
    report.write(args.settings.format, &mut std::io::stdout().lock())?;
    Ok(())
}
