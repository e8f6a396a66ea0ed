"""Rust (CLI), Python and R give identical GRIM verdicts on the same table."""

import csv
import io
import os
import random
import subprocess
from collections import defaultdict
from pathlib import Path

import ferrox
import pandas as pd
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
        out.update((i, v) for (i, _), v in zip(members, verdicts, strict=True))
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


def sprite_cases():
    """The reference CLOSURE cases, five samples each, and restricted and
    heuristic cases."""
    table = ROOT / "testdata" / "reference" / "closure_counts.csv"
    with open(table, newline="", encoding="utf-8") as f:
        reference = list(csv.DictReader(f))
    base = {"items": "1", "exact": "", "minimum": "", "method": "uniform", "replace": "false"}
    cases = [
        {
            **base,
            **{k: r[k] for k in ("mean", "sd", "n", "scale_min", "scale_max")},
            "error_mean": r["rounding_error_mean"],
            "error_sd": r["rounding_error_sd"],
            "seed": str(i),
            "n_samples": "5",
        }
        for i, r in enumerate(reference)
    ]
    plain = {**base, "error_mean": "", "error_sd": "", "n_samples": "25"}
    cases += [
        {**plain, "mean": "3.5", "sd": "1.2", "n": "50", "scale_min": "1", "scale_max": "7",
         "seed": "7", "replace": "true"},
        {**plain, "mean": "3.5", "sd": "1.9", "n": "20", "scale_min": "1", "scale_max": "7",
         "seed": "8", "exact": "4=3", "minimum": "2=2"},
        {**plain, "mean": "2.45", "sd": "0.93", "n": "30", "scale_min": "1", "scale_max": "5",
         "seed": "9", "items": "2", "minimum": "range"},
        {**plain, "mean": "5.5", "sd": "2.1", "n": "200", "scale_min": "1", "scale_max": "10",
         "seed": "10", "method": "sprite"},
        {**plain, "mean": "3.5", "sd": "1.9", "n": "20", "scale_min": "1", "scale_max": "7",
         "seed": "11", "method": "sprite", "exact": "4=3", "minimum": "range"},
        {**plain, "mean": "3.5", "sd": "1.2", "n": "50", "scale_min": "1", "scale_max": "7",
         "seed": "12", "method": "chain"},
        {**plain, "mean": "3.21", "sd": "1.43", "n": "2000", "scale_min": "1", "scale_max": "7",
         "seed": "13", "n_samples": "5"},
    ]  # fmt: skip
    return cases


def python_sprite(case):
    def counts(text):
        if text == "range":
            return text
        return (
            {float(v): int(c) for v, c in (p.split("=") for p in text.split(";"))} if text else None
        )

    drawn = ferrox.sprite(
        case["mean"],
        case["sd"],
        int(case["n"]),
        int(case["scale_min"]),
        int(case["scale_max"]),
        items=int(case["items"]),
        restrictions_exact=counts(case["exact"]),
        restrictions_minimum=counts(case["minimum"]),
        n_samples=int(case["n_samples"]),
        seed=int(case["seed"]),
        method=case["method"],
        replace=case["replace"] == "true",
        rounding_error_mean=case["error_mean"] or None,
        rounding_error_sd=case["error_sd"] or None,
    )
    return [" ".join(map(str, row)) for row in drawn.frequencies]


def cli_sprite(case):
    args = [str(CLI), "sprite", "--format", "csv", "--mean", case["mean"], "--sd", case["sd"]]
    args += ["--n", case["n"], "--min", case["scale_min"], "--max", case["scale_max"]]
    args += ["--items", case["items"], "--samples", case["n_samples"], "--seed", case["seed"]]
    args += ["--method", case["method"]] + ["--replace"] * (case["replace"] == "true")
    if case["error_mean"]:
        args += ["--error-mean", case["error_mean"], "--error-sd", case["error_sd"]]
    for flag, text in (("--exact", case["exact"]), ("--at-least", case["minimum"])):
        if text == "range":
            args.append("--range")
        elif text:
            for pair in text.split(";"):
                args += [flag, pair]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return [" ".join(row) for row in csv.reader(out.splitlines()[1:])]


def test_sprite_samples_agree(tmp_path):
    cases = sprite_cases()
    python = [python_sprite(case) for case in cases]
    assert sum(map(len, python)) > 100 and all(python[-5:])
    table = tmp_path / "sprite-cases.csv"
    with open(table, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(cases[0]))
        writer.writeheader()
        writer.writerows(cases)
    output = tmp_path / "r-sprite.csv"
    script = str(Path(__file__).with_name("sprite.R"))
    subprocess.run(["Rscript", script, str(table), str(output)], check=True)
    r = [[] for _ in cases]
    with open(output, newline="") as f:
        for row in csv.DictReader(f):
            r[int(row["case"])].append(row["sample"])
    assert r == python
    assert [cli_sprite(case) for case in cases] == python


def test_closure_streams_agree(tmp_path):
    """closure_write, closure_batches and closure_summary's distribution:
    the same samples and counts from R, Python and the CLI."""
    case = ("3.5", "1.2", 50, 0, 7)
    errors = {"rounding_error_mean": "0.05", "rounding_error_sd": "0.005"}
    written = tmp_path / "py-written.csv"
    assert ferrox.closure_write(*case, written, **errors) == 7980
    r_written, r_batches, r_distribution = (tmp_path / f"r-{n}.csv" for n in range(3))
    script = str(Path(__file__).with_name("closure_stream.R"))
    subprocess.run(["Rscript", script, r_written, r_batches, r_distribution], check=True)
    cli_written = tmp_path / "cli-written.csv"
    args = [str(CLI), "closure", "--mean", "3.5", "--sd", "1.2", "--n", "50", "--min", "0"]
    args += ["--max", "7", "--error-mean", "0.05", "--error-sd", "0.005", "--out", cli_written]
    subprocess.run(args, check=True, capture_output=True)
    text = written.read_text()
    assert r_written.read_text() == text == cli_written.read_text()
    rows = text.splitlines()[1:]
    batches = [
        ",".join(map(str, row)) for b in ferrox.closure_batches(*case, **errors) for row in b
    ]
    assert batches == rows
    with open(r_batches, newline="") as f:
        assert [",".join(r) for r in list(csv.reader(f))[1:]] == rows
    summary = ferrox.closure_summary(*case, **errors)
    python = [
        f"{value:g},{c},{samples}"
        for value, dist in zip(summary.table["value"], summary.distribution, strict=True)
        for c, samples in enumerate(dist)
    ]
    assert r_distribution.read_text().splitlines()[1:] == python


def test_count_estimates_agree():
    """Where samples are too many to count, every door gives the same
    seeded estimate of their number."""
    python = str(ferrox.closure_summary("34.2", "8.1", 150, 18, 80).count_estimate)
    assert python.startswith("about ")
    code = 'cat(ferrox::closure_summary("34.2", "8.1", 150, 18, 80)$count_estimate$text)'
    r = subprocess.run(["Rscript", "-e", code], check=True, capture_output=True, text=True)
    args = [str(CLI), "closure", "--mean", "34.2", "--sd", "8.1", "--n", "150"]
    cli = subprocess.run([*args, "--min", "18", "--max", "80"], check=True, capture_output=True)
    assert r.stdout == python
    assert f"too many samples to count, {python};" in cli.stdout.decode()


def test_rounding_toolbox_commands_agree_with_python():
    """`ferrox unround`, `reround` and `sd-bounds` give Python's answers."""
    rng = random.Random(20261201)
    xs = [f"{rng.uniform(-50, 50):.{rng.randint(1, 4)}f}" for _ in range(40)]

    def cli_csv(*args):
        out = subprocess.run([str(CLI), *args, "--format", "csv"], check=True, capture_output=True)
        return list(csv.DictReader(io.StringIO(out.stdout.decode())))

    for rounding in ("up_or_down", "even", "trunc"):
        rows = cli_csv("unround", *xs, "--rounding", rounding)
        frame = ferrox.unround(xs, rounding=rounding)
        assert [r["range"] for r in rows] == list(frame["range"])
        assert [float(r["lower"]) for r in rows] == list(frame["lower"])
        assert [float(r["upper"]) for r in rows] == list(frame["upper"])
        rows = cli_csv("reround", *xs, "--digits", "1", "--rounding", rounding)
        cli = [float(v) for r in rows for k, v in r.items() if k != "x"]
        assert cli == list(ferrox.reround(xs, 1, rounding=rounding))
    for _ in range(10):
        mean, sd = f"{rng.uniform(1.2, 6.8):.2f}", f"{rng.uniform(0.1, 3):.2f}"
        n = rng.randint(3, 80)
        case = ["--mean", mean, "--sd", sd, "--n", str(n), "--min", "1", "--max", "7"]
        [row] = cli_csv("sd-bounds", *case)
        frame = ferrox.sd_bounds(mean, n, 1, 7, sd=sd)
        for end in ("sd_min", "sd_max"):
            assert repr(float(row[end])) == repr(float(frame[end][0]))
        consistency = frame["consistency"][0]
        assert row["consistency"] == ("" if consistency is None else str(consistency).lower())


def test_duplicates_command_agrees_with_python(tmp_path):
    """`ferrox duplicates` gives Python's tables and audits, on the
    reference tables replayed against scrutiny."""
    tables: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    with open(ROOT / "testdata" / "reference" / "duplicate_inputs.csv", newline="") as f:
        for row in csv.DictReader(f):
            tables[row["table"]][row["column"]].append(row["value"])
    functions = {
        "count": ferrox.duplicate_count,
        "tally": ferrox.duplicate_tally,
        "colpair": ferrox.duplicate_count_colpair,
    }
    for name, columns in tables.items():
        path = tmp_path / f"{name}.csv"
        pd.DataFrame(columns).to_csv(path, index=False)
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=["NA"])
        for kind, function in functions.items():
            table = function(frame)
            for audit in (False, True):
                args = [str(CLI), "duplicates", str(path), "--kind", kind, "--format", "csv"]
                out = subprocess.run(
                    [*args, *(["--audit"] if audit else [])], check=False, capture_output=True
                )
                assert out.returncode == 0, out.stderr
                cli = list(csv.reader(io.StringIO(out.stdout.decode())))
                expected = ferrox.audit(table) if audit else table
                assert cli[0] == list(expected.columns), (name, kind)
                assert [[cell(v) for v in row] for row in cli[1:]] == [
                    [cell(v) for v in row] for row in expected.astype(object).values.tolist()
                ], (name, kind, audit)


def cell(value) -> str:
    """A cell as the CLI and pandas both mean it: numbers as doubles,
    missing as NA."""
    if value is None or value is pd.NA or value in ("NA", "NaN"):
        return "NA"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return "NA" if number != number else repr(number)
