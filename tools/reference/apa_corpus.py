"""Writes testdata/reference/apa_corpus.csv: APA results of every test type
that statcheck also reads (t, F, chi2, r, z, Q, Qw, Qb), with every sign
combination it reads on the statistic and p, statistics with 0 to 4
decimals, p-values with 1 to 4, tiny p-values and "ns". Deterministic.

    python tools/reference/apa_corpus.py

r has at least two decimals: statcheck stops with an error on a report
whose rounding interval passes 1 (r = 1, or r = .96 written as "1.0").

About half the p-values are the true p rounded as APA asks, the rest are
moved by a little or a lot, so that both verdicts and the boundaries
between them are well covered. The true p comes from ferrox's tails,
which tests compare with R's own (tails.csv).
"""

import csv
import random
from pathlib import Path

import ferrox

OUT = Path(__file__).resolve().parents[2] / "testdata" / "reference" / "apa_corpus.csv"
ROWS = 5000


def statistic(rng):
    test = rng.choice(["t", "t", "F", "chi2", "r", "z", "Q", "Qw", "Qb"])
    df1 = rng.choice([1, 2, 3, 5, 9, 12, 20, 28, 45, 60, 100, 250, 1000, 5000])
    if test == "r":
        value = rng.uniform(0.01, 0.94)
    elif test in ("t", "z"):
        value = rng.choice([rng.uniform(0, 3), rng.uniform(0, 8), rng.uniform(8, 40)])
    else:
        value = rng.choice([rng.uniform(0, 5), rng.uniform(0, 30), rng.uniform(30, 400)])
    return test, df1, value


def apa(test, df1, df2, n, sign, value, decimals):
    number = f"{value:.{decimals}f}"
    if test == "r":
        number = number.replace("0.", ".", 1)
    negative = test in ("t", "r", "z") and random.random() < 0.3
    if negative:
        number = "-" + number
    name = {"chi2": "χ2", "z": "z"}.get(test, test)
    if test == "F":
        head = f"F({df1}, {df2})"
    elif test == "chi2":
        head = f"χ2({df1}, N = {n})" if n else f"χ2({df1})"
    elif test == "z":
        head = name
    else:
        head = f"{name}({df1})"
    return f"{head} {sign} {number}"


def p_text(rng, p):
    kind = rng.random()
    if kind < 0.08:
        return "ns"
    if kind < 0.25:
        bound = rng.choice([".05", ".01", ".001", ".10", ".0001"])
        return f"p {rng.choice(['<', '<', '>'])} {bound}"
    decimals = rng.choice([1, 2, 2, 2, 3, 3, 4])
    move = rng.random()
    if move < 0.5:
        shown = p
    elif move < 0.8:
        shown = p * rng.uniform(0.8, 1.25)
    else:
        shown = rng.uniform(0, 1)
    text = f"{min(shown, 1):.{decimals}f}"
    return "p = " + (text[1:] if text.startswith("0.") else text)


def main():
    rng = random.Random(20261130)
    random.seed(20261130)
    rows = []
    while len(rows) < ROWS:
        test, df1, value = statistic(rng)
        df2 = rng.choice([10, 28, 57, 120, 400, 2000]) if test == "F" else None
        n = rng.choice([None, 50, 100, 1000]) if test == "chi2" else None
        decimals = rng.choice([0, 1, 2, 2, 2, 3, 4])
        if test == "r":
            # statcheck stops with an error on r = 1 (an interval past 1).
            decimals = max(decimals, 2)
        sign = rng.choice(["=", "=", "=", "=", "<", ">"])
        stat = apa(test, df1, df2, n, sign, value, decimals)
        true_p = ferrox.check_p(f"{stat.replace(sign, '=', 1)}, p = .5").computed_p
        rows.append(f"{stat}, {p_text(rng, true_p)}")
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "result"])
        writer.writerows(enumerate(rows, start=1))


if __name__ == "__main__":
    main()
