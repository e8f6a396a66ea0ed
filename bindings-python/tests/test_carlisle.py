"""Carlisle's test of baseline tables: known p-values, simulated honest and
fabricated trials, frames and errors."""

import ferrox
import numpy as np
import pandas as pd
import polars as pl
import pytest


def simulated(trials: int, fabricate: bool, seed: int = 2026) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for t in range(trials):
        n = int(rng.integers(30, 80))
        for v, (mu, sigma) in enumerate([(10, 1), (20, 2), (30, 3), (40, 4)]):
            a = rng.normal(mu, sigma, n)
            b = rng.normal(mu, sigma, n)
            summaries = [(a.mean(), a.std(ddof=1)), (b.mean(), b.std(ddof=1))]
            if fabricate:
                summaries[1] = (summaries[0][0] + 0.02 * sigma * rng.normal(), summaries[0][1])
            for group, (m, s) in zip("AB", summaries, strict=True):
                rows.append((f"T{t}", f"v{v}", group, n, f"{m:.2f}", f"{s:.2f}"))
    return pd.DataFrame(rows, columns=["trial", "variable", "group", "n", "mean", "sd"])


# (means, SDs, ns) of each variable, and the p-value R gives: the pooled
# t-test for two groups, one-way ANOVA (pf) for three.
KNOWN = [
    (("54.2", "55.9"), ("9.1", "8.7"), (50, 50), 0.342020524436143),
    (("10.13", "9.87"), ("1.02", "0.95"), (31, 29), 0.312034608208432),
    (("120.5", "118.1"), ("15.2", "14.8"), (64, 66), 0.363409046672567),
    (("5.2", "5.9", "6.4"), ("1.1", "1.3", "1.2"), (20, 25, 22), 0.00826064953974039),
]


def test_p_values_match_r():
    rows = [
        (f"T{i}", "x", f"G{g}", n, m, s)
        for i, (means, sds, ns, _) in enumerate(KNOWN)
        for g, (m, s, n) in enumerate(zip(means, sds, ns, strict=True))
    ]
    table = pd.DataFrame(rows, columns=["trial", "variable", "group", "n", "mean", "sd"])
    out = ferrox.carlisle(table).variables
    assert out["p"].tolist() == pytest.approx([k[3] for k in KNOWN], rel=1e-12)
    assert (out["p_min"] <= out["p"]).all() and (out["p"] <= out["p_max"]).all()


def test_honest_trials_look_random_and_fabricated_ones_do_not():
    honest = ferrox.carlisle(simulated(1000, False)).uniformity
    assert honest["ks_p"][1] > 0.001 and abs(honest["auc"][1] - 0.5) < 0.05
    fabricated = ferrox.carlisle(simulated(1000, True)).uniformity
    assert fabricated["ks_p"][1] < 1e-12 and fabricated["auc"][1] > 0.9


def test_counts_and_levels():
    table = pd.DataFrame(
        {
            "trial": "T1",
            "variable": "smoker",
            "group": ["A", "A", "A", "B", "B", "B"],
            "level": ["never", "former", "current"] * 2,
            "n": [60] * 6,
            "count": [30, 20, 10, 25, 20, 15],
        }
    )
    row = ferrox.carlisle(table).variables.iloc[0]
    # R: chisq.test(matrix(c(30, 25, 20, 20, 10, 15), 2), correct = FALSE)
    assert row["method"] == "chisq" and row["p"] == pytest.approx(0.483225081189825, rel=1e-12)


def test_same_seed_same_draws_and_polars():
    table = simulated(5, False)
    first, second = ferrox.carlisle(table, seed=3), ferrox.carlisle(table, seed=3)
    assert first.variables["p_drawn"].tolist() == second.variables["p_drawn"].tolist()
    other = ferrox.carlisle(table, seed=4).variables["p_drawn"].tolist()
    assert other != first.variables["p_drawn"].tolist()
    out = ferrox.carlisle(pl.DataFrame(table.to_dict("list")))
    assert isinstance(out.trials, pl.DataFrame) and out.trials.height == 5
    assert "KS D" in repr(out)


def two(**columns) -> pd.DataFrame:
    return pd.DataFrame({"trial": "T", "variable": "x", "group": ["A", "B"], "n": 5, **columns})


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (two(mean=["1", "2"], sd=["1", "1"]).iloc[:1], "two groups"),
        (two(), "neither"),
        (two(count=[6, 1]), "more than"),
        (two(mean=["1", "x"], sd=["1", "1"]), "row 2"),
        (pd.DataFrame({"variable": ["x"], "group": ["A"], "n": [5]}), "trial"),
    ],
)
def test_bad_tables_are_clear_errors(table, message):
    with pytest.raises(ferrox.InvalidInputError, match=message):
        ferrox.carlisle(table)
