"""CLOSURE from Python against the same case from Rust, in one script.

    python benches/closure_python.py            (after `make python`)

Lists all 1,267,612 samples of (3.5, 1.2, 100, 1-7, .05, .05) in frequency
form from Python (with their horns index and per-value summary), then runs
the Rust timing example, which does the same work, and prints the ratio
Python / Rust.
"""

import re
import subprocess

import ferrox
from timing import best_of

ARGS = ("3.5", "1.2", 100, 1, 7)
ERRORS = {"rounding_error_mean": "0.05", "rounding_error_sd": "0.05"}


python, result = best_of(5, lambda: ferrox.closure(*ARGS, **ERRORS))
print(f"Python ferrox.closure: {len(result)} samples in {python * 1e3:.1f} ms (best of 5)")
rust_out = subprocess.run(
    ["cargo", "run", "-q", "--release", "-p", "ferrox-benches", "--example", "closure_timing"],
    check=True,
    capture_output=True,
    text=True,
).stdout
line = next(x for x in rust_out.splitlines() if x.startswith("(3.5, 1.2, 100"))
to_ms = {"ms": 1.0, "µs": 1e-3, "s": 1e3}
parts = re.findall(r"in ([\d.]+)(ms|µs|s)", line)
rust = sum(float(value) * to_ms[unit] for value, unit in parts) / 1e3
print(f"Rust (count, list, horns and summary): {rust * 1e3:.1f} ms")
print(f"ratio Python / Rust:   {python / rust:.2f}")
