"""Rust (CLI), Python and R give identical p checks on the same corpus:
the same recomputed p-values to the last bit, verdicts and reasons."""

import csv
import os
import subprocess
from pathlib import Path

import ferrox
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "testdata" / "reference" / "apa_corpus.csv"
CLI = Path(os.environ.get("FERROX_CLI", ROOT / "target" / "release" / "ferrox"))
FLOATS = ("computed_p", "computed_p_low", "computed_p_high")
FLAGS = ("consistency", "decision_error", "one_tailed_possible")


def normalised(rows):
    """Each row as (floats, flags, reason), read from any door's text."""
    return [
        (
            tuple(float(r[k]) for k in FLOATS),
            tuple(str(r[k]).upper() for k in FLAGS),
            r["reason"],
        )
        for r in rows
    ]


@pytest.mark.parametrize("one_tailed,truncation", [(False, False), (True, True)])
def test_three_front_doors_agree(one_tailed, truncation, tmp_path):
    corpus = pd.read_csv(CORPUS, dtype=str)
    python = ferrox.p_map(corpus, one_tailed=one_tailed, p_truncation=truncation)
    python_rows = normalised(python.to_dict("records"))
    assert len(python_rows) == 5000

    output = tmp_path / "r.csv"
    script = str(Path(__file__).with_name("pcheck.R"))
    flags = [str(one_tailed).upper(), str(truncation).upper()]
    subprocess.run(["Rscript", script, str(CORPUS), str(output), *flags], check=True)
    with open(output, newline="", encoding="utf-8") as f:
        assert normalised(csv.DictReader(f)) == python_rows

    assert CLI.exists(), f"the CLI is not built at {CLI}"
    args = [str(CLI), "check", str(CORPUS), "--format", "csv"]
    args += ["--one-tailed"] * one_tailed + ["--p-truncation"] * truncation
    run = subprocess.run(args, check=True, capture_output=True, text=True, encoding="utf-8")
    assert normalised(csv.DictReader(run.stdout.splitlines())) == python_rows
