//! The JSON API under `/api/`, which the page itself uses: one-case checks
//! and tables answered at once, CLOSURE, SPRITE and scans as jobs.
//! Every request is read here, within the limits; every decision is the
//! core's.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing};
use ferrox::Decimal;
use ferrox::closure::{Closure, Restrictions};
use ferrox::input::{CheckArgs, PArgs, RoundingArgs};
use ferrox::scan::{COLUMNS, Row, ScanOptions, html_report, scan, scan_text, summarize};
use ferrox::sprite::sprite;
use ferrox::table::{Cell, Check, Input};
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::sync::Semaphore;

use crate::Limits;
use crate::error::ApiError;
use crate::jobs::{Download, Job, Jobs, Output};

/// What every handler shares.
pub struct App {
    /// The limits this server keeps.
    pub limits: Limits,
    /// The jobs.
    pub jobs: Arc<Jobs>,
    /// Light requests running at once (each on a blocking thread).
    light: Semaphore,
}

impl App {
    /// A server's state with `limits`.
    pub fn new(limits: Limits) -> Self {
        App {
            jobs: Arc::new(Jobs::new(limits.clone())),
            light: Semaphore::new(4 * limits.workers.max(1)),
            limits,
        }
    }
}

type Shared = State<Arc<App>>;

/// The routes under `/api`.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/limits", routing::get(limits))
        .route("/api/grim", routing::post(grim))
        .route("/api/grimmer", routing::post(grimmer))
        .route("/api/debit", routing::post(debit))
        .route("/api/p", routing::post(p_check))
        .route("/api/table", routing::post(table))
        .route("/api/closure", routing::post(closure))
        .route("/api/sprite", routing::post(sprite_job))
        .route("/api/scan", routing::post(scan_job))
        .route(
            "/api/jobs/{id}",
            routing::get(job_status).delete(job_cancel),
        )
        .route("/api/jobs/{id}/download/{key}", routing::get(download))
        .fallback(|| async {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                "no such endpoint; see docs/api.md for the API",
            )
        })
}

// ---------------------------------------------------------------- reading

/// The request's body, whole, within `limit` bytes and the upload time.
async fn read_body(body: Body, limit: usize, seconds: u64) -> Result<Bytes, ApiError> {
    let read = tokio::time::timeout(
        Duration::from_secs(seconds),
        axum::body::to_bytes(body, limit),
    );
    match read.await {
        Err(_) => Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "slow_upload",
            format!("the upload took longer than {seconds} s; try again on a faster connection"),
        )),
        Ok(Err(_)) => Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "the upload is over this server's limit of {}; check fewer or smaller files at a \
                 time, or run ferrox on your own computer",
                megabytes(limit)
            ),
        )),
        Ok(Ok(bytes)) => Ok(bytes),
    }
}

/// Refuses a request whose content type is not `expected` with `advice`.
fn content_type(req: &Request, expected: &str, advice: &str) -> Result<(), ApiError> {
    let given = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(expected));
    if given {
        return Ok(());
    }
    Err(ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "invalid_input",
        advice,
    ))
}

fn megabytes(bytes: usize) -> String {
    format!("{} MB", bytes / (1 << 20))
}

/// A JSON request of type `T`: the content type checked, the body read
/// within the JSON limit, unknown fields refused.
struct JsonBody<T>(T);

impl<T: DeserializeOwned> FromRequest<Arc<App>> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, app: &Arc<App>) -> Result<Self, ApiError> {
        content_type(
            &req,
            "application/json",
            "send the request as JSON, with Content-Type: application/json",
        )?;
        let limits = &app.limits;
        let bytes = read_body(
            req.into_body(),
            limits.max_json_bytes,
            limits.upload_seconds,
        )
        .await?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| ApiError::bad_request(format!("the request does not fit: {e}")))
    }
}

/// A count or other whole number, given as a JSON number or a string.
#[derive(Debug, Clone)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl Visitor<'_> for Visit {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

impl Text {
    /// The value as a number, for arguments the core takes as doubles.
    fn number(&self, name: &'static str) -> Result<f64, ApiError> {
        self.0.trim().parse().map_err(|_| {
            ApiError::bad_request(format!("invalid `{name}`: {:?} is not a number", self.0))
        })
    }
}

/// Settings shared by the checks; every field may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Settings {
    rounding: Option<String>,
    threshold: Option<f64>,
    symmetric: bool,
    compat: Option<String>,
    percent: bool,
    scale_min: Option<f64>,
    scale_max: Option<f64>,
    binary: bool,
    alpha: Option<f64>,
    alpha_not_significant: bool,
    p_truncation: bool,
    one_tailed: bool,
}

impl Settings {
    fn rounding(&self) -> RoundingArgs<'_> {
        RoundingArgs {
            rounding: self.rounding.as_deref().unwrap_or("up_or_down"),
            threshold: self.threshold.unwrap_or(5.0),
            symmetric: self.symmetric,
            compat: self.compat.as_deref(),
        }
    }

    /// The check of `input` these settings ask for.
    fn check(&self, input: Input) -> ferrox::Result<Check> {
        Ok(Check {
            options: CheckArgs {
                rounding: self.rounding(),
                percent: self.percent,
                scale_min: self.scale_min,
                scale_max: self.scale_max,
            }
            .options()?,
            binary: self.binary,
            ..Check::new(input)
        })
    }

    fn p_args(&self) -> PArgs<'_> {
        PArgs {
            rounding: self.rounding(),
            alpha: self.alpha.unwrap_or(0.05),
            p_equal_alpha_significant: !self.alpha_not_significant,
            p_truncation: self.p_truncation,
            one_tailed: self.one_tailed,
        }
    }
}

// ---------------------------------------------------------------- checks

/// A checked table: its columns (the table's, then the results) and rows.
#[derive(Serialize)]
struct Checked {
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
    /// Rows tested.
    total: usize,
    /// Rows found inconsistent.
    inconsistent: usize,
}

/// Checks a table on a blocking thread, rows capped by the limits.
async fn run_check(app: &App, check: Check, settings: Settings) -> Result<Checked, ApiError> {
    let max_rows = app.limits.max_table_rows;
    let _permit = app
        .light
        .acquire()
        .await
        .map_err(|_| ApiError::bad_request("the server is shutting down"))?;
    let work = move || -> Result<Checked, ApiError> {
        let mut check = check;
        let layout = check.layout()?;
        if layout.is_statistics() {
            check.p_options = settings.p_args().options()?;
        }
        let mut rows = Vec::new();
        check.rows(&layout, |row| {
            if rows.len() == max_rows {
                return Err(ferrox::Error::invalid(
                    "table",
                    format!(
                        "it has more than {max_rows} rows, this server's limit; the ferrox \
                         command line checks tables of any length"
                    ),
                ));
            }
            rows.push(row);
            Ok(())
        })?;
        let verdict = layout.columns.iter().position(|c| c == "consistency");
        let inconsistent = verdict.map_or(0, |i| {
            rows.iter()
                .filter(|row| row.get(i) == Some(&Cell::Bool(false)))
                .count()
        });
        Ok(Checked {
            columns: layout.columns,
            total: rows.len(),
            inconsistent,
            rows,
        })
    };
    tokio::task::spawn_blocking(work).await.map_err(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error",
        )
    })?
}

async fn limits(State(app): Shared) -> Json<Value> {
    let l = &app.limits;
    Json(json!({
        "version": env!("CARGO_PKG_VERSION"),
        "max_upload_bytes": l.max_upload_bytes,
        "max_json_bytes": l.max_json_bytes,
        "max_files": l.max_files,
        "max_pages": l.max_pages,
        "max_table_rows": l.max_table_rows,
        "max_samples": l.max_samples,
        "max_listed": l.max_listed,
        "workers": l.workers,
        "max_jobs": l.max_jobs,
        "job_seconds": l.job_seconds,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GrimRequest {
    x: String,
    n: Text,
    items: Option<Text>,
    #[serde(default)]
    settings: Settings,
}

async fn grim(
    State(app): Shared,
    JsonBody(r): JsonBody<GrimRequest>,
) -> Result<Json<Checked>, ApiError> {
    let items = r.items.map_or("1".into(), |t| t.0);
    let input = Input::single(&[("x", r.x), ("n", r.n.0), ("items", items)]);
    let check = r.settings.check(input)?;
    Ok(Json(run_check(&app, check, r.settings).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GrimmerRequest {
    x: String,
    sd: String,
    n: Text,
    items: Option<Text>,
    #[serde(default)]
    settings: Settings,
}

async fn grimmer(
    State(app): Shared,
    JsonBody(r): JsonBody<GrimmerRequest>,
) -> Result<Json<Checked>, ApiError> {
    let items = r.items.map_or("1".into(), |t| t.0);
    let input = Input::single(&[("x", r.x), ("sd", r.sd), ("n", r.n.0), ("items", items)]);
    let check = r.settings.check(input)?;
    Ok(Json(run_check(&app, check, r.settings).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DebitRequest {
    x: String,
    sd: String,
    n: Text,
    #[serde(default)]
    settings: Settings,
}

async fn debit(
    State(app): Shared,
    JsonBody(r): JsonBody<DebitRequest>,
) -> Result<Json<Checked>, ApiError> {
    let input = Input::single(&[("x", r.x), ("sd", r.sd), ("n", r.n.0)]);
    let mut check = r.settings.check(input)?;
    check.binary = true;
    Ok(Json(run_check(&app, check, r.settings).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PRequest {
    result: Option<String>,
    test: Option<String>,
    value: Option<String>,
    df1: Option<Text>,
    df2: Option<Text>,
    p: Option<String>,
    #[serde(default)]
    settings: Settings,
}

async fn p_check(
    State(app): Shared,
    JsonBody(r): JsonBody<PRequest>,
) -> Result<Json<Checked>, ApiError> {
    let input = match (r.result, r.test, r.value, r.p) {
        (Some(result), None, None, None) => Input::column("result", &[result]),
        (None, Some(test), Some(value), Some(p)) => Input::single(&[
            ("test", test),
            ("value", value),
            ("df1", r.df1.map(|t| t.0).unwrap_or_default()),
            ("df2", r.df2.map(|t| t.0).unwrap_or_default()),
            ("p", p),
        ]),
        _ => {
            return Err(ApiError::bad_request(
                "give an APA result (\"t(28) = 2.20, p = .03\") as `result`, or its parts as \
                 `test`, `value`, `p` and the df",
            ));
        }
    };
    let check = r.settings.check(input)?;
    Ok(Json(run_check(&app, check, r.settings).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableRequest {
    /// The table as CSV with a header row, or cells copied from a
    /// spreadsheet (tab-separated).
    csv: String,
    /// Fields whose columns have other names: field -> column.
    #[serde(default)]
    columns: std::collections::BTreeMap<String, String>,
    split: Option<String>,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    settings: Settings,
}

async fn table(
    State(app): Shared,
    JsonBody(r): JsonBody<TableRequest>,
) -> Result<Response, ApiError> {
    let csv = match r.csv.lines().next() {
        Some(header) if header.contains('\t') && !header.contains(',') => tabs_to_csv(&r.csv)?,
        _ => r.csv.into_bytes(),
    };
    let mut check = r.settings.check(Input::Text(csv))?;
    check.split = r.split;
    check.names = r.columns.into_iter().collect();
    let csv_out = match r.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "invalid `format`: {other:?}; use json or csv"
            )));
        }
    };
    let checked = run_check(&app, check, r.settings).await?;
    if csv_out {
        let bytes = write_csv(&checked.columns, &checked.rows)?;
        return Ok(attachment(bytes, "text/csv", "ferrox-table.csv"));
    }
    Ok(Json(checked).into_response())
}

/// Cells copied from a spreadsheet (tab-separated) as CSV.
fn tabs_to_csv(text: &str) -> Result<Vec<u8>, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        writer
            .write_record(line.split('\t').map(str::trim))
            .map_err(|e| ApiError::bad_request(e.to_string()))?;
    }
    writer
        .into_inner()
        .map_err(|e| ApiError::bad_request(e.to_string()))
}

fn write_csv(columns: &[String], rows: &[Vec<Cell>]) -> Result<Vec<u8>, ApiError> {
    let failed = |e: &dyn std::fmt::Display| {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(columns).map_err(|e| failed(&e))?;
    for row in rows {
        writer
            .write_record(row.iter().map(Cell::text))
            .map_err(|e| failed(&e))?;
    }
    writer.into_inner().map_err(|e| failed(&e))
}

fn attachment(bytes: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static(content_type),
    );
    if let Ok(value) = format!("attachment; filename=\"{filename}\"").parse() {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    (headers, bytes).into_response()
}

// ---------------------------------------------------------------- jobs

/// A reported mean and SD on a scale: what CLOSURE and SPRITE start from.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    mean: String,
    sd: String,
    n: Text,
    min: Text,
    max: Text,
    items: Option<Text>,
    rounding: Option<String>,
    threshold: Option<f64>,
    error_mean: Option<String>,
    error_sd: Option<String>,
    #[serde(default)]
    population: bool,
}

impl Case {
    fn input(&self) -> Result<ferrox::closure::ClosureInput, ApiError> {
        let parse = |text: &Option<String>| text.as_deref().map(Decimal::parse).transpose();
        let args = ferrox::input::ClosureArgs {
            items: self.items.as_ref().map_or(Ok(1.0), |t| t.number("items"))?,
            rounding: self.rounding.as_deref().unwrap_or("up_or_down"),
            threshold: self.threshold.unwrap_or(5.0),
            error_mean: parse(&self.error_mean)?,
            error_sd: parse(&self.error_sd)?,
            population: self.population,
            ..ferrox::input::ClosureArgs::new(
                Decimal::parse(&self.mean)?,
                Decimal::parse(&self.sd)?,
                self.n.number("n")?,
                self.min.number("min")?,
                self.max.number("max")?,
            )
        };
        Ok(args.input()?)
    }
}

/// Answers a started job with 202 and its status.
fn started(job: &Job) -> Response {
    (StatusCode::ACCEPTED, Json(job.status())).into_response()
}

/// Samples as CSV: the scale values, then one row of counts per sample.
fn samples_csv(samples: &ferrox::closure::Samples) -> Result<Vec<u8>, ApiError> {
    let columns: Vec<String> = samples.values().iter().map(f64::to_string).collect();
    let rows: Vec<Vec<Cell>> = (0..samples.len())
        .map(|i| {
            samples
                .row(i)
                .iter()
                .map(|&c| Cell::Float(c.into()))
                .collect()
        })
        .collect();
    write_csv(&columns, &rows)
}

fn sample_rows(samples: &ferrox::closure::Samples, most: usize) -> Vec<Vec<u32>> {
    (0..samples.len().min(most))
        .map(|i| samples.row(i).to_vec())
        .collect()
}

async fn closure(State(app): Shared, JsonBody(case): JsonBody<Case>) -> Result<Response, ApiError> {
    let input = case.input()?;
    let closure = Closure::new(&input)?;
    let limits = app.limits.clone();
    let job = app.jobs.start("closure", move |job| {
        let closure = closure.stop_when(job.stop.clone());
        let summary = closure.summary()?;
        let values = closure.scale_values();
        let mut downloads = Vec::new();
        let (listed, horns, source) = match summary.count {
            Some(0) => (Some(Vec::new()), Vec::new(), "all"),
            Some(count) if count <= limits.max_listed as u128 => {
                let samples = closure.samples(None, limits.max_listed * values.len() * 8 + 1024)?;
                downloads.push(Download {
                    key: "samples",
                    filename: "closure-samples.csv".into(),
                    content_type: "text/csv",
                    bytes: samples_csv(&samples)?,
                });
                (Some(sample_rows(&samples, 200)), samples.horns(), "all")
            }
            _ => {
                let options = ferrox::sprite::SpriteOptions {
                    stop: Some(job.stop.clone()),
                    ..ferrox::input::SpriteArgs {
                        n_samples: HORNS_DRAWS as f64,
                        seed: 1.0,
                        replace: true,
                        ..Default::default()
                    }
                    .options()?
                };
                let drawn = sprite(&input, &Restrictions::default(), &options)?;
                (None, drawn.samples.horns(), "draws")
            }
        };
        let extreme = |e: &Option<(f64, Vec<u32>)>| {
            e.as_ref()
                .map(|(index, sample)| json!({ "index": index, "sample": sample }))
        };
        let body = json!({
            "count": summary.count.map(|c| c.to_string()),
            "count_estimate": summary.count_estimate.map(|e| json!({
                "log10": e.log10, "relative_error": e.relative_error,
                "trials": e.trials, "text": e.to_string(),
            })),
            "values": summary.values.iter().map(|v| json!({
                "value": v.value, "min": v.min, "max": v.max,
                "mean": v.mean, "mean_error": v.mean_error,
            })).collect::<Vec<_>>(),
            "horns_min": extreme(&summary.horns_min),
            "horns_max": extreme(&summary.horns_max),
            "horns": { "values": horns, "source": source },
            "scale": values,
            "samples": listed,
            "max_listed": limits.max_listed,
        });
        Ok(Output { body, downloads })
    })?;
    Ok(started(&job))
}

/// Uniform draws behind the horns histogram where the samples are too
/// many to list.
const HORNS_DRAWS: usize = 2000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SpriteRequest {
    case: Case,
    #[serde(default = "twelve")]
    samples: f64,
    seed: Option<f64>,
    method: Option<String>,
    #[serde(default)]
    exact: Vec<(f64, f64)>,
    #[serde(default)]
    at_least: Vec<(f64, f64)>,
    #[serde(default)]
    range: bool,
}

fn twelve() -> f64 {
    12.0
}

async fn sprite_job(
    State(app): Shared,
    JsonBody(r): JsonBody<SpriteRequest>,
) -> Result<Response, ApiError> {
    let input = r.case.input()?;
    if !(r.samples >= 1.0 && r.samples <= app.limits.max_samples as f64) {
        return Err(ApiError::bad_request(format!(
            "invalid `samples`: {}; this server draws 1 to {} samples at a time",
            r.samples, app.limits.max_samples
        )));
    }
    let restrictions = Restrictions::from_args(
        &r.exact,
        &r.at_least,
        r.range,
        input.scale_min,
        input.scale_max,
    )?;
    let seed = r.seed.unwrap_or_else(|| ferrox::rng::clock_seed() as f64);
    let method = r.method.unwrap_or_else(|| "uniform".into());
    let options = ferrox::input::SpriteArgs {
        n_samples: r.samples,
        seed,
        method: &method,
        max_memory_mb: 256.0,
        ..Default::default()
    }
    .options()?;
    let job = app.jobs.start("sprite", move |job| {
        let options = ferrox::sprite::SpriteOptions {
            stop: Some(job.stop.clone()),
            ..options
        };
        let drawn = sprite(&input, &restrictions, &options)?;
        let body = json!({
            "method": drawn.method.name(),
            "seed": seed,
            "possible": drawn.possible.map(|c| c.to_string()),
            "scale": drawn.samples.values(),
            "samples": sample_rows(&drawn.samples, usize::MAX),
            "walks": { "attempts": drawn.attempts, "failures": drawn.failures },
        });
        let downloads = vec![Download {
            key: "samples",
            filename: "sprite-samples.csv".into(),
            content_type: "text/csv",
            bytes: samples_csv(&drawn.samples)?,
        }];
        Ok(Output { body, downloads })
    })?;
    Ok(started(&job))
}

/// A paper to scan: its name and bytes.
struct Upload {
    name: String,
    bytes: Bytes,
}

async fn scan_job(State(app): Shared, req: Request) -> Result<Response, ApiError> {
    let limits = app.limits.clone();
    content_type(
        &req,
        "multipart/form-data",
        "send papers as multipart/form-data: fields `file` (one per paper) and `text`",
    )?;
    let (parts, body) = req.into_parts();
    let bytes = read_body(body, limits.max_upload_bytes, limits.upload_seconds).await?;
    let req = Request::from_parts(parts, Body::from(bytes));
    let mut form = Multipart::from_request(req, &())
        .await
        .map_err(|e| ApiError::bad_request(format!("cannot read the upload: {e}")))?;
    let (mut uploads, mut text) = (Vec::new(), String::new());
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| ApiError::bad_request(format!("cannot read the upload: {e}")))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field.file_name().map(str::to_owned);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| ApiError::bad_request(format!("cannot read the upload: {e}")))?;
        match name.as_str() {
            "file" => uploads.push(Upload {
                name: filename.unwrap_or_else(|| format!("file {}", uploads.len() + 1)),
                bytes,
            }),
            "text" => text.push_str(&String::from_utf8_lossy(&bytes)),
            other => {
                return Err(ApiError::bad_request(format!(
                    "unknown field {other:?}: send papers as `file` and pasted text as `text`"
                )));
            }
        }
    }
    if uploads.len() > limits.max_files {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "{} files is over this server's limit of {} at a time; `ferrox scan folder/` \
                 reads any number",
                uploads.len(),
                limits.max_files
            ),
        ));
    }
    if uploads.is_empty() && text.trim().is_empty() {
        return Err(ApiError::bad_request(
            "give at least one paper, or paste some text",
        ));
    }
    let mut options = ScanOptions::default();
    options.limits.max_pages = limits.max_pages;
    options.limits.max_bytes = limits.max_upload_bytes;
    let job = app.jobs.start("scan", move |job| {
        let total = uploads.len() + usize::from(!text.trim().is_empty());
        job.total
            .store(total as u64, std::sync::atomic::Ordering::Relaxed);
        let mut rows: Vec<Row> = Vec::new();
        for upload in &uploads {
            if job.stop.load(std::sync::atomic::Ordering::Relaxed) {
                return Err(ferrox::Error::Interrupted.into());
            }
            match scan(&upload.bytes, &upload.name, &options) {
                Ok(found) => rows.extend(found),
                Err(e) => rows.push(Row::unreadable(&upload.name, &e)),
            }
            job.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        if !text.trim().is_empty() {
            rows.extend(scan_text(&text, &options).into_iter().map(|row| Row {
                file: "pasted text".into(),
                ..row
            }));
            job.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        scan_output(&rows, uploads.len())
    })?;
    Ok(started(&job))
}

/// A scan's rows for the page, and its report in three formats.
fn scan_output(rows: &[Row], files: usize) -> Result<Output, ApiError> {
    let summary = summarize(rows);
    let columns: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    let cells: Vec<Vec<Cell>> = rows.iter().map(Row::table_cells).collect();
    let objects: Vec<Value> = cells
        .iter()
        .map(|row| {
            columns
                .iter()
                .zip(row)
                .map(|(c, cell)| (c.clone(), json!(cell)))
                .collect::<serde_json::Map<_, _>>()
                .into()
        })
        .collect();
    let findings: Vec<Value> = rows
        .iter()
        .zip(&objects)
        .map(|(row, object)| {
            let mut object = object.clone();
            object["status"] = row.status().name().into();
            object["snippet"] = row.finding.snippet.clone().into();
            object
        })
        .collect();
    let title = match files {
        1 => format!(
            "ferrox scan of {}",
            rows.first().map_or("", |r| r.file.as_str())
        ),
        _ => "ferrox scan".to_string(),
    };
    let json_bytes = serde_json::to_vec_pretty(&objects)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string()))?;
    let body = json!({
        "summary": {
            "files": summary.files,
            "unreadable": summary.unreadable,
            "checked": summary.checked,
            "tests": summary.tests.iter().map(|t| json!({
                "test": t.test, "checked": t.checked, "inconsistent": t.inconsistent,
                "guessed": t.guessed, "unchecked": t.unchecked,
            })).collect::<Vec<_>>(),
        },
        "findings": findings,
    });
    let downloads = vec![
        Download {
            key: "csv",
            filename: "ferrox-scan.csv".into(),
            content_type: "text/csv",
            bytes: write_csv(&columns, &cells)?,
        },
        Download {
            key: "json",
            filename: "ferrox-scan.json".into(),
            content_type: "application/json",
            bytes: json_bytes,
        },
        Download {
            key: "html",
            filename: "ferrox-scan.html".into(),
            content_type: "text/html; charset=utf-8",
            bytes: html_report(rows, &title).into_bytes(),
        },
    ];
    Ok(Output { body, downloads })
}

async fn job_status(State(app): Shared, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    Ok(Json(app.jobs.get(&id)?.status()))
}

async fn job_cancel(State(app): Shared, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    let job = app.jobs.get(&id)?;
    job.cancel();
    Ok(Json(job.status()))
}

async fn download(
    State(app): Shared,
    Path((id, key)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let job = app.jobs.get(&id)?;
    let crate::jobs::State::Done(output) = job.state() else {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "not_done",
            "the job has not finished; ask for its downloads when its state is done",
        ));
    };
    let file = output
        .downloads
        .iter()
        .find(|d| d.key == key)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("job {id} has no download {key:?}"),
            )
        })?;
    Ok(attachment(
        file.bytes.clone(),
        file.content_type,
        &file.filename,
    ))
}
