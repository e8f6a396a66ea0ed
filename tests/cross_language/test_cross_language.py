"""Rust (CLI), Python and R give identical GRIM verdicts on the same table."""

import csv
import os
import subprocess
from collections import defaultdict
from pathlib import Path

import ferrox
import pytest

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "testdata" / "reference" / "grim_examples.csv"
CLI = Path(os.environ.get("FERROX_CLI", ROOT / "target" / "release" / "ferrox"))
SETTINGS = ("percent", "rounding", "threshold", "symmetric")


def rows():
    with open(TABLE, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def python_verdicts(mode):
    out = []
    for row in rows():
        try:
            verdict = ferrox.grim(
                row["x"],
                int(row["n"]),
                items=int(row["items"]),
                percent=row["percent"] == "TRUE",
                rounding=row["rounding"],
                threshold=float(row["threshold"]),
                symmetric=row["symmetric"] == "TRUE",
                compat=mode if mode == "scrutiny" else None,
            )
            out.append(str(verdict).upper())
        except ferrox.FerroxError:
            out.append("ERROR")
    return out


def r_verdicts(mode, tmp_path):
    output = tmp_path / f"r-{mode}.csv"
    subprocess.run(
        [
            "Rscript",
            str(Path(__file__).with_name("grim.R")),
            str(TABLE),
            mode,
            str(output),
        ],
        check=True,
    )
    with open(output, newline="") as f:
        return [r["verdict"] for r in csv.DictReader(f)]


def cli_verdicts(mode, tmp_path):
    """The CLI takes one setting per run: group the rows by their settings."""
    assert CLI.exists(), f"the CLI is not built at {CLI}"
    groups = defaultdict(list)
    for i, row in enumerate(rows()):
        groups[tuple(row[k] for k in SETTINGS)].append((i, row))
    out = {}
    for (percent, rounding, threshold, symmetric), members in groups.items():
        table = tmp_path / "group.csv"
        with open(table, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["x", "n", "items"])
            writer.writerows([r["x"], r["n"], r["items"]] for _, r in members)
        args = [
            str(CLI),
            "check",
            str(table),
            "--format",
            "csv",
            "--rounding",
            rounding,
        ]
        args += ["--threshold", threshold]
        args += ["--percent"] * (percent == "TRUE") + ["--symmetric"] * (symmetric == "TRUE")
        args += ["--compat", "scrutiny"] * (mode == "scrutiny")
        run = subprocess.run(args, check=False, capture_output=True, text=True)
        if run.returncode != 0:
            assert "error" in run.stderr, run.stderr
            out.update((i, "ERROR") for i, _ in members)
            continue
        verdicts = [r["consistency"].upper() for r in csv.DictReader(run.stdout.splitlines())]
        out.update((i, v) for (i, _), v in zip(members, verdicts))
    return [out[i] for i in range(len(out))]


@pytest.mark.parametrize("mode", ["exact", "scrutiny"])
def test_three_front_doors_agree(mode, tmp_path):
    python = python_verdicts(mode)
    assert len(python) > 100
    assert python == r_verdicts(mode, tmp_path)
    assert python == cli_verdicts(mode, tmp_path)


def test_compat_mode_reproduces_the_reference():
    expected = ["ERROR" if r["note"].startswith("ERROR") else r["consistency"] for r in rows()]
    assert python_verdicts("scrutiny") == expected


def test_closure_counts_agree(tmp_path):
    table = ROOT / "testdata" / "reference" / "closure_counts.csv"
    with open(table, newline="", encoding="utf-8") as f:
        cases = list(csv.DictReader(f))
    python = [
        str(
            ferrox.closure_count(
                r["mean"],
                r["sd"],
                int(r["n"]),
                int(r["scale_min"]),
                int(r["scale_max"]),
                rounding_error_mean=r["rounding_error_mean"],
                rounding_error_sd=r["rounding_error_sd"],
            )
        )
        for r in cases
    ]
    assert python == [r["count"] for r in cases]
    output = tmp_path / "r-closure.csv"
    script = str(Path(__file__).with_name("closure.R"))
    subprocess.run(["Rscript", script, str(table), str(output)], check=True)
    with open(output, newline="") as f:
        assert [r["count"] for r in csv.DictReader(f)] == python
    cli = []
    for r in cases:
        args = [str(CLI), "closure", "--count", "--mean", r["mean"], "--sd", r["sd"]]
        args += ["--n", r["n"], "--min", r["scale_min"], "--max", r["scale_max"]]
        args += ["--error-mean", r["rounding_error_mean"], "--error-sd", r["rounding_error_sd"]]
        cli.append(subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip())
    assert cli == python
