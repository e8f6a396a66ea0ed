//! `ferrox serve`: the web page, until Ctrl-C.

use clap::Args;
use ferrox_server::Limits;

#[derive(Args)]
pub struct ServeArgs {
    /// The address to listen on; 0.0.0.0 lets other computers in.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port; 0 picks a free one.
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
    /// Jobs (CLOSURE, SPRITE, scans) running at once.
    #[arg(long)]
    workers: Option<usize>,
    /// Seconds one job may run.
    #[arg(long, default_value_t = 120)]
    job_seconds: u64,
    /// The largest upload of papers, in MB.
    #[arg(long, default_value_t = 50)]
    max_upload_mb: usize,
}

pub fn run(args: &ServeArgs) -> Result<(), Box<dyn std::error::Error>> {
    let defaults = Limits::default();
    let workers = args.workers.unwrap_or(defaults.workers).max(1);
    let limits = Limits {
        workers,
        max_jobs: 8 * workers,
        job_seconds: args.job_seconds,
        max_upload_bytes: args.max_upload_mb << 20,
        ..defaults
    };
    let open = args.open;
    ferrox_server::run(
        &args.host,
        args.port,
        limits,
        ferrox_server::CtrlC::Stops,
        |addr| {
            let url = format!("http://{addr}/");
            println!("ferrox is serving its page at {url} (Ctrl-C stops it)");
            if open {
                open_browser(&url);
            }
        },
        || false,
    )?;
    Ok(())
}

/// Opens `url` with the system's opener; says so when there is none.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if std::process::Command::new(opener.0)
        .args(&opener.1)
        .spawn()
        .is_err()
    {
        eprintln!("could not open a browser; open {url} yourself");
    }
}
