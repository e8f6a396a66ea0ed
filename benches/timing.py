"""What the Python benchmarks share."""

import time


def best_of(runs, f):
    """The shortest of `runs` timings of `f()` in seconds, and its last result."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - start)
    return best, result
