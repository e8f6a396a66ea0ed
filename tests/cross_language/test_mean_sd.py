"""Rust (CLI), Python and R give identical GRIMMER and DEBIT verdicts: on
scrutiny's reference rows and on a seeded grid of generated reports."""

import csv
import os
import random
import subprocess
from pathlib import Path

import ferrox
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "testdata" / "reference"
CLI = Path(os.environ.get("FERROX_CLI", ROOT / "target" / "release" / "ferrox"))


def reference(name, columns):
    with open(REFERENCE / name, newline="", encoding="utf-8") as f:
        return [{c: r[c] for c in columns} for r in csv.DictReader(f)]


def report(rng, lo, hi, digits):
    return f"{rng.uniform(lo, hi):.{digits}f}"


def grimmer_table():
    rng = random.Random(20261121)
    rows = reference("grimmer_examples.csv", ("x", "sd", "n", "items"))
    for _ in range(400):
        digits = rng.choice([1, 2, 2, 3])
        rows.append(
            {
                "x": report(rng, 1, 7, digits),
                "sd": report(rng, 0, 3, rng.choice([1, 2, 2, 3])),
                "n": str(rng.randint(2, 150)),
                "items": str(rng.choice([1, 1, 1, 2, 3])),
            }
        )
    return rows


def debit_table():
    rng = random.Random(20261122)
    rows = reference("debit_examples.csv", ("x", "sd", "n"))
    for _ in range(300):
        n = rng.randint(1, 400)
        ones = rng.randint(0, n)
        mean = ones / n + rng.choice([0, 0, 0.01, -0.01])
        sd = (ones * (n - ones) / (n * (n - 1))) ** 0.5 if n > 1 else 0.0
        sd += rng.choice([0, 0, 0.01, -0.01])
        digits = rng.choice([1, 2, 2, 3])
        rows.append(
            {
                "x": f"{min(max(mean, 0), 1):.{digits}f}",
                "sd": f"{min(max(sd, 0), 1):.{digits}f}",
                "n": str(n),
            }
        )
    return rows


def python_verdicts(test, rows, rounding, compat):
    frame = pd.DataFrame(rows).astype({"n": int})
    if test == "grimmer":
        frame["items"] = frame["items"].astype(int)
        out = ferrox.grimmer_map(frame, rounding=rounding, compat=compat)
        return [
            f"{str(c).upper()}|{r}" for c, r in zip(out["consistency"], out["reason"], strict=True)
        ]
    out = ferrox.debit_map(frame, rounding=rounding, compat=compat)
    return ["NA" if pd.isna(c) else str(bool(c)).upper() for c in out["consistency"]]


def r_verdicts(test, table, rounding, mode, tmp_path):
    output = tmp_path / "r.csv"
    script = str(Path(__file__).with_name("mean_sd.R"))
    subprocess.run(["Rscript", script, test, str(table), rounding, mode, str(output)], check=True)
    with open(output, newline="") as f:
        return [r["verdict"] for r in csv.DictReader(f)]


def cli_verdicts(test, table, rounding, mode):
    assert CLI.exists(), f"the CLI is not built at {CLI}"
    args = [str(CLI), "check", str(table), "--format", "csv", "--rounding", rounding]
    args += ["--binary"] * (test == "debit") + ["--compat", "scrutiny"] * (mode == "scrutiny")
    run = subprocess.run(args, check=True, capture_output=True, text=True)
    out = []
    for row in csv.DictReader(run.stdout.splitlines()):
        verdict = row["consistency"].upper()
        out.append(f"{verdict}|{row['reason']}" if test == "grimmer" else verdict)
    return out


@pytest.mark.parametrize("mode", ["exact", "scrutiny"])
@pytest.mark.parametrize("rounding", ["up_or_down", "even", "ceiling"])
@pytest.mark.parametrize("test", ["grimmer", "debit"])
def test_three_front_doors_agree(test, rounding, mode, tmp_path):
    rows = grimmer_table() if test == "grimmer" else debit_table()
    table = tmp_path / "table.csv"
    with open(table, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    compat = "scrutiny" if mode == "scrutiny" else None
    python = python_verdicts(test, rows, rounding, compat)
    assert len(python) == len(rows) > 300
    assert len(set(python)) > 1, "the table should hold both verdicts"
    assert python == r_verdicts(test, table, rounding, mode, tmp_path)
    assert python == cli_verdicts(test, table, rounding, mode)
