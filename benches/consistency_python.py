"""GRIM and GRIMMER over a million-row table from Python, against scrutipy.

    python benches/consistency_python.py [--rows N] [--only ferrox|scrutipy|table]

Builds one seeded pandas DataFrame of reported means (strings, two
decimals), SDs and sample sizes, then times on that same frame
``ferrox.grim_map``, ``ferrox.grimmer_map`` (exact and scrutiny modes) and
``scrutipy.grim_map``, and prints each time and the ratios (scrutipy 0.1.12
has no GRIMMER over tables: its ``grimmer`` answers one case however many
it is given). ``--only`` runs one side (or ``table``: only builds the
DataFrame), for measuring peak memory under ``/usr/bin/time -v``.
"""

import argparse
import time

import numpy as np
import pandas as pd


def table(rows):
    rng = np.random.default_rng(20261121)
    n = rng.integers(10, 200, rows)
    x = np.char.mod("%.2f", rng.uniform(1, 7, rows))
    sd = np.char.mod("%.2f", rng.uniform(0.5, 2.5, rows))
    return pd.DataFrame({"x": x.astype(object), "sd": sd.astype(object), "n": n})


def timed(label, f):
    start = time.perf_counter()
    out = f()
    seconds = time.perf_counter() - start
    print(f"{label:<34} {seconds:9.3f} s")
    return seconds, out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--only", choices=["ferrox", "scrutipy", "table"])
    args = parser.parse_args()
    df = table(args.rows)
    print(f"{args.rows:,} rows")
    if args.only == "table":
        return
    times = {}
    if args.only != "scrutipy":
        import ferrox

        times["grim"], grim = timed("ferrox.grim_map", lambda: ferrox.grim_map(df))
        times["grimmer"], _ = timed("ferrox.grimmer_map", lambda: ferrox.grimmer_map(df))
        times["grimmer_s"], _ = timed(
            "ferrox.grimmer_map (scrutiny)", lambda: ferrox.grimmer_map(df, compat="scrutiny")
        )
    if args.only != "ferrox":
        import scrutipy

        times["peer_grim"], (peer, _) = timed(
            "scrutipy.grim_map",
            lambda: scrutipy.grim_map(df, x_col="x", n_col="n", silence_default_warning=True),
        )
    if args.only is None:
        agree = np.mean(np.asarray(peer) == grim["consistency"].to_numpy())
        print(f"GRIM verdicts equal to scrutipy's: {agree:.2%} of rows")
        print(f"ratio grim_map ferrox / scrutipy:     {times['grim'] / times['peer_grim']:.5f}")
        print(f"ratio ferrox grimmer_map / grim_map:  {times['grimmer'] / times['grim']:.2f}")


if __name__ == "__main__":
    main()
