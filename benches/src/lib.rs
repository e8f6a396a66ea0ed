//! Benchmarks only: see `benches/` and the scripts beside them. What the
//! Rust examples share lives here.

use std::time::Instant;

/// The shortest of `repeat` runs of `f`, in seconds.
pub fn best<T>(repeat: usize, mut f: impl FnMut() -> T) -> f64 {
    (0..repeat)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}
