//! `ferrox carlisle`: Carlisle's test of a baseline table in a CSV file.

use std::io::Write;
use std::path::Path;

use ferrox::Rounding;
use ferrox::stats::carlisle::{Carlisle, Columns, carlisle_table};

use crate::csv_table::CsvTable;
use crate::report::{Cell, Format, Report};

/// Which of the three tables to print.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Part {
    /// All three (for `--format csv`, choose one).
    All,
    /// One row per trial and variable.
    Variables,
    /// One row per trial.
    Trials,
    /// The p-values against the uniform distribution.
    Uniformity,
}

/// Reads the table, tests it and prints the parts asked for.
pub fn run(
    path: &Path,
    rounding: &Rounding,
    seed: u64,
    part: Part,
    format: Format,
) -> Result<(), Box<dyn std::error::Error>> {
    let table = CsvTable::read(path)?;
    let find = |name: &str| table.find(name);
    let need = |name: &str| find(name).ok_or_else(|| format!("the table has no column `{name}`"));
    let numbers = |name: &str| -> Option<Vec<f64>> {
        find(name).map(|c| {
            c.iter()
                .map(|v| v.trim().parse().unwrap_or(f64::NAN))
                .collect()
        })
    };
    let n = numbers("n").ok_or("the table has no column `n`")?;
    let count = numbers("count");
    let cols = Columns {
        trial: need("trial")?,
        variable: need("variable")?,
        group: need("group")?,
        level: find("level"),
        n: &n,
        mean: find("mean"),
        sd: find("sd"),
        count: count.as_deref(),
    };
    let out = carlisle_table(&cols, rounding, seed)?;
    let reports = [
        ("variables", Part::Variables, variables(&out)),
        ("trials", Part::Trials, trials(&out)),
        ("uniformity", Part::Uniformity, uniformity(&out)),
    ];
    let chosen: Vec<_> = reports
        .iter()
        .filter(|r| part == Part::All || part == r.1)
        .collect();
    let mut stdout = std::io::stdout().lock();
    match (format, part) {
        (Format::Csv, Part::All) => {
            Err("--format csv prints one table: choose it with --part".into())
        }
        (Format::Json, Part::All) => {
            write!(stdout, "{{")?;
            for (i, (name, _, report)) in chosen.iter().enumerate() {
                write!(stdout, "{}\"{name}\":", if i > 0 { "," } else { "" })?;
                report.write(format, &mut stdout)?;
            }
            writeln!(stdout, "}}")?;
            Ok(())
        }
        _ => {
            for (i, (name, _, report)) in chosen.iter().enumerate() {
                if matches!(format, Format::Table) {
                    writeln!(stdout, "{}{name}:", if i > 0 { "\n" } else { "" })?;
                }
                report.write(format, &mut stdout)?;
            }
            Ok(())
        }
    }
}

fn variables(out: &Carlisle) -> Report {
    let names = [
        "trial",
        "variable",
        "method",
        "groups",
        "statistic",
        "p",
        "p_min",
        "p_max",
        "p_drawn",
    ];
    let mut report = Report::new(names.map(str::to_owned).to_vec());
    for v in &out.variables {
        report.push(vec![
            Cell::Text(v.trial.clone()),
            Cell::Text(v.variable.clone()),
            Cell::Text(v.method.to_owned()),
            Cell::Float(v.groups as f64),
            Cell::Float(v.statistic),
            Cell::Float(v.p),
            Cell::Float(v.p_min),
            Cell::Float(v.p_max),
            Cell::Float(v.p_drawn),
        ]);
    }
    report
}

fn trials(out: &Carlisle) -> Report {
    let names = ["trial", "variables", "stouffer_p", "fisher_p"];
    let mut report = Report::new(names.map(str::to_owned).to_vec());
    for t in &out.trials {
        report.push(vec![
            Cell::Text(t.trial.clone()),
            Cell::Float(t.variables as f64),
            Cell::Float(t.stouffer),
            Cell::Float(t.fisher),
        ]);
    }
    report
}

fn uniformity(out: &Carlisle) -> Report {
    let names = ["p_values", "n", "ks_d", "ks_p", "auc"];
    let mut report = Report::new(names.map(str::to_owned).to_vec());
    for (name, u) in [
        ("variables", &out.across_variables),
        ("trials (Stouffer)", &out.across_trials),
    ] {
        report.push(vec![
            Cell::Text(name.to_owned()),
            Cell::Float(u.n as f64),
            Cell::Float(u.ks_d),
            Cell::Float(u.ks_p),
            Cell::Float(u.auc),
        ]);
    }
    report
}
