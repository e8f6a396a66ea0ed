"""Python and R give identical GRIM-U and t-from-summary verdicts, to the
last bit, on the same seeded tables."""

import csv
import random
import subprocess
from pathlib import Path

import ferrox
import pandas as pd

U_FIELDS = ("u_consistency", "p_consistency", "methods", "computed_p", "p_low", "p_high")
T_FIELDS = (
    "t_low",
    "t_high",
    "df_low",
    "df_high",
    "p_low",
    "p_high",
    "t_consistency",
    "p_consistency",
)


def tables():
    rng = random.Random(20261130)
    u = pd.DataFrame(
        [
            {
                "u": f"{rng.uniform(0, n1 * n2):.{rng.choice([0, 1])}f}",
                "n1": n1,
                "n2": n2,
                "p": rng.choice(["", f".{rng.randint(1, 99):02d}", "< .05"]),
            }
            for n1, n2 in ((rng.randint(2, 40), rng.randint(2, 40)) for _ in range(200))
        ]
    )
    rows = []
    for _ in range(200):
        test = rng.choice(["student", "welch", "one_sample", "paired"])
        two = test in ("student", "welch")
        rows.append(
            {
                "m1": f"{rng.uniform(1, 7):.2f}",
                "sd1": f"{rng.uniform(0.3, 2):.2f}",
                "n1": rng.randint(3, 80),
                "m2": f"{rng.uniform(1, 7):.2f}" if two else "",
                "sd2": f"{rng.uniform(0.3, 2):.2f}" if two else "",
                "n2": rng.randint(3, 80) if two else float("nan"),
                "test": test,
                "t": f"{rng.uniform(0, 5):.2f}",
                "p": rng.choice(["", f".{rng.randint(1, 99):02d}"]),
            }
        )
    return u, pd.DataFrame(rows)


def cells(value):
    """A cell as text that reads back to the same value in both languages."""
    if isinstance(value, bool) or value is None:
        return {True: "TRUE", False: "FALSE", None: "NA"}[value]
    if isinstance(value, float):
        return "NA" if value != value else repr(value)
    return str(value)


def python_rows(frame, fields):
    return [[cells(row[f]) for f in fields] for row in frame.to_dict("records")]


def r_rows(path, fields):
    """R's output, numbers read back from their 17 digits."""

    def cell(text):
        if text in ("TRUE", "FALSE", "NA"):
            return text
        try:
            return cells(float(text))
        except ValueError:
            return text

    with open(path, newline="", encoding="utf-8") as f:
        return [[cell(r[k]) for k in fields] for r in csv.DictReader(f)]


def test_python_and_r_agree(tmp_path):
    u, t = tables()
    u_in, t_in = tmp_path / "u.csv", tmp_path / "t.csv"
    u.to_csv(u_in, index=False)
    t.to_csv(t_in, index=False)
    python_u = ferrox.grim_u_map(u.replace({"p": {"": None}}))
    frame = t.replace({"m2": {"": None}, "sd2": {"": None}, "p": {"": None}})
    python_t = ferrox.t_from_summary_map(frame, test="test")
    u_out, t_out = tmp_path / "u-r.csv", tmp_path / "t-r.csv"
    script = str(Path(__file__).with_name("summaries.R"))
    subprocess.run(["Rscript", script, str(u_in), str(t_in), str(u_out), str(t_out)], check=True)
    assert python_rows(python_u, U_FIELDS) == r_rows(u_out, U_FIELDS)
    assert python_rows(python_t, T_FIELDS) == r_rows(t_out, T_FIELDS)
    assert python_u["u_consistency"].sum() not in (0, len(u))
