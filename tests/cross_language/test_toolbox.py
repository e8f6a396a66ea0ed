"""Python and R give the same answers, to the last bit, for the scrutiny
toolbox: rounding, SD bounds, nearby values, unknown group sizes,
duplicates, parentheses, sequences and Carlisle's test."""

import csv
import random
import subprocess
from pathlib import Path

import ferrox
import pandas as pd


def text(value) -> str:
    if value is None or value is pd.NA:
        return "NA"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return "NA" if value != value else repr(value)
    return str(value)


def python(frame: pd.DataFrame) -> list[list[str]]:
    return [[text(v) for v in row] for row in frame.astype(object).values.tolist()]


def doubles(rows: list[list[str]]) -> list[list[str]]:
    """Every number as the double it reads as."""

    def cell(value: str) -> str:
        try:
            return repr(float(value)) if value not in ("NA", "TRUE", "FALSE") else value
        except ValueError:
            return value

    return [[cell(v) for v in row] for row in rows]


def r(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    return [["NA" if v == "NaN" else v for v in row] for row in rows]


def tables(rng: random.Random) -> dict[str, pd.DataFrame]:
    values = pd.DataFrame(
        {
            "x": [f"{rng.uniform(-50, 50):.{rng.randint(1, 4)}f}" for _ in range(60)],
            "digits": [rng.randint(0, 2) for _ in range(60)],
            "report": [f"{rng.uniform(0, 9):.{rng.randint(0, 3)}f}" for _ in range(60)],
        }
    )
    means = pd.DataFrame(
        [
            {
                "x": f"{rng.uniform(1, 7):.2f}",
                "sd": f"{rng.uniform(0.2, 2.5):.2f}",
                "n": rng.randint(5, 60),
                "items": rng.choice([1, 1, 2]),
            }
            for _ in range(40)
        ]
    )
    rows = []
    for t in range(12):
        for v in range(3):
            for g in "AB":
                rows.append(
                    {
                        "trial": f"T{t}",
                        "variable": f"v{v}",
                        "group": g,
                        "n": rng.randint(20, 60),
                        "mean": f"{rng.uniform(20, 30):.1f}",
                        "sd": f"{rng.uniform(3, 6):.1f}",
                    }
                )
    totals = pd.DataFrame(
        [
            {
                "x1": f"{rng.uniform(1, 7):.2f}",
                "x2": f"{rng.uniform(1, 7):.2f}",
                "sd1": f"{rng.uniform(0.5, 2):.2f}",
                "sd2": f"{rng.uniform(0.5, 2):.2f}",
                "n": rng.randint(20, 80),
            }
            for _ in range(12)
        ]
    )
    cell = lambda: rng.choice([None, *(f"{rng.randint(0, 12) / 4:.2f}" for _ in range(3))])  # noqa: E731
    cells = pd.DataFrame({c: [cell() for _ in range(30)] for c in "abc"})
    pair = lambda: f"{rng.uniform(0, 9):.{rng.randint(0, 2)}f} ({rng.uniform(0, 3):.2f})"  # noqa: E731
    parens = pd.DataFrame({"a": [pair() for _ in range(20)], "b": [pair() for _ in range(20)]})
    sequences = []
    for i in range(30):
        start, step, length = rng.randint(0, 9), rng.choice([-2, -1, 1, 2, 3]), rng.randint(3, 7)
        steps = [str(start + step * k) for k in range(length)]
        if rng.random() < 0.4:
            steps[rng.randrange(length)] = None
        if rng.random() < 0.3:
            steps[rng.randrange(length)] = str(rng.randint(0, 20))
        sequences += [{"id": f"s{i:02d}", "value": v} for v in steps]
    return {
        "values": values,
        "means": means,
        "baseline": pd.DataFrame(rows),
        "totals": totals,
        "cells": cells,
        "parens": parens,
        "sequences": pd.DataFrame(sequences),
    }


def test_python_and_r_agree(tmp_path):
    inputs = tables(random.Random(20261201))
    for name, frame in inputs.items():
        frame.to_csv(tmp_path / f"{name}.csv", index=False)
    out = tmp_path / "r"
    out.mkdir()
    script = str(Path(__file__).with_name("toolbox.R"))
    subprocess.run(["Rscript", script, str(tmp_path), str(out)], check=True)

    check_toolbox(inputs, out)
    check_tables(inputs, out)


def check_toolbox(inputs: dict[str, pd.DataFrame], out: Path) -> None:
    values, means = inputs["values"], inputs["means"]
    rerounded = ferrox.reround(values["x"].tolist(), values["digits"].to_numpy(), rounding="up")
    assert doubles(python(pd.DataFrame({"v": rerounded}))) == doubles(r(out / "reround.csv"))
    unrounded = ferrox.unround(values["report"].tolist(), rounding="even")
    assert doubles(python(unrounded[["range", "lower", "upper"]])) == doubles(
        r(out / "unround.csv")
    )
    fraction = ferrox.reround_to_fraction(values["x"].tolist(), 3, digits=2, rounding="down")
    assert doubles(python(pd.DataFrame({"v": fraction}))) == doubles(r(out / "fraction.csv"))

    bounds = ferrox.sd_bounds_map(means, 1, 7)[["sd_min", "sd_max", "consistency"]]
    assert doubles(python(bounds)) == doubles(r(out / "bounds.csv"))
    audit = ferrox.audit_seq(ferrox.grimmer_map_seq(means[["x", "sd", "n"]], dispersion=[1, 2]))
    assert doubles(python(audit)) == doubles(r(out / "audit_seq.csv"))
    assert audit["hits_total"].sum() > 0

    result = ferrox.carlisle(inputs["baseline"], seed=9)
    variables = result.variables[["p", "p_min", "p_max", "p_drawn"]]
    assert doubles(python(variables)) == doubles(r(out / "carlisle_variables.csv"))
    trials = result.trials[["stouffer_p", "fisher_p"]]
    assert doubles(python(trials)) == doubles(r(out / "carlisle_trials.csv"))


def check_tables(inputs: dict[str, pd.DataFrame], out: Path) -> None:
    """Unknown group sizes, duplicates, parentheses and sequences."""
    total_n = ferrox.grimmer_map_total_n(inputs["totals"], dispersion=[0, 1, 2, 3])
    columns = ["x", "sd", "n", "n_change", "consistency", "both_consistent", "case", "dir"]
    assert doubles(python(total_n[columns])) == doubles(r(out / "total_n.csv"))
    assert doubles(python(ferrox.audit_total_n(total_n))) == doubles(r(out / "audit_total_n.csv"))
    cells = inputs["cells"]
    for function, name in (
        (ferrox.duplicate_count, "duplicate_count"),
        (ferrox.duplicate_count_colpair, "duplicate_colpair"),
        (ferrox.duplicate_tally, "duplicate_tally"),
    ):
        table = function(cells)
        assert doubles(python(table)) == doubles(r(out / f"{name}.csv")), name
        assert doubles(python(ferrox.audit(table))) == doubles(r(out / f"audit_{name}.csv"))
    parens = inputs["parens"]
    assert python(ferrox.split_by_parens(parens)) == r(out / "split_by_parens.csv")
    split = pd.DataFrame(
        {"b": ferrox.before_parens(parens["a"].tolist()), "i": ferrox.inside_parens(parens["a"])}
    )
    assert python(split) == r(out / "parens.csv")
    verdicts = []
    for _, group in inputs["sequences"].groupby("id", sort=True):
        v = [None if x is None else float(x) for x in group["value"]]
        verdicts.append(
            [
                ferrox.is_seq_linear(v),
                ferrox.is_seq_ascending(v),
                ferrox.is_seq_descending(v),
                ferrox.is_seq_dispersed(v, 5),
            ]
        )
    assert python(pd.DataFrame(verdicts)) == r(out / "is_seq.csv")
    assert {text(v) for row in verdicts for v in row} == {"TRUE", "FALSE", "NA"}
