//! Carlisle's test of baseline tables.

use extendr_api::prelude::*;
use ferrox::stats::carlisle::{Columns, carlisle_table};

use crate::consistency::settings;
use crate::{respond, texts};

/// A text column, or none for `NULL`.
fn optional_texts(x: &Robj) -> ferrox::Result<Option<Vec<String>>> {
    if x.is_null() {
        Ok(None)
    } else {
        texts(x).map(Some)
    }
}

/// The table's columns in; a list of `variables`, `trials` and
/// `uniformity`, each a list of columns.
/// @noRd
#[extendr]
#[allow(clippy::too_many_arguments)]
fn carlisle_run(
    trial: Robj,
    variable: Robj,
    group: Robj,
    level: Robj,
    n: &[f64],
    mean: Robj,
    sd: Robj,
    count: Nullable<Vec<f64>>,
    rounding: &str,
    threshold: f64,
    symmetric: bool,
    seed: f64,
) -> List {
    respond((|| {
        let (rounding, _) = settings(rounding, threshold, symmetric, "")?;
        let seed = ferrox::input::whole(seed, "seed")? as u64;
        let (trial, variable, group) = (texts(&trial)?, texts(&variable)?, texts(&group)?);
        let (level, mean, sd) = (
            optional_texts(&level)?,
            optional_texts(&mean)?,
            optional_texts(&sd)?,
        );
        let count = count.into_option();
        let cols = Columns {
            trial: &trial,
            variable: &variable,
            group: &group,
            level: level.as_deref(),
            n,
            mean: mean.as_deref(),
            sd: sd.as_deref(),
            count: count.as_deref(),
        };
        let out = carlisle_table(&cols, &rounding, seed)?;
        let v = &out.variables;
        let t = &out.trials;
        let u = [&out.across_variables, &out.across_trials];
        Ok(list!(
            variables = list!(
                trial = v.iter().map(|v| v.trial.as_str()).collect::<Vec<_>>(),
                variable = v.iter().map(|v| v.variable.as_str()).collect::<Vec<_>>(),
                method = v.iter().map(|v| v.method).collect::<Vec<_>>(),
                groups = v.iter().map(|v| v.groups as i32).collect::<Vec<_>>(),
                statistic = v.iter().map(|v| v.statistic).collect::<Vec<_>>(),
                p = v.iter().map(|v| v.p).collect::<Vec<_>>(),
                p_min = v.iter().map(|v| v.p_min).collect::<Vec<_>>(),
                p_max = v.iter().map(|v| v.p_max).collect::<Vec<_>>(),
                p_drawn = v.iter().map(|v| v.p_drawn).collect::<Vec<_>>()
            ),
            trials = list!(
                trial = t.iter().map(|t| t.trial.as_str()).collect::<Vec<_>>(),
                variables = t.iter().map(|t| t.variables as i32).collect::<Vec<_>>(),
                stouffer_p = t.iter().map(|t| t.stouffer).collect::<Vec<_>>(),
                fisher_p = t.iter().map(|t| t.fisher).collect::<Vec<_>>()
            ),
            uniformity = list!(
                p_values = vec!["variables", "trials (Stouffer)"],
                n = u.iter().map(|u| u.n as i32).collect::<Vec<_>>(),
                ks_d = u.iter().map(|u| u.ks_d).collect::<Vec<_>>(),
                ks_p = u.iter().map(|u| u.ks_p).collect::<Vec<_>>(),
                auc = u.iter().map(|u| u.auc).collect::<Vec<_>>()
            )
        ))
    })())
}

extendr_module! {
    mod carlisle;
    fn carlisle_run;
}
