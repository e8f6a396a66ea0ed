//! `serve`: the web page from Python, on the same server as `ferrox serve`.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use ferrox::Error;
use ferrox_server::Limits;
use pyo3::exceptions::PyKeyboardInterrupt;
use pyo3::prelude::*;

use crate::to_py;

/// Why the server stopped, when the interpreter stopped it.
enum Halt {
    Raised(PyErr),
    Asked,
}

/// Serves until Ctrl-C or until `stop.is_set()`; `ready(url)` is called
/// once the server listens. The GIL is released while it serves.
#[pyfunction]
#[pyo3(signature = (host, port, workers, job_seconds, max_upload_mb, ready, stop))]
#[allow(clippy::too_many_arguments)]
fn serve(
    py: Python<'_>,
    host: String,
    port: u16,
    workers: Option<usize>,
    job_seconds: u64,
    max_upload_mb: usize,
    ready: Py<PyAny>,
    stop: Option<Py<PyAny>>,
) -> PyResult<()> {
    let defaults = Limits::default();
    let workers = workers.unwrap_or(defaults.workers).max(1);
    let limits = Limits {
        workers,
        max_jobs: 8 * workers,
        job_seconds,
        max_upload_bytes: max_upload_mb << 20,
        ..defaults
    };
    let flag = Arc::new(AtomicBool::new(false));
    let listening: Arc<Mutex<Option<SocketAddr>>> = Arc::default();
    let (told, watched) = (listening.clone(), flag.clone());
    let work = move || {
        ferrox_server::run(
            &host,
            port,
            limits,
            ferrox_server::CtrlC::LeftToHost,
            |addr| {
                if let Ok(mut slot) = told.lock() {
                    *slot = Some(addr);
                }
            },
            move || watched.load(Ordering::Relaxed),
        )
        .map_err(|e| Error::invalid("port", format!("cannot serve on {host}:{port}: {e}")))
    };
    let outcome = py.detach(|| {
        ferrox::run::polling(&flag, work, |_| {
            Python::attach(|py| {
                py.check_signals().map_err(Halt::Raised)?;
                let addr = listening.lock().ok().and_then(|mut slot| slot.take());
                if let Some(addr) = addr {
                    ready
                        .call1(py, (format!("http://{addr}/"),))
                        .map_err(Halt::Raised)?;
                }
                match &stop {
                    Some(event) => match event.call_method0(py, "is_set") {
                        Ok(set) if set.is_truthy(py).unwrap_or(false) => Err(Halt::Asked),
                        Ok(_) => Ok(()),
                        Err(e) => Err(Halt::Raised(e)),
                    },
                    None => Ok(()),
                }
            })
        })
    });
    match outcome {
        Ok(result) => result.map_err(to_py),
        Err(Halt::Asked) => Ok(()),
        Err(Halt::Raised(e)) if e.is_instance_of::<PyKeyboardInterrupt>(py) => Ok(()),
        Err(Halt::Raised(e)) => Err(e),
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(serve, m)?)
}
