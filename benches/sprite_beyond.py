"""SPRITE on the cases exact counting cannot reach, against the peers, in one run.

    python benches/sprite_beyond.py [--samples N]   (after `make bench-python`)

For (34.2, 8.1, 150, 18-80), (50.5, 20.3, 300, 0-100) and
(3.21, 1.43, 2000, 1-7): ``ferrox.sprite`` (the uniform chain, seed 1, best
of 3), pysprite 1.2.1 under each initialisation, and rsprite2's
``find_possible_distributions`` (through ``sprite_rsprite2.R``; it must be
installed where R finds it) draw N samples each (default 1,000), and the
script prints each side's time and the ratio ferrox / peer. Neither peer
claims uniformity: their walks stop wherever the SD first matches.
"""

import argparse
import subprocess
import time
import warnings
from pathlib import Path

from timing import best_of

CASES = [("34.2", "8.1", 150, 18, 80), ("50.5", "20.3", 300, 0, 100), ("3.21", "1.43", 2000, 1, 7)]


def run_pysprite(case, samples, init):
    from pysprite import Sprite

    mean, sd, n, lo, hi = case
    digits = [len(x.split(".")[1]) for x in (mean, sd)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sprite = Sprite(n, float(mean), float(sd), *digits, lo, hi)
        start = time.perf_counter()
        result, _, found = sprite.find_possible_distributions(
            n_dists=samples, init_method=init, max_iter=10**8
        )
    return time.perf_counter() - start, found, result


def run_rsprite2(case, samples):
    script = Path(__file__).with_name("sprite_rsprite2.R")
    args = ["Rscript", str(script), *map(str, case), str(samples)]
    seconds, found = subprocess.run(args, check=True, capture_output=True, text=True).stdout.split()
    return (None, None) if seconds == "NA" else (float(seconds), int(found))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=1000)
    samples = parser.parse_args().samples
    import ferrox

    for case in CASES:
        ours, drawn = best_of(3, lambda case=case: ferrox.sprite(*case, n_samples=samples, seed=1))
        print(f"ferrox {drawn.method} {case}: {samples} samples in {ours:.2f} s (best of 3)")
        for init in ("maxvar", "random", "minvar"):
            seconds, found, result = run_pysprite(case, samples, init)
            print(
                f"pysprite {init:<6} {case}: {found} samples ({result}) in {seconds:.2f} s;"
                f" ratio ferrox / pysprite {ours / seconds:.4f}"
            )
        seconds, found = run_rsprite2(case, samples)
        if seconds is None:
            print(f"rsprite2 {case}: not installed")
        else:
            print(
                f"rsprite2 {case}: {found} samples in {seconds:.2f} s;"
                f" ratio ferrox / rsprite2 {ours / seconds:.4f}"
            )


if __name__ == "__main__":
    main()
