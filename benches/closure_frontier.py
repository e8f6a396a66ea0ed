"""How far exact CLOSURE counting reaches: for each scale width, the largest
n whose samples `ferrox closure --count` counts within 10 s and 1 GB.

    python benches/closure_frontier.py [--cli target/release/ferrox] [--seconds 10] [--mb 1024]

The case per width is a typical report: the mean just off the scale's
middle with two decimals, the SD a quarter of the range with two decimals,
rounded either way (ferrox's default). n is searched by doubling, then by
bisection to within 2%. Each run is the CLI under /usr/bin/time -v, killed
at the time limit; a run over the memory cap counts as out of reach, as does
ferrox's own refusal of a case too large to count.
"""

import argparse
import os
import re
import signal
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTHS = [(1, 5), (1, 7), (1, 10), (0, 10), (0, 20), (18, 80), (0, 100)]


def case(low, high):
    middle = (low + high) / 2
    return f"{middle + 0.13:.2f}", f"{(high - low) / 4 + 0.01:.2f}"


def counts(cli, low, high, n, seconds, mb):
    """(within the limits, seconds, peak MB) for one n."""
    mean, sd = case(low, high)
    command = [
        "/usr/bin/time", "-v", cli, "closure", "--mean", mean, "--sd", sd, "--n", str(n),
        "--min", str(low), "--max", str(high), "--count",
    ]  # fmt: skip
    run = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _, stderr = run.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        # The whole group: /usr/bin/time and the ferrox it runs.
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate()
        return False, seconds, float("nan")
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):([\d.]+)", stderr)
    hours, minutes, secs = (float(g) if g else 0.0 for g in wall.groups())
    elapsed = 3600 * hours + 60 * minutes + secs
    return run.returncode == 0 and peak / 1024 <= mb, elapsed, peak / 1024


def frontier(cli, low, high, seconds, mb):
    good, bad, last = 0, None, None
    n = 50
    while bad is None and n <= 1_000_000:
        ok, elapsed, peak = counts(cli, low, high, n, seconds, mb)
        if ok:
            good, last, n = n, (elapsed, peak), n * 2
        else:
            bad = n
    while bad is not None and bad - good > max(1, good // 50):
        n = (good + bad) // 2
        ok, elapsed, peak = counts(cli, low, high, n, seconds, mb)
        if ok:
            good, last = n, (elapsed, peak)
        else:
            bad = n
    return good, last, bad is not None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", default=str(ROOT / "target" / "release" / "ferrox"))
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--mb", type=float, default=1024)
    args = parser.parse_args()
    print(f"{'scale':>8} {'mean':>6} {'sd':>6} {'largest n':>10} {'seconds':>8} {'peak MB':>8}")
    for low, high in WIDTHS:
        mean, sd = case(low, high)
        n, last, bounded = frontier(args.cli, low, high, args.seconds, args.mb)
        elapsed, peak = last if last else (float("nan"), float("nan"))
        reach = f"{n}" if bounded else f">= {n}"
        print(f"{low:>3}-{high:<4} {mean:>6} {sd:>6} {reach:>10} {elapsed:>8.2f} {peak:>8.1f}")


if __name__ == "__main__":
    main()
