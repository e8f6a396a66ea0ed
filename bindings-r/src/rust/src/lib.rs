//! R front door: converts types and maps errors. Every computation happens
//! in the `ferrox` core; the R functions users call live in `R/`.

use std::ffi::c_void;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

mod carlisle;
mod consistency;
mod kernels;
mod rounding;
mod scan;
mod seq;
mod stats;

use extendr_api::prelude::*;
use ferrox::closure::{Closure, ClosureInput, Next, Restrictions, Samples};
use ferrox::decimal::{Decimal, column_from_f64, parse_column};
use ferrox::input::{ClosureArgs, SpriteArgs};
use ferrox::sprite::{SpriteOptions, sprite};
use ferrox::{Error, Result};

/// Every function hands R a list: its values, or `error` with the message.
/// Returning (not raising) keeps extendr from printing a panic for what is
/// only bad input; the R side re-signals it as a `ferrox_error`.
pub(crate) fn respond(result: Result<List>) -> List {
    result.unwrap_or_else(|e| list!(error = e.to_string(), kind = e.kind().name()))
}

/// Reported values: a character vector keeps trailing zeros; a double vector
/// is read as shortest decimals (the R side has already warned).
pub(crate) fn reported(x: &Robj) -> Result<Vec<Decimal>> {
    if let Some(text) = x.as_str_iter() {
        let values: Vec<&str> = text.map(|s| if s.is_na() { "NA" } else { s }).collect();
        parse_column(&values)
    } else if let Some(numbers) = x.as_real_slice() {
        column_from_f64(numbers)
    } else {
        Err(Error::InvalidArgument {
            name: "x",
            reason: "it must be a character or double vector".into(),
        })
    }
}

/// Values as text, for functions where a missing value is an answer:
/// `NA` stays `"NA"`, a double is its shortest decimal.
pub(crate) fn texts(x: &Robj) -> Result<Vec<String>> {
    if let Some(text) = x.as_str_iter() {
        return Ok(text
            .map(|s| if s.is_na() { "NA".into() } else { s.to_owned() })
            .collect());
    }
    let Some(numbers) = x.as_real_slice() else {
        return Err(Error::InvalidArgument {
            name: "x",
            reason: "it must be a character or double vector".into(),
        });
    };
    numbers
        .iter()
        .map(|&v| match v.is_nan() {
            true => Ok("NA".to_owned()),
            false => Decimal::from_f64(v).map(|d| d.to_string()),
        })
        .collect()
}

/// One reported number: a string as written, or a double read as its
/// shortest decimal; `NULL` is none.
fn number(x: &Robj, name: &'static str) -> Result<Option<Decimal>> {
    if x.is_null() {
        return Ok(None);
    }
    let values = reported(x).map_err(|_| Error::InvalidArgument {
        name,
        reason: "it must be a single string or number".into(),
    })?;
    match values.as_slice() {
        [one] => Ok(Some(*one)),
        _ => Err(Error::InvalidArgument {
            name,
            reason: format!("it has {} values; give one", values.len()),
        }),
    }
}

fn required(x: &Robj, name: &'static str) -> Result<Decimal> {
    number(x, name)?.ok_or(Error::InvalidArgument {
        name,
        reason: "it is missing".into(),
    })
}

unsafe extern "C" {
    fn R_CheckUserInterrupt();
    fn R_ToplevelExec(fun: Option<unsafe extern "C" fn(*mut c_void)>, data: *mut c_void) -> i32;
}

unsafe extern "C" fn check_interrupt(_: *mut c_void) {
    // SAFETY: runs inside R_ToplevelExec on R's main thread.
    unsafe { R_CheckUserInterrupt() }
}

/// Whether the user pressed Esc or Ctrl-C. R's own check jumps out on an
/// interrupt; `R_ToplevelExec` catches that jump, so it never crosses Rust
/// frames.
fn interrupt_pending() -> bool {
    // SAFETY: called on R's main thread (the one running `.Call`).
    unsafe { R_ToplevelExec(Some(check_interrupt), std::ptr::null_mut()) == 0 }
}

/// Runs `work` on a worker thread while R's thread checks for interrupts
/// every 50 ms (`ferrox::run::polling`). Only the worker computes; only
/// R's thread touches R.
pub(crate) fn interruptible<T: Send>(
    stop: &AtomicBool,
    work: impl FnOnce() -> Result<T> + Send,
) -> Result<T> {
    interruptible_with(stop, work, |_| {})
}

/// [`interruptible`], calling `tick` on R's thread with the time elapsed at
/// every check (for progress bars).
fn interruptible_with<T: Send>(
    stop: &AtomicBool,
    work: impl FnOnce() -> Result<T> + Send,
    mut tick: impl FnMut(Duration),
) -> Result<T> {
    ferrox::run::polling(stop, work, |elapsed| {
        tick(elapsed);
        match interrupt_pending() {
            true => Err(Error::Interrupted),
            false => Ok(()),
        }
    })
    .and_then(|result| result)
}

/// [`interruptible`] work that counts what it has done in `done`: after a
/// second, `progress(done, total)` is called on R's thread at every check
/// (a text progress bar), when `progress` is a function.
fn counted<T: Send>(
    stop: &AtomicBool,
    done: &AtomicU64,
    total: f64,
    progress: &Robj,
    work: impl FnOnce() -> Result<T> + Send,
) -> Result<T> {
    let callback = progress.as_function();
    interruptible_with(stop, work, |elapsed| {
        if let (Some(f), true) = (&callback, elapsed.as_secs() >= 1) {
            let _ = f.call(pairlist!(done.load(Ordering::Relaxed) as f64, total));
        }
    })
}

/// CLOSURE: `what` is "count", "exists", "summary", "write" or "samples".
/// @noRd
#[extendr]
#[allow(clippy::too_many_arguments)]
fn closure_run(
    case: List,
    what: &str,
    stop_after: Robj,
    max_memory_mb: f64,
    path: &str,
    progress: Robj,
) -> List {
    respond((|| {
        let input = closure_input(&case)?;
        let stop = Arc::new(AtomicBool::new(false));
        let closure = Closure::new(&input)?.stop_when(stop.clone());
        match what {
            "exists" => Ok(list!(exists = interruptible(&stop, || closure.exists())?)),
            "write" => {
                let written = interruptible(&stop, || closure.write_csv_file(path))?;
                Ok(list!(written = written as f64))
            }
            "summary" => {
                let summary = interruptible(&stop, || closure.summary())?;
                let pick = |f: &dyn Fn(&ferrox::closure::ValueCounts) -> f64| -> Vec<f64> {
                    summary.values.iter().map(f).collect()
                };
                let extreme = |e: &Option<(f64, Vec<u32>)>| match e {
                    Some((h, sample)) => list!(
                        horns = *h,
                        frequencies = sample.iter().map(|&c| c as i32).collect::<Vec<_>>()
                    ),
                    None => list!(),
                };
                Ok(list!(
                    count = summary.count.map_or(f64::NAN, |c| c as f64),
                    exact = summary.count.map_or(r!(NULL), |c| r!(c.to_string())),
                    count_estimate = summary.count_estimate.map_or(r!(NULL), |e| r!(list!(
                        log10 = e.log10,
                        relative_error = e.relative_error,
                        trials = e.trials as f64,
                        text = e.to_string()
                    ))),
                    value = pick(&|v| v.value),
                    min = pick(&|v| v.min.into()),
                    max = pick(&|v| v.max.into()),
                    mean = pick(&|v| v.mean),
                    mean_error = pick(&|v| v.mean_error),
                    distribution = List::from_values(summary.values.iter().map(|v| {
                        v.distribution
                            .iter()
                            .map(|&c| c as f64)
                            .collect::<Vec<f64>>()
                    })),
                    horns_min = extreme(&summary.horns_min),
                    horns_max = extreme(&summary.horns_max)
                ))
            }
            "count" => {
                let count = interruptible(&stop, || closure.count())?;
                Ok(list!(count = count as f64, exact = count.to_string()))
            }
            "samples" => {
                let given =
                    (!stop_after.is_null()).then(|| stop_after.as_real().unwrap_or(f64::NAN));
                let limit = ferrox::input::limit(given, "stop_after")?;
                let max_bytes = ferrox::memory::cap_from_mb(max_memory_mb)?;
                let listed = Arc::new(AtomicU64::new(0));
                // The bar's total: counting is fast next to a listing that
                // takes long enough to show one.
                let total = match progress.as_function() {
                    Some(_) => interruptible(&stop, || closure.count())? as f64,
                    None => 0.0,
                };
                let closure = closure.clone().count_listed_in(listed.clone());
                let samples = counted(&stop, &listed, total, &progress, || {
                    closure.samples(limit, max_bytes)
                })?;
                Ok(samples_list(&samples))
            }
            other => Err(Error::invalid(
                "what",
                format!("{other:?} is not count, exists, summary, write or samples"),
            )),
        }
    })())
}

/// CLOSURE's samples in batches of at most `batch_size`, made on another
/// thread; `receive` gets each batch as its frequency vectors, row after
/// row, and the scale values, on R's thread, which checks for interrupts
/// while it waits.
/// @noRd
#[extendr]
fn closure_batches_run(case: List, batch_size: f64, receive: Function) -> List {
    respond((|| {
        let rows = ferrox::input::count(batch_size, "batch_size")?;
        let closure = Closure::new(&closure_input(&case)?)?;
        let batches = closure.batches(usize::try_from(rows).unwrap_or(usize::MAX));
        let values = closure.scale_values();
        let mut sent = 0;
        loop {
            match batches.next_within(ferrox::run::POLL_EVERY) {
                Next::Batch(batch) => {
                    sent += batch.len() / batches.width();
                    let counts: Vec<i32> = batch.iter().map(|&c| c as i32).collect();
                    receive
                        .call(pairlist!(counts, values.clone()))
                        .map_err(|e| Error::invalid("callback", e.to_string()))?;
                }
                Next::Waiting if interrupt_pending() => return Err(Error::Interrupted),
                Next::Waiting => {}
                Next::Done => return Ok(list!(count = sent as f64)),
            }
        }
    })())
}

/// The CLOSURE input from the list R's `reported_case()` makes: `mean`,
/// `sd`, `n`, `scale_min`, `scale_max`, `items`, `rounding`,
/// `threshold`, `error_mean`, `error_sd` (each may be `NULL`), `population`.
fn closure_input(case: &List) -> Result<ClosureInput> {
    let fields = fields(case);
    let field = |name: &'static str| {
        fields
            .get(name)
            .ok_or_else(|| Error::invalid(name, "missing from the case"))
    };
    let real = |name: &'static str| {
        field(name)?
            .as_real()
            .ok_or_else(|| Error::invalid(name, "give a single number"))
    };
    let rounding = field("rounding")?
        .as_str()
        .ok_or_else(|| Error::invalid("rounding", "give a single string"))?;
    ClosureArgs {
        items: real("items")?,
        rounding,
        threshold: real("threshold")?,
        error_mean: number(field("error_mean")?, "rounding_error_mean")?,
        error_sd: number(field("error_sd")?, "rounding_error_sd")?,
        population: field("population")?.as_bool().unwrap_or(false),
        ..ClosureArgs::new(
            required(field("mean")?, "mean")?,
            required(field("sd")?, "sd")?,
            real("n")?,
            real("scale_min")?,
            real("scale_max")?,
        )
    }
    .input()
}

/// A named list's fields by name.
pub(crate) fn fields(list: &List) -> std::collections::HashMap<&str, Robj> {
    list.iter().collect()
}

/// Samples and what is computed from them, as an R list.
fn samples_list(samples: &Samples) -> List {
    let (count, summary) = (samples.count(), samples.summary());
    let frequencies: Vec<i32> = samples.frequencies().iter().map(|&c| c as i32).collect();
    list!(
        count = count as f64,
        exact = count.to_string(),
        values = samples.values().to_vec(),
        frequencies = frequencies,
        horns = samples.horns(),
        min = summary.iter().map(|s| s.min as i32).collect::<Vec<_>>(),
        max = summary.iter().map(|s| s.max as i32).collect::<Vec<_>>(),
        mean = summary.iter().map(|s| s.mean).collect::<Vec<_>>()
    )
}

/// SPRITE: `exact` and `minimum` are named count vectors (names: the scale
/// values); `settings` a named list of the numbers of `SpriteArgs`.
/// @noRd
#[extendr]
#[allow(clippy::too_many_arguments)]
fn sprite_run(
    case: List,
    exact: Robj,
    minimum: Robj,
    range: bool,
    settings: List,
    method: &str,
    replace: bool,
    progress: Robj,
) -> List {
    respond((|| {
        let input = closure_input(&case)?;
        let restrictions = Restrictions::from_args(
            &pairs(&exact, "restrictions_exact")?,
            &pairs(&minimum, "restrictions_minimum")?,
            range,
            input.scale_min,
            input.scale_max,
        )?;
        let settings = fields(&settings);
        let setting = |name: &'static str| {
            settings
                .get(name)
                .and_then(Robj::as_real)
                .ok_or_else(|| Error::invalid(name, "give a single number"))
        };
        let stop = Arc::new(AtomicBool::new(false));
        let args = SpriteArgs {
            n_samples: setting("n_samples")?,
            seed: setting("seed")?,
            method,
            replace,
            max_iterations: setting("max_iterations")?,
            max_misses: setting("max_misses")?,
            max_memory_mb: setting("max_memory_mb")?,
        };
        let drawn_so_far = Arc::new(AtomicU64::new(0));
        let options = SpriteOptions {
            stop: Some(stop.clone()),
            drawn: Some(drawn_so_far.clone()),
            ..args.options()?
        };
        let total = options.n_samples as f64;
        let drawn = counted(&stop, &drawn_so_far, total, &progress, || {
            sprite(&input, &restrictions, &options)
        })?;
        let possible = drawn.possible.map(|p| p.to_string());
        Ok(list!(
            samples = samples_list(&drawn.samples),
            possible = possible.map_or(r!(NULL), |p| r!(p)),
            method = drawn.method.name(),
            attempts = drawn.attempts as f64,
            failures = drawn.failures as f64,
            duplicates = drawn.duplicates as f64
        ))
    })())
}

/// (value, count) pairs from a named numeric vector whose names are the
/// scale values; `NULL` is none.
fn pairs(x: &Robj, name: &'static str) -> Result<Vec<(f64, f64)>> {
    if x.is_null() {
        return Ok(Vec::new());
    }
    let counts = x
        .as_real_vector()
        .ok_or_else(|| Error::invalid(name, "give a named numeric vector of counts"))?;
    let names: Vec<String> = x
        .names()
        .map(|names| names.map(str::to_string).collect())
        .unwrap_or_default();
    if names.len() != counts.len() {
        return Err(Error::invalid(
            name,
            "name each count with its scale value, as in c(\"1\" = 2)",
        ));
    }
    names
        .iter()
        .zip(counts)
        .map(|(value, count)| {
            value
                .trim()
                .parse::<f64>()
                .map(|value| (value, count))
                .map_err(|_| Error::invalid(name, format!("{value:?} is not a scale value")))
        })
        .collect()
}

extendr_module! {
    mod ferrox;
    use carlisle;
    use consistency;
    use kernels;
    use rounding;
    use scan;
    use seq;
    use stats;
    fn closure_run;
    fn closure_batches_run;
    fn sprite_run;
}
