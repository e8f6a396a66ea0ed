//! Long work (CLOSURE, SPRITE, scans) as jobs: started by one request,
//! watched by polling, cancelled by the page or by its silence.
//!
//! Jobs run on tokio's blocking threads, at most [`Limits::workers`] at a
//! time (the rest wait in a queue of bounded length), so the async threads
//! that answer light requests never wait behind them. A job nobody has
//! asked about for [`Limits::idle_seconds`] (the tab was closed) and a job
//! over [`Limits::job_seconds`] are stopped through the flag the core's
//! loops check.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use serde_json::{Value, json};
use tokio::sync::{Semaphore, watch};

use crate::Limits;
use crate::error::ApiError;

/// A file a finished job offers for download.
#[derive(Debug, Clone)]
pub struct Download {
    /// Its key in `/api/jobs/{id}/download/{key}`.
    pub key: &'static str,
    /// The name the browser saves it under.
    pub filename: String,
    /// Its media type.
    pub content_type: &'static str,
    /// Its contents.
    pub bytes: Vec<u8>,
}

/// What a finished job gives: its result as JSON and its downloads.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// The result the page shows.
    pub body: Value,
    /// Files to download.
    pub downloads: Vec<Download>,
}

/// Where a job is.
#[derive(Debug, Clone)]
pub enum State {
    /// Waiting for a worker.
    Queued,
    /// On a worker.
    Running,
    /// Finished.
    Done(Arc<Output>),
    /// Ended with an error.
    Failed(ApiError),
    /// Stopped by the page, or because nobody watched it.
    Cancelled,
}

/// One job: its state, progress and the flag that stops it.
pub struct Job {
    /// Its number, unguessable enough for a page that never shares it.
    pub id: String,
    /// `closure`, `sprite` or `scan`.
    pub kind: &'static str,
    /// Its place in the order jobs came in.
    ticket: u64,
    /// Set to stop the work; the core's loops check it.
    pub stop: Arc<AtomicBool>,
    /// Steps done, for a progress bar.
    pub done: AtomicU64,
    /// Steps in all, where known (0: unknown).
    pub total: AtomicU64,
    state: Mutex<State>,
    seen: Mutex<Instant>,
    clock: Mutex<Clock>,
    timed_out: AtomicBool,
}

/// When a job started and, once it ended, how long it took: under one
/// lock, so that no two locks of a job are ever held at once.
#[derive(Debug, Clone, Copy, Default)]
struct Clock {
    started: Option<Instant>,
    took: Option<Duration>,
}

impl Clock {
    /// How long the job ran, or has run so far.
    fn elapsed(self) -> Duration {
        match (self.took, self.started) {
            (Some(took), _) => took,
            (None, Some(started)) => started.elapsed(),
            (None, None) => Duration::ZERO,
        }
    }
}

/// A poisoned lock only means another thread panicked while holding it;
/// the data (a state, an instant) is still whole.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Job {
    /// The job's state now.
    pub fn state(&self) -> State {
        lock(&self.state).clone()
    }

    fn set(&self, state: State) {
        *lock(&self.state) = state;
    }

    fn active(&self) -> bool {
        matches!(self.state(), State::Queued | State::Running)
    }

    /// Stops the work (a running job ends at its next check; a waiting one
    /// is cancelled at once).
    pub fn cancel(&self) {
        self.stop.store(true, Ordering::Relaxed);
        let mut state = lock(&self.state);
        if matches!(*state, State::Queued) {
            *state = State::Cancelled;
        }
    }

    /// The job as the API reports it.
    pub fn status(&self) -> Value {
        let elapsed = lock(&self.clock).elapsed().as_secs_f64();
        let mut status = json!({
            "id": self.id,
            "kind": self.kind,
            "elapsed_seconds": elapsed,
            "progress": {
                "done": self.done.load(Ordering::Relaxed),
                "total": self.total.load(Ordering::Relaxed),
            },
        });
        let (state, extra) = match self.state() {
            State::Queued => ("queued", None),
            State::Running => ("running", None),
            State::Cancelled => ("cancelled", None),
            State::Failed(e) => (
                "failed",
                Some(("error", json!({ "error": e.message, "kind": e.kind }))),
            ),
            State::Done(output) => {
                status["downloads"] = output.downloads.iter().map(|d| d.key).collect();
                ("done", Some(("result", output.body.clone())))
            }
        };
        status["state"] = state.into();
        if let Some((key, value)) = extra {
            status[key] = value;
        }
        status
    }
}

/// Every job the server knows, and the workers they share.
pub struct Jobs {
    jobs: Mutex<HashMap<String, Arc<Job>>>,
    next: AtomicU64,
    workers: Arc<Semaphore>,
    /// The ticket of the job whose turn it is to ask for a worker: jobs ask
    /// one after another, so they start in the order they came.
    turn: Arc<watch::Sender<u64>>,
    limits: Limits,
    sweeping: AtomicBool,
}

/// How long a finished job's result is kept after it was last asked for.
const KEEP: Duration = Duration::from_secs(600);

/// The most finished results kept at once; the longest unasked-for go
/// first, so that memory stays bounded however many jobs are run.
const KEPT: usize = 256;

impl Jobs {
    /// No jobs yet, `limits.workers` workers.
    pub fn new(limits: Limits) -> Self {
        Jobs {
            jobs: Mutex::new(HashMap::new()),
            next: AtomicU64::new(1),
            workers: Arc::new(Semaphore::new(limits.workers.max(1))),
            turn: Arc::new(watch::Sender::new(1)),
            limits,
            sweeping: AtomicBool::new(false),
        }
    }

    /// Starts `work` as a job, or refuses when too many are queued or
    /// running. `work` gets the job, to report progress and see its flag.
    pub fn start(
        self: &Arc<Self>,
        kind: &'static str,
        work: impl FnOnce(&Job) -> Result<Output, ApiError> + Send + 'static,
    ) -> Result<Arc<Job>, ApiError> {
        self.sweep_in_background();
        let job = {
            let mut jobs = lock(&self.jobs);
            let active = jobs.values().filter(|j| j.active()).count();
            if active >= self.limits.max_jobs {
                return Err(ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "busy",
                    format!(
                        "the server is busy with {active} jobs, its limit; try again in a minute, \
                         or run ferrox on your own computer"
                    ),
                ));
            }
            let number = self.next.fetch_add(1, Ordering::Relaxed);
            let job = Arc::new(Job {
                id: format!("{number}-{:08x}", nonce(number)),
                ticket: number,
                kind,
                stop: Arc::new(AtomicBool::new(false)),
                done: AtomicU64::new(0),
                total: AtomicU64::new(0),
                state: Mutex::new(State::Queued),
                seen: Mutex::new(Instant::now()),
                clock: Mutex::new(Clock::default()),
                timed_out: AtomicBool::new(false),
            });
            jobs.insert(job.id.clone(), job.clone());
            job
        };
        let (workers, turn, running, seconds) = (
            self.workers.clone(),
            self.turn.clone(),
            job.clone(),
            self.limits.job_seconds,
        );
        let ticket = job.ticket;
        tokio::spawn(async move {
            if turn.subscribe().wait_for(|&t| t == ticket).await.is_err() {
                return;
            }
            let permit = match running.stop.load(Ordering::Relaxed) {
                true => None,
                false => workers.acquire_owned().await.ok(),
            };
            turn.send_modify(|t| *t += 1);
            let Some(permit) = permit else {
                running.set(State::Cancelled);
                return;
            };
            if running.stop.load(Ordering::Relaxed) {
                running.set(State::Cancelled);
                return;
            }
            running.set(State::Running);
            lock(&running.clock).started = Some(Instant::now());
            let worker = running.clone();
            let result = tokio::task::spawn_blocking(move || work(&worker)).await;
            drop(permit);
            let state = match result {
                Ok(Ok(output)) => State::Done(Arc::new(output)),
                _ if running.timed_out.load(Ordering::Relaxed) => State::Failed(ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "time_limit",
                    format!(
                        "stopped after {seconds} s, the limit of one job on this server; the \
                         ferrox command line or package on your own computer has no limit"
                    ),
                )),
                _ if running.stop.load(Ordering::Relaxed) => State::Cancelled,
                Ok(Err(e)) => State::Failed(e),
                Err(_) => State::Failed(ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "internal error in ferrox; please report it with what you entered",
                )),
            };
            {
                let mut clock = lock(&running.clock);
                clock.took = clock.started.map(|t| t.elapsed());
            }
            running.set(state);
        });
        Ok(job)
    }

    /// The job with this id; asking counts as watching it.
    pub fn get(&self, id: &str) -> Result<Arc<Job>, ApiError> {
        let job = lock(&self.jobs).get(id).cloned().ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("no job {id:?}: it finished long ago, or never was"),
            )
        })?;
        *lock(&job.seen) = Instant::now();
        Ok(job)
    }

    /// Stops every job (at shutdown).
    pub fn cancel_all(&self) {
        lock(&self.jobs).values().for_each(|j| j.cancel());
    }

    /// Stops unwatched and overlong jobs, forgets old results.
    fn sweep(&self) {
        let idle = Duration::from_secs(self.limits.idle_seconds);
        let longest = Duration::from_secs(self.limits.job_seconds);
        let mut jobs = lock(&self.jobs);
        let mut finished: Vec<(Duration, String)> = jobs
            .values()
            .filter(|job| !job.active())
            .map(|job| (lock(&job.seen).elapsed(), job.id.clone()))
            .collect();
        if finished.len() > KEPT {
            finished.sort_unstable();
            for (_, id) in &finished[KEPT..] {
                jobs.remove(id);
            }
        }
        jobs.retain(|_, job| {
            let unseen = lock(&job.seen).elapsed();
            if job.active() {
                if unseen > idle {
                    job.cancel();
                }
                if lock(&job.clock).elapsed() > longest {
                    job.timed_out.store(true, Ordering::Relaxed);
                    job.cancel();
                }
                true
            } else {
                unseen < KEEP
            }
        });
    }

    /// Sweeps every quarter second from the first job on, for as long as
    /// the runtime lives.
    fn sweep_in_background(self: &Arc<Self>) {
        if self.sweeping.swap(true, Ordering::Relaxed) {
            return;
        }
        let jobs = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_millis(250));
            loop {
                tick.tick().await;
                match jobs.upgrade() {
                    Some(jobs) => jobs.sweep(),
                    None => return,
                }
            }
        });
    }
}

/// A per-job salt from the clock, so that ids are not just counters.
fn nonce(number: u64) -> u32 {
    (ferrox::rng::clock_seed() as u32) ^ (number as u32).wrapping_mul(0x9e37_79b9)
}
