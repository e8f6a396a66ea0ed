//! The web page of ferrox, for people who do not program: every check
//! point-and-click, served by the `ferrox` binary itself (`ferrox serve`)
//! and by the Python package (`ferrox.serve()`), with nothing else to
//! install and nothing fetched from the internet.
//!
//! The page ([`page`]) is a few static files embedded in the binary; it
//! talks to the JSON API ([`api`], documented in docs/api.md), whose every
//! decision is the core's. Long work runs as [`jobs`] on a bounded pool of
//! blocking threads, so light requests stay fast while it runs. Uploads
//! are read in memory and never stored; no path from a request reaches the
//! file system.
//!
//! ```no_run
//! let limits = ferrox_server::Limits::default();
//! use ferrox_server::CtrlC;
//! ferrox_server::run("127.0.0.1", 8000, limits, CtrlC::Stops, |addr| println!("http://{addr}"), || false)?;
//! # Ok::<(), std::io::Error>(())
//! ```

pub mod api;
pub mod error;
pub mod jobs;
pub mod page;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;

pub use api::App;
pub use error::ApiError;

/// What one server allows: each limit is answered with a message that
/// says so.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// The largest upload of papers, in bytes (all files together).
    pub max_upload_bytes: usize,
    /// The largest JSON request, in bytes (a pasted table).
    pub max_json_bytes: usize,
    /// Papers in one scan.
    pub max_files: usize,
    /// Pages read from one PDF.
    pub max_pages: usize,
    /// Rows of one checked table.
    pub max_table_rows: usize,
    /// SPRITE samples in one request.
    pub max_samples: usize,
    /// CLOSURE samples listed and offered for download.
    pub max_listed: usize,
    /// Jobs running at once.
    pub workers: usize,
    /// Jobs running or waiting at once; more are refused.
    pub max_jobs: usize,
    /// Seconds a job may run.
    pub job_seconds: u64,
    /// Seconds after which a job nobody asks about is stopped.
    pub idle_seconds: u64,
    /// Seconds an upload may take.
    pub upload_seconds: u64,
}

impl Default for Limits {
    fn default() -> Self {
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        Limits {
            max_upload_bytes: 50 << 20,
            max_json_bytes: 8 << 20,
            max_files: 50,
            max_pages: 500,
            max_table_rows: 100_000,
            max_samples: 1000,
            max_listed: 10_000,
            workers,
            max_jobs: 8 * workers,
            job_seconds: 120,
            idle_seconds: 15,
            upload_seconds: 60,
        }
    }
}

/// The whole application: the page and the API, with `limits`.
pub fn app(limits: Limits) -> Router {
    app_with(Arc::new(App::new(limits)))
}

fn app_with(state: Arc<App>) -> Router {
    page::routes()
        .merge(api::routes())
        .layer(DefaultBodyLimit::disable())
        .with_state(state)
}

/// Serves on `listener` until `shutdown` completes; then stops every job
/// and lets requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let state = Arc::new(App::new(limits));
    let jobs = state.jobs.clone();
    let stopping = async move {
        shutdown.await;
        jobs.cancel_all();
    };
    axum::serve(listener, app_with(state))
        .with_graceful_shutdown(stopping)
        .await
}

/// Whether Ctrl-C stops the server, besides `stop`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CtrlC {
    /// Ctrl-C stops it: for a program of its own, such as the CLI.
    Stops,
    /// Ctrl-C is the host's, which handles it and says so through `stop`
    /// (Python). A handler of the server's own would also see, and act on,
    /// interrupts meant for the host's other work, even one made before
    /// this server started.
    LeftToHost,
}

/// Binds `host:port` (port 0: any free port), calls `ready` with the
/// address, and serves until `stop` says so (checked ten times a second:
/// how Python's and R's interrupts reach the server) or, with
/// [`CtrlC::Stops`], until Ctrl-C.
pub fn run(
    host: &str,
    port: u16,
    limits: Limits,
    ctrl_c: CtrlC,
    ready: impl FnOnce(SocketAddr),
    stop: impl Fn() -> bool + Send + 'static,
) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let served = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((host, port)).await?;
        ready(listener.local_addr()?);
        let shutdown = async move {
            let mut tick = tokio::time::interval(Duration::from_millis(100));
            let polled = async move {
                while !stop() {
                    tick.tick().await;
                }
            };
            match ctrl_c {
                CtrlC::Stops => tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    () = polled => {}
                },
                CtrlC::LeftToHost => polled.await,
            }
        };
        serve(listener, limits, shutdown).await
    });
    runtime.shutdown_timeout(Duration::from_secs(5));
    served
}
