//! A progress bar on standard error for work that takes more than a second
//! (indicatif hides it when standard error is not a terminal).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// Runs `work` on a worker thread while a bar follows `done` out of
/// `total` `unit`s, from the first second on.
pub fn counted<T: Send>(
    total: u64,
    done: &AtomicU64,
    unit: &str,
    work: impl FnOnce() -> ferrox::Result<T> + Send,
) -> ferrox::Result<T> {
    let stop = AtomicBool::new(false);
    let mut bar: Option<ProgressBar> = None;
    let show = |elapsed: Duration| -> Result<(), std::convert::Infallible> {
        if bar.is_none() && elapsed > Duration::from_secs(1) {
            let template = format!("{{bar:40}} {{pos}}/{{len}} {unit} ({{percent}}%, {{elapsed}})");
            let style = ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar = Some(ProgressBar::new(total).with_style(style));
        }
        if let Some(bar) = &bar {
            bar.set_position(done.load(Ordering::Relaxed));
        }
        Ok(())
    };
    let result = match ferrox::run::polling(&stop, work, show) {
        Ok(result) => result,
        Err(never) => match never {},
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}
