"""matrix_power and cubic roots from Python against NumPy and mcfast.

    python benches/kernels_python.py            (after `make bench-python`)

Runs itself twice: once single-threaded (OPENBLAS_NUM_THREADS=1 for NumPy,
RAYON_NUM_THREADS=1 and parallel=False for ferrox) and once with the
default threads, and prints every time (best of several runs) with the
ratio ferrox / peer.
"""

import os
import subprocess
import sys
import time

import numpy as np


def best(f, repeat=7, number=1):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            f()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def row(label, ours, theirs):
    print(f"{label:<44} {ours * 1e6:12.2f} µs {theirs * 1e6:12.2f} µs   {ours / theirs:7.3f}")


def cardano(x0, y0):
    """A vectorised NumPy Cardano for x0·y³ + 1.5·y − y0 = 0 (all real roots,
    NaN where none): the usual textbook formulas, the peer's approach."""
    p = 1.5 / x0
    q = -y0 / x0
    disc = (q / 2) ** 2 + (p / 3) ** 3
    one = np.cbrt(-q / 2 + np.sqrt(np.maximum(disc, 0))) + np.cbrt(
        -q / 2 - np.sqrt(np.maximum(disc, 0))
    )
    r = np.sqrt(np.maximum(-p / 3, 0))
    phi = np.arccos(np.clip(-q / (2 * r**3), -1, 1)) / 3
    three = np.stack([2 * r * np.cos(phi - 2 * np.pi * k / 3) for k in range(3)], axis=-1)
    return np.where(
        (disc > 0)[:, None], np.stack([one] + [np.full_like(one, np.nan)] * 2, -1), three
    )


def run(single):
    import ferrox
    import mcfast

    parallel = not single
    print(f"\n== {'single-threaded' if single else 'default threads'} ==")
    print(f"{'case':<44} {'ferrox':>15} {'peer':>15}   ratio")
    rng = np.random.default_rng(0)
    for m, power in ((4, 10), (16, 10), (256, 10), (512, 10)):
        a = rng.standard_normal((m, m)) / np.sqrt(m)
        number = 2000 if m <= 16 else 1
        ours = best(
            lambda a=a, p=power: ferrox.matrix_power(a, p, parallel=parallel), number=number
        )
        theirs = best(lambda a=a, p=power: np.linalg.matrix_power(a, p), number=number)
        row(f"matrix_power float64 {m}x{m} ^{power} (numpy)", ours, theirs)
    a = rng.integers(-2, 3, (256, 256))
    ours = best(lambda: ferrox.matrix_power(a, 3, parallel=parallel), repeat=3)
    theirs = best(lambda: np.linalg.matrix_power(a, 3), repeat=3)
    row("matrix_power int64 256x256 ^3 (numpy)", ours, theirs)
    assert (ferrox.matrix_power(a, 3) == np.linalg.matrix_power(a, 3)).all()
    ours = best(lambda: ferrox.cubic_y_root(-0.375, 1.0), number=100_000)
    theirs = best(lambda: mcfast.cubic_y_root_cardano(-0.375, 1.0), number=100_000)
    row("cubic_y_root scalar call (mcfast)", ours, theirs)
    x0 = -rng.uniform(0.01, 0.5, 1_000_000)
    y0 = rng.uniform(0.5, 2.0, 1_000_000)
    ours = best(lambda: ferrox.cubic_y_root(x0, y0), repeat=5)
    theirs = best(lambda: cardano(x0, y0), repeat=5)
    row("cubic_y_root 1,000,000 inputs (numpy Cardano)", ours, theirs)
    print(f"{'':<44} {ours / 1e6 * 1e9:12.2f} ns per element")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        run(sys.argv[1] == "single")
    else:
        for mode, threads in (("single", "1"), ("default", None)):
            env = dict(os.environ)
            if threads:
                env.update(OPENBLAS_NUM_THREADS=threads, RAYON_NUM_THREADS=threads)
            subprocess.run([sys.executable, __file__, mode], env=env, check=True)
