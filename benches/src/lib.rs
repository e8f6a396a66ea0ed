//! Benchmarks only: see `benches/` and the scripts beside them.
