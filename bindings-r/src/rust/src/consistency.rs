//! The consistency tests on table columns: GRIM, GRIMMER, DEBIT, their
//! audits, the report intervals tables show on request, and "M (SD)" cells.

use std::sync::atomic::AtomicBool;

use extendr_api::prelude::*;
use ferrox::audit::{Audited, Stat};
use ferrox::debit::{DebitCase, DebitOptions, SdBinary};
use ferrox::grim::{GrimCase, GrimOptions};
use ferrox::grimmer::{GrimmerCase, GrimmerOptions, GrimmerVerdict};
use ferrox::input::RoundingArgs;
use ferrox::rounding::scrutiny::FloatBounds;
use ferrox::sd_bounds::{SdBoundsCase, SdRange, sd_bounds_map};
use ferrox::{Mode, Result, Rounding};

use crate::{interruptible, reported, respond};

pub(crate) fn settings(
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: &str,
) -> Result<(Rounding, Mode)> {
    let args = RoundingArgs {
        rounding,
        threshold,
        symmetric,
        compat: Some(compat),
    };
    args.settings()
}

/// A test over a table's cases: a small table at once, a large one chunk by
/// chunk on another thread while R's thread checks for Esc.
fn over_table<C: Sync, R: Send>(
    cases: &[C],
    test: impl Fn(&[C]) -> Result<Vec<R>> + Sync,
) -> Result<Vec<R>> {
    if cases.len() <= ferrox::run::CHUNK {
        return test(cases);
    }
    let stop = AtomicBool::new(false);
    interruptible(&stop, || ferrox::run::chunked(cases, &stop, &test))
}

/// GRIM on columns; a list of `consistency` and `probability`.
/// @noRd
#[extendr]
#[allow(clippy::too_many_arguments)]
fn grim_columns(
    x: Robj,
    n: &[f64],
    items: &[f64],
    percent: bool,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: &str,
) -> List {
    respond((|| {
        let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
        let opts = GrimOptions {
            percent,
            rounding,
            mode,
        };
        let cases = GrimCase::from_columns(&reported(&x)?, n, items)?;
        let rows = over_table(&cases, |c| ferrox::grim::grim_map(c, &opts))?;
        let consistency: Vec<bool> = rows.iter().map(|r| r.consistency).collect();
        let probability: Vec<f64> = rows.iter().map(|r| r.probability).collect();
        Ok(list!(consistency = consistency, probability = probability))
    })())
}

/// `1 / (n · other)` per row (`grim_granularity`, `grim_items`); a list of
/// `values`.
/// @noRd
#[extendr]
fn per_granule_columns(n: &[f64], other: &[f64], items: bool) -> List {
    respond((|| {
        let names = if items { ("n", "items") } else { ("n", "gran") };
        Ok(list!(
            values = ferrox::grim::per_granule(n, other, names, items)?
        ))
    })())
}

/// Decimals of each report as written; a list of `places` (`NA` where
/// missing). Numbers are read as their shortest decimals.
/// @noRd
#[extendr]
fn decimal_places_column(x: Robj) -> List {
    respond((|| {
        let places = ferrox::decimal::decimal_places(&crate::texts(&x)?)?;
        Ok(list!(
            places = places
                .into_iter()
                .map(|p| p.map(|p| p as i32))
                .collect::<Vec<_>>()
        ))
    })())
}

/// GRIM's statistics on columns; a list of `total`, `ratio`, `probability`.
/// @noRd
#[extendr]
fn grim_stats_columns(x: Robj, n: &[f64], items: &[f64], percent: bool) -> List {
    respond((|| {
        let cases = GrimCase::from_columns(&reported(&x)?, n, items)?;
        let stats = ferrox::grim::grim_stats(&cases, percent)?;
        let pick = |f: fn(&ferrox::grim::GrimStats) -> f64| stats.iter().map(f).collect::<Vec<_>>();
        Ok(list!(
            total = pick(|s| s.total as f64),
            ratio = pick(|s| s.ratio),
            probability = pick(|s| s.probability)
        ))
    })())
}

/// scrutiny's `sd_binary_*` on columns; `what` is `groups`, `group_of_n`
/// or `mean_of_n`. A list of `sd`.
/// @noRd
#[extendr]
fn sd_binary_columns(what: &str, first: &[f64], second: &[f64]) -> List {
    respond((|| {
        let what = match what {
            "groups" => SdBinary::Groups,
            "group_of_n" => SdBinary::GroupOfN,
            _ => SdBinary::MeanOfN,
        };
        Ok(list!(
            sd = ferrox::debit::sd_binary_columns(what, first, second)?
        ))
    })())
}

/// GRIMMER on columns; a list of `consistency` and `reason`. The scale ends
/// are empty vectors when not given.
/// @noRd
#[extendr]
#[allow(clippy::too_many_arguments)]
fn grimmer_columns(
    x: Robj,
    sd: Robj,
    n: &[f64],
    items: &[f64],
    scale_min: &[f64],
    scale_max: &[f64],
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: &str,
) -> List {
    respond((|| {
        let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
        let scale = ferrox::input::scale(scale_min.first().copied(), scale_max.first().copied())?;
        let opts = GrimmerOptions {
            rounding,
            mode,
            scale,
        };
        let cases = GrimmerCase::from_columns(&reported(&x)?, &reported(&sd)?, n, items)?;
        let verdicts = over_table(&cases, |c| ferrox::grimmer::grimmer_map(c, &opts))?;
        let consistency: Vec<bool> = verdicts.iter().map(|v| v.is_consistent()).collect();
        let reason: Vec<&str> = verdicts.iter().map(|v| v.reason()).collect();
        Ok(list!(consistency = consistency, reason = reason))
    })())
}

fn interval_list(bounds: &[FloatBounds]) -> List {
    let floats = |f: fn(&FloatBounds) -> f64| bounds.iter().map(f).collect::<Vec<_>>();
    let flags = |f: fn(&FloatBounds) -> bool| bounds.iter().map(f).collect::<Vec<_>>();
    list!(
        lower = floats(|b| b.lower),
        upper = floats(|b| b.upper),
        incl_lower = flags(|b| b.incl_lower),
        incl_upper = flags(|b| b.incl_upper)
    )
}

/// DEBIT on columns; a list of `consistency` (NA where scrutiny gives NA)
/// and the intervals `x` and `sd`.
/// @noRd
#[extendr]
#[allow(clippy::too_many_arguments)]
fn debit_columns(
    x: Robj,
    sd: Robj,
    n: &[f64],
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: &str,
) -> List {
    respond((|| {
        let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
        let cases = DebitCase::from_columns(&reported(&x)?, &reported(&sd)?, n)?;
        let opts = DebitOptions { rounding, mode };
        let rows = over_table(&cases, |c| ferrox::debit::debit_map(c, &opts))?;
        let consistency: Logicals = rows
            .iter()
            .map(|r| r.consistency.map_or(Rbool::na(), Rbool::from))
            .collect();
        let x_bounds: Vec<FloatBounds> = rows.iter().map(|r| r.x).collect();
        let sd_bounds: Vec<FloatBounds> = rows.iter().map(|r| r.sd).collect();
        Ok(list!(
            consistency = consistency,
            x = interval_list(&x_bounds),
            sd = interval_list(&sd_bounds)
        ))
    })())
}

/// SD bounds on columns; a list of `sd_min`, `sd_max`, `consistency` (NA
/// without an SD). `sd` may be `NULL`.
/// @noRd
#[extendr]
#[allow(clippy::too_many_arguments)]
fn sd_bounds_columns(
    x: Robj,
    sd: Robj,
    n: &[f64],
    items: &[f64],
    scale_min: &[f64],
    scale_max: &[f64],
    rounding: &str,
    threshold: f64,
    symmetric: bool,
) -> List {
    respond((|| {
        let (rounding, _) = settings(rounding, threshold, symmetric, "")?;
        let sd = if sd.is_null() {
            Vec::new()
        } else {
            reported(&sd)?
        };
        let cases =
            SdBoundsCase::from_columns(&reported(&x)?, &sd, n, items, scale_min, scale_max)?;
        let rows = over_table(&cases, |c| sd_bounds_map(c, &rounding))?;
        let pick = |f: fn(&SdRange) -> f64| rows.iter().map(f).collect::<Vec<f64>>();
        let consistency: Logicals = rows
            .iter()
            .map(|r| r.consistency.map_or(Rbool::na(), Rbool::from))
            .collect();
        Ok(list!(
            sd_min = pick(|r| r.sd_min),
            sd_max = pick(|r| r.sd_max),
            consistency = consistency
        ))
    })())
}

/// The intervals reported values were rounded from.
/// @noRd
#[extendr]
fn intervals(x: Robj, rounding: &str, threshold: f64, symmetric: bool, compat: &str) -> List {
    respond((|| {
        let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
        let bounds = reported(&x)?
            .iter()
            .map(|v| ferrox::rounding::interval(v, &rounding, mode))
            .collect::<Result<Vec<_>>>()?;
        Ok(interval_list(&bounds))
    })())
}

fn stats_list(stats: &[Stat]) -> List {
    let names: Vec<&str> = stats.iter().map(|s| s.0).collect();
    let values: Vec<f64> = stats.iter().map(|s| s.1).collect();
    list!(names = names, values = values)
}

/// The audit of a GRIM-tested table.
/// @noRd
#[extendr]
fn grim_audit(consistency: Vec<String>, probability: &[f64]) -> List {
    respond(ferrox::audit::grim_audit_cells(&consistency, probability).map(|s| stats_list(&s)))
}

/// The audit of a GRIMMER-tested table.
/// @noRd
#[extendr]
fn grimmer_audit(reason: Vec<String>) -> List {
    respond((|| {
        let verdicts = reason
            .iter()
            .map(|r| r.parse::<GrimmerVerdict>())
            .collect::<Result<Vec<_>>>()?;
        Ok(stats_list(&ferrox::audit::grimmer_audit(&verdicts)))
    })())
}

/// The audit of a DEBIT-tested table.
/// @noRd
#[extendr]
fn debit_audit(consistency: Vec<String>) -> List {
    respond(ferrox::audit::debit_audit_cells(&consistency).map(|s| stats_list(&s)))
}

/// The kind of table `audit()` was given, and the columns (1-based) a
/// duplicate table's audit summarises.
/// @noRd
#[extendr]
fn audit_kind(names: Vec<String>) -> List {
    respond(Audited::detect(&names).map(|kind| {
        let summarised: Vec<i32> = kind
            .summarised(&names)
            .iter()
            .map(|&i| i as i32 + 1)
            .collect();
        list!(kind = kind.name(), summarised = summarised)
    }))
}

/// A duplicate table's audit, one element per summarised column; NA cells
/// arrive as NaN.
/// @noRd
#[extendr]
fn duplicate_audit(names: Vec<String>, summarised: Vec<String>, columns: List) -> List {
    respond((|| {
        let kind = Audited::detect(&names)?;
        let columns: Vec<Vec<f64>> = columns
            .values()
            .map(|c| c.as_real_vector().unwrap_or_default())
            .collect();
        let rows = ferrox::audit::duplicate_audit(kind, &summarised, &columns)?;
        let stat = |i: usize| rows.iter().map(|r| r.stats[i]).collect::<Vec<f64>>();
        Ok(list!(
            term = rows.iter().map(|r| r.term.as_str()).collect::<Vec<_>>(),
            mean = stat(0),
            sd = stat(1),
            median = stat(2),
            min = stat(3),
            max = stat(4),
            na_count = rows.iter().map(|r| r.na_count as i32).collect::<Vec<_>>(),
            na_rate = rows.iter().map(|r| r.na_rate).collect::<Vec<_>>()
        ))
    })())
}

/// The text before and inside a pair of separators; a list of `before`
/// and `inside` (NA where there is none). With `whole`, every present cell
/// must have the pair.
/// @noRd
#[extendr]
fn parens_cells(cells: Robj, sep: Vec<String>, whole: bool) -> List {
    respond((|| {
        let sep: Vec<&str> = sep.iter().map(String::as_str).collect();
        let cells = crate::texts(&cells)?;
        let (before, inside) = if whole {
            ferrox::decimal::parens_pairs(&cells, &sep)?
        } else {
            ferrox::decimal::parens_column(&cells, &sep)?
        };
        let strings = |v: Vec<Option<String>>| -> Strings {
            v.iter()
                .map(|s| s.as_deref().map_or(Rstr::na(), Rstr::from))
                .collect()
        };
        Ok(list!(before = strings(before), inside = strings(inside)))
    })())
}

/// Whether a column follows a pattern; a list of `value` (NA where gaps
/// leave it open).
/// @noRd
#[extendr]
fn is_seq_value(x: Robj, pattern: &str, from: Nullable<String>, test_linear: bool) -> List {
    use ferrox::sequence::{Pattern, is_seq};
    respond((|| {
        let from = from.into_option();
        let pattern = Pattern::parse(pattern, from.as_deref())?;
        let answer = is_seq(&crate::texts(&x)?, pattern, test_linear)?;
        Ok(list!(value = answer.map_or(Rbool::na(), Rbool::from)))
    })())
}

/// The GRIM plot's background, n by n; a list of `values`.
/// @noRd
#[extendr]
#[allow(clippy::too_many_arguments)]
fn grim_raster_values(
    digits: f64,
    n_max: f64,
    items: f64,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    compat: &str,
) -> List {
    respond((|| {
        let (rounding, mode) = settings(rounding, threshold, symmetric, compat)?;
        let opts = GrimOptions {
            percent: false,
            rounding,
            mode,
        };
        let digits = u32::try_from(ferrox::input::whole(digits, "digits")?)
            .map_err(|_| ferrox::Error::invalid("digits", "it cannot be negative"))?;
        let n_max = ferrox::input::count(n_max, "n_max")?;
        let items = ferrox::input::small_count(items, "items")?;
        Ok(list!(
            values = ferrox::grim::grim_raster(digits, n_max, items, &opts)?
        ))
    })())
}

/// The table's columns (a list) as text.
fn table_texts(data: &List) -> Result<Vec<Vec<String>>> {
    data.values().map(|column| crate::texts(&column)).collect()
}

/// Values repeated across a table's columns; a list of `value`,
/// `frequency` and `locations` (1-based column indexes, a list).
/// @noRd
#[extendr]
fn duplicate_count_values(data: List, ignore: Vec<String>) -> List {
    respond((|| {
        let counts = ferrox::duplicates::duplicate_count(&table_texts(&data)?, &ignore);
        Ok(list!(
            value = counts.iter().map(|c| c.value.as_str()).collect::<Vec<_>>(),
            frequency = counts
                .iter()
                .map(|c| c.frequency as f64)
                .collect::<Vec<_>>(),
            locations = List::from_values(counts.iter().map(|c| {
                c.locations
                    .iter()
                    .map(|&l| l as i32 + 1)
                    .collect::<Vec<_>>()
            }))
        ))
    })())
}

/// Per cell, how often its value occurs; a list of columns (NA where
/// missing).
/// @noRd
#[extendr]
fn duplicate_tally_values(data: List, ignore: Vec<String>) -> List {
    respond((|| {
        let tally = ferrox::duplicates::duplicate_tally(&table_texts(&data)?, &ignore);
        let columns = tally.into_iter().map(|column| {
            column
                .into_iter()
                .map(|c| c.map(|c| c as i32))
                .collect::<Vec<_>>()
        });
        Ok(list!(columns = List::from_values(columns)))
    })())
}

/// Per pair of columns; a list of `x`, `y` (1-based), `count`, `total_x`,
/// `total_y`.
/// @noRd
#[extendr]
fn duplicate_colpair_values(data: List, ignore: Vec<String>) -> List {
    respond((|| {
        let pairs = ferrox::duplicates::duplicate_count_colpair(&table_texts(&data)?, &ignore);
        let pick =
            |f: fn(&ferrox::duplicates::ColumnPair) -> f64| pairs.iter().map(f).collect::<Vec<_>>();
        Ok(list!(
            x = pick(|p| p.x as f64 + 1.0),
            y = pick(|p| p.y as f64 + 1.0),
            count = pick(|p| p.count as f64),
            total_x = pick(|p| p.total_x as f64),
            total_y = pick(|p| p.total_y as f64)
        ))
    })())
}

extendr_module! {
    mod consistency;
    fn duplicate_count_values;
    fn grim_raster_values;
    fn is_seq_value;
    fn duplicate_tally_values;
    fn duplicate_colpair_values;
    fn parens_cells;
    fn grim_columns;
    fn grim_stats_columns;
    fn decimal_places_column;
    fn per_granule_columns;
    fn sd_binary_columns;
    fn grimmer_columns;
    fn debit_columns;
    fn intervals;
    fn sd_bounds_columns;
    fn grim_audit;
    fn grimmer_audit;
    fn debit_audit;
    fn audit_kind;
    fn duplicate_audit;
}
