//! The API without a browser: every endpoint, and hostile requests, which
//! get a 4xx with a message and never a 5xx.

use std::io::{Read, Write};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use ferrox::Decimal;
use ferrox::closure::{Closure, ClosureInput};
use ferrox_server::{Limits, app};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Status, content type and body of one request.
async fn send(app: &Router, request: Request<Body>) -> Result<(StatusCode, String, Vec<u8>)> {
    let response = app.clone().oneshot(request).await?;
    let status = response.status();
    let kind = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap_or_default().to_owned())
        .unwrap_or_default();
    let body = response.into_body().collect().await?.to_bytes().to_vec();
    Ok((status, kind, body))
}

async fn post(app: &Router, path: &str, body: Value) -> Result<(StatusCode, Value)> {
    let request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))?;
    let (status, _, bytes) = send(app, request).await?;
    Ok((status, serde_json::from_slice(&bytes)?))
}

async fn get(app: &Router, path: &str) -> Result<(StatusCode, Value)> {
    let (status, _, bytes) = send(app, Request::get(path).body(Body::empty())?).await?;
    Ok((status, serde_json::from_slice(&bytes)?))
}

/// Polls a job until it leaves the queue and the workers.
async fn finished(app: &Router, id: &str) -> Result<Value> {
    for _ in 0..3000 {
        let (status, job) = get(app, &format!("/api/jobs/{id}")).await?;
        assert_eq!(status, StatusCode::OK);
        if !matches!(job["state"].as_str(), Some("queued" | "running")) {
            return Ok(job);
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Err("the job did not finish in 30 s".into())
}

/// Polls a job until a worker has it: jobs start in no set order, so a
/// test that needs one to hold the worker waits for it.
async fn running(app: &Router, id: &str) -> Result {
    for _ in 0..3000 {
        let (_, job) = get(app, &format!("/api/jobs/{id}")).await?;
        match job["state"].as_str() {
            Some("running") => return Ok(()),
            Some("queued") => tokio::time::sleep(Duration::from_millis(10)).await,
            _ => return Err(format!("the job left the queue as {job}").into()),
        }
    }
    Err("the job did not start in 30 s".into())
}

fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> Result<Request<Body>> {
    let boundary = "ferroxboundary7d3a";
    let mut body = Vec::new();
    for (name, filename, bytes) in parts {
        write!(
            body,
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\""
        )?;
        if let Some(filename) = filename {
            write!(body, "; filename=\"{filename}\"")?;
        }
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    write!(body, "--{boundary}--\r\n")?;
    Ok(Request::post("/api/scan")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))?)
}

/// A case too large to count, whose estimated summary and horns draws
/// take seconds.
fn slow_case() -> Value {
    json!({"mean": "50.5", "sd": "20.3", "n": 1000, "min": 0, "max": 100})
}

#[tokio::test]
async fn page_is_served_with_its_policy() -> Result {
    let app = app(Limits::default());
    let (status, kind, body) = send(&app, Request::get("/").body(Body::empty())?).await?;
    assert_eq!(
        (status, kind.as_str()),
        (StatusCode::OK, "text/html; charset=utf-8")
    );
    assert!(String::from_utf8(body)?.contains("<script src=\"/app.js\""));
    let response = app
        .clone()
        .oneshot(Request::get("/app.js").body(Body::empty())?)
        .await?;
    let policy = response.headers().get(header::CONTENT_SECURITY_POLICY);
    assert!(policy.is_some_and(|p| {
        p.to_str()
            .is_ok_and(|p| p.starts_with("default-src 'self'"))
    }));
    let (status, _, _) = send(&app, Request::get("/../etc/passwd").body(Body::empty())?).await?;
    assert_eq!(status, StatusCode::NOT_FOUND);
    Ok(())
}

#[tokio::test]
async fn one_case_checks_give_the_cores_verdicts() -> Result {
    let app = app(Limits::default());
    let consistency = |v: &Value| {
        v["rows"][0][v["columns"].as_array().map_or(0, |c| {
            c.iter().position(|c| c == "consistency").unwrap_or(0)
        })]
        .clone()
    };
    let (status, grim) = post(&app, "/api/grim", json!({"x": "5.19", "n": 28})).await?;
    assert_eq!((status, consistency(&grim)), (StatusCode::OK, json!(false)));
    let (_, grim) = post(&app, "/api/grim", json!({"x": "5.18", "n": "28"})).await?;
    assert_eq!(consistency(&grim), json!(true));
    let (_, grimmer) = post(
        &app,
        "/api/grimmer",
        json!({"x": "5.23", "sd": "2.55", "n": 35}),
    )
    .await?;
    assert_eq!(
        grimmer["rows"][0][6],
        json!("GRIMMER inconsistent (test 2)")
    );
    let (_, debit) = post(
        &app,
        "/api/debit",
        json!({"x": "0.5", "sd": "0.53", "n": 10}),
    )
    .await?;
    assert_eq!(consistency(&debit), json!(true));
    let (_, p) = post(&app, "/api/p", json!({"result": "t(28) = 2.20, p = .01"})).await?;
    assert_eq!(consistency(&p), json!(false));
    let parts = json!({"test": "t", "value": "2.20", "df1": 28, "p": ".04"});
    let (_, p) = post(&app, "/api/p", parts).await?;
    assert_eq!(consistency(&p), json!(true));
    let scrutiny = json!({"x": "5.19", "n": 28, "settings": {"compat": "scrutiny"}});
    let (status, _) = post(&app, "/api/grim", scrutiny).await?;
    assert_eq!(status, StatusCode::OK);
    Ok(())
}

#[tokio::test]
async fn tables_map_their_columns_and_download_as_csv() -> Result {
    let app = app(Limits::default());
    let table = json!({"csv": "Mean\tN\n5.19\t28\n5.18\t28\n", "columns": {"x": "Mean", "n": "N"}});
    let (status, checked) = post(&app, "/api/table", table.clone()).await?;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (checked["total"].clone(), checked["inconsistent"].clone()),
        (json!(2), json!(1))
    );
    assert_eq!(checked["columns"][0], "Mean");
    let mut csv = table;
    csv["format"] = "csv".into();
    let request = Request::post("/api/table")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(csv.to_string()))?;
    let (status, kind, body) = send(&app, request).await?;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "text/csv"));
    let text = String::from_utf8(body)?;
    assert!(text.starts_with("Mean,N,test,consistency,reason"), "{text}");
    assert!(text.contains("5.19,28,GRIM,false"), "{text}");
    let results = json!({"csv": "result\n\"t(28) = 2.20, p = .01\"\n"});
    let (_, checked) = post(&app, "/api/table", results).await?;
    assert_eq!(checked["inconsistent"], 1);
    Ok(())
}

#[tokio::test]
async fn hostile_requests_get_a_4xx_with_a_message() -> Result {
    let limits = Limits {
        max_json_bytes: 4096,
        max_table_rows: 3,
        ..Limits::default()
    };
    let app = app(limits);
    let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (
            Request::post("/api/grim")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{\"x\": \"5.19\", \"n\": "))?,
            StatusCode::BAD_REQUEST,
            "does not fit",
        ),
        (
            Request::post("/api/grim")
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from("x=5.19"))?,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "as JSON",
        ),
        (
            Request::post("/api/grim")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(format!("{{\"x\": \"{}\"}}", "9".repeat(10_000))))?,
            StatusCode::PAYLOAD_TOO_LARGE,
            "limit",
        ),
        (
            Request::post("/api/scan")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{}"))?,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "multipart",
        ),
        (
            Request::get("/api/nothing").body(Body::empty())?,
            StatusCode::NOT_FOUND,
            "no such endpoint",
        ),
        (
            Request::get("/api/jobs/12-deadbeef").body(Body::empty())?,
            StatusCode::NOT_FOUND,
            "no job",
        ),
        (
            Request::put("/api/grim").body(Body::empty())?,
            StatusCode::METHOD_NOT_ALLOWED,
            "",
        ),
    ];
    for (request, expected, words) in cases {
        let (status, _, body) = send(&app, request).await?;
        assert_eq!(status, expected, "{}", String::from_utf8_lossy(&body));
        assert!(String::from_utf8_lossy(&body).contains(words));
    }
    let bodies = [
        (
            "/api/grim",
            json!({"x": 5.19, "n": 28}),
            "expected a string",
        ),
        (
            "/api/grim",
            json!({"x": "5.19", "n": 28, "nn": 1}),
            "unknown field",
        ),
        (
            "/api/grim",
            json!({"x": "5.19", "n": 1e300}),
            "whole number",
        ),
        ("/api/grim", json!({"x": "5.19", "n": -3}), "n"),
        (
            "/api/grim",
            json!({"x": "1e999999", "n": 28}),
            "reported number",
        ),
        (
            "/api/grimmer",
            json!({"x": "5.2", "sd": "-1", "n": 28}),
            "sd",
        ),
        (
            "/api/grim",
            json!({"x": "5.19", "n": 28, "settings": {"rounding": "sideways"}}),
            "rounding",
        ),
        (
            "/api/p",
            json!({"result": "t(28) = 2.20, p = .01", "test": "t"}),
            "APA result",
        ),
        (
            "/api/p",
            json!({"result": "t(28) = 2.20, p = .01", "settings": {"compat": "scrutiny"}}),
            "compat",
        ),
        (
            "/api/table",
            json!({"csv": "a,b\n1,2\n"}),
            "needs the columns",
        ),
        (
            "/api/table",
            json!({"csv": "x,n\n1,2\n", "columns": {"mean": "x"}}),
            "not a field",
        ),
        (
            "/api/table",
            json!({"csv": "x,n\n1,2\n", "columns": {"x": "M"}}),
            "no column",
        ),
        (
            "/api/table",
            json!({"csv": "x,n\n1,2\n1,2\n1,2\n1,2\n"}),
            "more than 3 rows",
        ),
        (
            "/api/table",
            json!({"csv": "x,n\n1,2\n", "format": "xls"}),
            "format",
        ),
        (
            "/api/closure",
            json!({"mean": "3.5", "sd": "1.2", "n": 20, "min": 7, "max": 1}),
            "scale",
        ),
        (
            "/api/closure",
            json!({"mean": "3.5", "sd": "1.2", "n": "many", "min": 1, "max": 7}),
            "not a number",
        ),
        (
            "/api/sprite",
            json!({"case": {"mean": "3.5", "sd": "1.2", "n": 20, "min": 1, "max": 7}, "samples": 1e9}),
            "samples",
        ),
        (
            "/api/sprite",
            json!({"case": {"mean": "3.5", "sd": "1.2", "n": 20, "min": 1, "max": 7}, "method": "magic"}),
            "method",
        ),
    ];
    for (path, body, words) in bodies {
        let (status, answer) = post(&app, path, body.clone()).await?;
        assert!(status.is_client_error(), "{path} {body}: {status} {answer}");
        let message = answer["error"].as_str().unwrap_or_default();
        assert!(message.contains(words), "{path} {body}: {message}");
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn closure_job_counts_as_the_core_does() -> Result {
    let app = app(Limits::default());
    let (status, job) = post(
        &app,
        "/api/closure",
        json!({"mean": "3.5", "sd": "1.2", "n": 20, "min": 1, "max": 7}),
    )
    .await?;
    assert_eq!(status, StatusCode::ACCEPTED);
    let id = job["id"].as_str().ok_or("no id")?;
    let done = finished(&app, id).await?;
    assert_eq!(done["state"], "done", "{done}");
    let input = ClosureInput::new(Decimal::parse("3.5")?, Decimal::parse("1.2")?, 20, 1, 7);
    let count = Closure::new(&input)?.count()?;
    let result = &done["result"];
    assert_eq!(result["count"], count.to_string());
    assert_eq!(
        result["horns"]["values"].as_array().map(Vec::len),
        Some(count as usize)
    );
    assert_eq!(result["horns"]["source"], "all");
    let (status, kind, body) = send(
        &app,
        Request::get(format!("/api/jobs/{id}/download/samples")).body(Body::empty())?,
    )
    .await?;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "text/csv"));
    assert_eq!(
        body.iter().filter(|&&b| b == b'\n').count() as u128,
        count + 1
    );
    // An impossible report: no samples, said so.
    let (_, job) = post(
        &app,
        "/api/closure",
        json!({"mean": "2.0", "sd": "0.5", "n": 3, "min": 1, "max": 3}),
    )
    .await?;
    let done = finished(&app, job["id"].as_str().ok_or("no id")?).await?;
    assert_eq!(done["result"]["count"], "0");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_job_frees_its_worker_and_light_requests_never_wait() -> Result {
    let app = app(Limits {
        workers: 1,
        ..Limits::default()
    });
    let (_, slow) = post(&app, "/api/closure", slow_case()).await?;
    let slow = slow["id"].as_str().ok_or("no id")?.to_owned();
    running(&app, &slow).await?;
    let (_, queued) = post(
        &app,
        "/api/closure",
        json!({"mean": "3.5", "sd": "1.2", "n": 20, "min": 1, "max": 7}),
    )
    .await?;
    let queued = queued["id"].as_str().ok_or("no id")?.to_owned();
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The one worker is busy, and light requests are answered meanwhile.
    let (status, grim) = post(&app, "/api/grim", json!({"x": "5.19", "n": 28})).await?;
    assert_eq!((status, grim["total"].clone()), (StatusCode::OK, json!(1)));
    let (_, job) = get(&app, &format!("/api/jobs/{slow}")).await?;
    assert_eq!(job["state"], "running");
    let (_, job) = get(&app, &format!("/api/jobs/{queued}")).await?;
    assert_eq!(job["state"], "queued");
    let request = Request::delete(format!("/api/jobs/{slow}")).body(Body::empty())?;
    assert_eq!(send(&app, request).await?.0, StatusCode::OK);
    assert_eq!(finished(&app, &slow).await?["state"], "cancelled");
    assert_eq!(finished(&app, &queued).await?["state"], "done");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn jobs_stop_at_the_time_limit_when_unwatched_and_when_too_many() -> Result {
    let app = app(Limits {
        workers: 1,
        max_jobs: 2,
        job_seconds: 1,
        idle_seconds: 1,
        ..Limits::default()
    });
    let (_, timed) = post(&app, "/api/closure", slow_case()).await?;
    let timed = timed["id"].as_str().ok_or("no id")?.to_owned();
    running(&app, &timed).await?;
    let (_, unwatched) = post(&app, "/api/closure", slow_case()).await?;
    let unwatched = unwatched["id"].as_str().ok_or("no id")?.to_owned();
    let (status, busy) = post(&app, "/api/closure", slow_case()).await?;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(busy["kind"], "busy");
    let done = finished(&app, &timed).await?;
    assert_eq!(done["error"]["kind"], "time_limit", "{done}");
    // Nobody asked about the second job while it waited: it was stopped.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (_, job) = get(&app, &format!("/api/jobs/{unwatched}")).await?;
    assert_eq!(job["state"], "cancelled", "{job}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn sprite_job_draws_the_samples_of_its_seed() -> Result {
    let app = app(Limits::default());
    let request = json!({"case": {"mean": "3.5", "sd": "1.2", "n": 20, "min": 1, "max": 7},
                         "samples": 5, "seed": 7, "exact": [[7, 0]]});
    let mut drawn = Vec::new();
    for _ in 0..2 {
        let (status, job) = post(&app, "/api/sprite", request.clone()).await?;
        assert_eq!(status, StatusCode::ACCEPTED);
        let done = finished(&app, job["id"].as_str().ok_or("no id")?).await?;
        drawn.push(done["result"].clone());
    }
    assert_eq!(drawn[0]["samples"], drawn[1]["samples"]);
    let samples = drawn[0]["samples"].as_array().ok_or("no samples")?;
    assert_eq!(samples.len(), 5);
    for sample in samples {
        let counts: Vec<u64> = serde_json::from_value(sample.clone())?;
        assert_eq!((counts.iter().sum::<u64>(), counts[6]), (20, 0));
    }
    assert_eq!(drawn[0]["method"], "uniform");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn scans_read_uploads_and_say_which_file_could_not_be_read() -> Result {
    let app = app(Limits {
        max_files: 3,
        ..Limits::default()
    });
    let paper = b"Participants (N = 40) did well, t(38) = 2.10, p = .01.".as_slice();
    let request = multipart(&[
        ("file", Some("paper.txt"), paper),
        ("file", Some("broken.pdf"), b"%PDF-1.7 truncated".as_slice()),
        ("text", None, b"We found t(28) = 2.20, p = .04.".as_slice()),
    ])?;
    let (status, _, body) = send(&app, request).await?;
    assert_eq!(
        status,
        StatusCode::ACCEPTED,
        "{}",
        String::from_utf8_lossy(&body)
    );
    let job: Value = serde_json::from_slice(&body)?;
    let id = job["id"].as_str().ok_or("no id")?;
    let done = finished(&app, id).await?;
    let result = &done["result"];
    assert_eq!(result["summary"]["files"], 3, "{result}");
    assert_eq!(result["summary"]["unreadable"], 1);
    let findings = result["findings"].as_array().ok_or("no findings")?;
    let status_of = |file: &str| {
        findings
            .iter()
            .filter(|f| f["file"] == file)
            .map(|f| f["status"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(status_of("paper.txt"), ["inconsistent"]);
    assert_eq!(status_of("pasted text"), ["consistent"]);
    assert_eq!(status_of("broken.pdf"), ["unchecked"]);
    for (key, kind, start) in [
        ("html", "text/html; charset=utf-8", "<!DOCTYPE html>"),
        ("csv", "text/csv", "file,format,page"),
        ("json", "application/json", "["),
    ] {
        let request = Request::get(format!("/api/jobs/{id}/download/{key}")).body(Body::empty())?;
        let (status, got, body) = send(&app, request).await?;
        assert_eq!((status, got.as_str()), (StatusCode::OK, kind));
        assert!(String::from_utf8(body)?.starts_with(start));
    }
    let four: Vec<(&str, Option<&str>, &[u8])> = vec![("file", Some("a.txt"), paper); 4];
    let (status, _, body) = send(&app, multipart(&four)?).await?;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(String::from_utf8(body)?.contains("limit of 3"));
    let (status, _, _) = send(&app, multipart(&[("text", None, b"  ".as_slice())])?).await?;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn papers_over_the_page_limit_are_a_row_with_the_limit() -> Result {
    let app = app(Limits {
        max_pages: 1,
        ..Limits::default()
    });
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/papers");
    let two_pages = std::fs::read(root.join("paper-01.pdf"))?;
    let encrypted = std::fs::read(root.join("hostile/encrypted.pdf"))?;
    let request = multipart(&[
        ("file", Some("long.pdf"), &two_pages),
        ("file", Some("locked.pdf"), &encrypted),
    ])?;
    let (status, _, body) = send(&app, request).await?;
    assert_eq!(status, StatusCode::ACCEPTED);
    let job: Value = serde_json::from_slice(&body)?;
    let done = finished(&app, job["id"].as_str().ok_or("no id")?).await?;
    let findings = done["result"]["findings"].as_array().ok_or("no findings")?;
    let error = |file: &str| {
        findings
            .iter()
            .find(|f| f["file"] == file)
            .and_then(|f| f["error"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        error("long.pdf").contains("limit of 1"),
        "{}",
        error("long.pdf")
    );
    assert!(
        error("locked.pdf").contains("encrypted"),
        "{}",
        error("locked.pdf")
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn oversized_and_slow_uploads_are_refused_over_the_network() -> Result {
    let limits = Limits {
        max_upload_bytes: 1 << 20,
        upload_seconds: 1,
        ..Limits::default()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(ferrox_server::serve(listener, limits, async {
        let _ = stopped.await;
    }));
    let exchange = move |head: String, body: Vec<u8>, pause: Duration| -> Result<String> {
        let mut stream = std::net::TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        stream.write_all(head.as_bytes())?;
        let _ = stream.write_all(&body);
        std::thread::sleep(pause);
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        Ok(answer)
    };
    let big = vec![b'a'; 2 << 20];
    let head = format!(
        "POST /api/scan HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: multipart/form-data; \
         boundary=b\r\nContent-Length: {}\r\n\r\n",
        big.len()
    );
    let answer = tokio::task::spawn_blocking(move || exchange(head, big, Duration::ZERO)).await??;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("over this server's limit of 1 MB"));
    let head = "POST /api/scan HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: \
                multipart/form-data; boundary=b\r\nContent-Length: 1000\r\n\r\n--b\r\n"
        .to_string();
    let answer =
        tokio::task::spawn_blocking(move || exchange(head, Vec::new(), Duration::ZERO)).await??;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("longer than 1 s"));
    let _ = stop.send(());
    server.await??;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn finished_results_are_kept_in_bounded_number() -> Result {
    let app = app(Limits::default());
    let impossible = json!({"mean": "2.0", "sd": "0.5", "n": 3, "min": 1, "max": 3});
    let mut ids = Vec::new();
    for _ in 0..260 {
        let (status, job) = post(&app, "/api/closure", impossible.clone()).await?;
        assert_eq!(status, StatusCode::ACCEPTED);
        let id = job["id"].as_str().ok_or("no id")?.to_owned();
        assert_eq!(finished(&app, &id).await?["state"], "done");
        ids.push(id);
    }
    tokio::time::sleep(Duration::from_millis(600)).await;
    let (first, _) = get(&app, &format!("/api/jobs/{}", ids[0])).await?;
    let (last, _) = get(&app, &format!("/api/jobs/{}", ids[259])).await?;
    assert_eq!((first, last), (StatusCode::NOT_FOUND, StatusCode::OK));
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn limits_and_the_lifecycle_of_downloads_are_reported() -> Result {
    let limits = Limits {
        workers: 1,
        max_files: 7,
        ..Limits::default()
    };
    let app = app(limits);
    let (status, told) = get(&app, "/api/limits").await?;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (told["max_files"].clone(), told["workers"].clone()),
        (json!(7), json!(1))
    );
    assert_eq!(told["version"], env!("CARGO_PKG_VERSION"));
    let (_, slow) = post(&app, "/api/closure", slow_case()).await?;
    let id = slow["id"].as_str().ok_or("no id")?.to_owned();
    running(&app, &id).await?;
    let early = Request::get(format!("/api/jobs/{id}/download/samples")).body(Body::empty())?;
    let (status, _, body) = send(&app, early).await?;
    assert_eq!(
        status,
        StatusCode::CONFLICT,
        "{}",
        String::from_utf8_lossy(&body)
    );
    let request = Request::delete(format!("/api/jobs/{id}")).body(Body::empty())?;
    assert_eq!(send(&app, request).await?.0, StatusCode::OK);
    let (_, done) = post(
        &app,
        "/api/closure",
        json!({"mean": "3.5", "sd": "1.2", "n": 20, "min": 1, "max": 7}),
    )
    .await?;
    let done = done["id"].as_str().ok_or("no id")?.to_owned();
    assert_eq!(finished(&app, &done).await?["state"], "done");
    let missing = Request::get(format!("/api/jobs/{done}/download/html")).body(Body::empty())?;
    assert_eq!(send(&app, missing).await?.0, StatusCode::NOT_FOUND);
    let unknown = Request::delete("/api/jobs/9-00000000").body(Body::empty())?;
    assert_eq!(send(&app, unknown).await?.0, StatusCode::NOT_FOUND);
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn waiting_jobs_start_in_the_order_they_came_and_cancel_at_once() -> Result {
    let app = app(Limits {
        workers: 1,
        ..Limits::default()
    });
    let (_, slow) = post(&app, "/api/closure", slow_case()).await?;
    let slow = slow["id"].as_str().ok_or("no id")?.to_owned();
    running(&app, &slow).await?;
    let small = json!({"mean": "3.5", "sd": "1.2", "n": 20, "min": 1, "max": 7});
    let mut waiting = Vec::new();
    for _ in 0..4 {
        let (_, job) = post(&app, "/api/closure", small.clone()).await?;
        waiting.push(job["id"].as_str().ok_or("no id")?.to_owned());
    }
    let request = Request::delete(format!("/api/jobs/{}", waiting[1])).body(Body::empty())?;
    let (_, _, body) = send(&app, request).await?;
    let cancelled: Value = serde_json::from_slice(&body)?;
    assert_eq!(cancelled["state"], "cancelled");
    let request = Request::delete(format!("/api/jobs/{slow}")).body(Body::empty())?;
    assert_eq!(send(&app, request).await?.0, StatusCode::OK);
    for _ in 0..3000 {
        let mut states = Vec::new();
        for id in &waiting {
            let (_, job) = get(&app, &format!("/api/jobs/{id}")).await?;
            states.push(job["state"].as_str().unwrap_or_default().to_owned());
        }
        // No job leaves the queue before one that came earlier.
        let first_queued = states.iter().position(|s| s == "queued");
        let last_started = states.iter().rposition(|s| s == "running" || s == "done");
        if let (Some(q), Some(r)) = (first_queued, last_started) {
            assert!(r < q, "{states:?}");
        }
        if states == ["done", "cancelled", "done", "done"] {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    Err("the waiting jobs did not finish in time".into())
}
