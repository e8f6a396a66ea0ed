"""Nearby values and unknown group sizes: R scrutiny's outputs replayed."""

import math

import ferrox
import pandas as pd
import polars as pl
import pytest
from conftest import reference_rows
from hypothesis import given, settings
from hypothesis import strategies as st

OUTPUTS = reference_rows("seq_outputs.csv")
INPUTS = reference_rows("seq_inputs.csv")


def inputs(table: str) -> pd.DataFrame:
    rows = [{k: v for k, v in r.items() if v != "" and k != "table"} for r in INPUTS]
    frame = pd.DataFrame(
        [r for r, full in zip(rows, INPUTS, strict=True) if full["table"] == table]
    )
    frame["n"] = frame["n"].astype(int)
    return frame


def expected(table: str, columns: list[str]) -> list[list[str]]:
    return [[r[c] for c in columns] for r in OUTPUTS if r["table"] == table]


def shown(frame: pd.DataFrame, columns: list[str]) -> list[list[str]]:
    def text(v) -> str:
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
            return "NA"
        if isinstance(v, bool):
            return "TRUE" if v else "FALSE"
        return str(v)

    return [[text(v) for v in row] for row in frame[columns].astype(object).values.tolist()]


SEQ = {
    "grim": (ferrox.grim_map_seq, ["x", "n"]),
    "grimmer": (ferrox.grimmer_map_seq, ["x", "sd", "n"]),
    "debit": (ferrox.debit_map_seq, ["x", "sd", "n"]),
}


@pytest.mark.parametrize("test", SEQ)
def test_map_seq_and_audit_seq_replay_scrutiny(test):
    function, reported = SEQ[test]
    out = function(inputs(test), compat="scrutiny")
    columns = [*reported, "consistency", "diff_var", "case", "var"]
    assert shown(out, columns) == expected(f"{test}_map_seq", columns)
    audit = ferrox.audit_seq(out)
    summary = [*reported, "consistency", "hits_total"]
    summary += [f"hits_{v}" for v in reported]
    summary += [f"diff_{v}{s}" for v in reported for s in ("", "_up", "_down")]
    assert shown(audit, summary) == expected(f"{test}_audit_seq", summary)


def test_map_seq_options_replay_scrutiny():
    out = ferrox.grim_map_seq(
        inputs("grim"), var=["n"], dispersion=[1, 2, 3], include_consistent=True
    )
    columns = ["x", "n", "consistency", "diff_var", "case", "var"]
    assert shown(out, columns) == expected("grim_map_seq_n", columns)


TOTAL = {
    "grim": (ferrox.grim_map_total_n, ["x"]),
    "grimmer": (ferrox.grimmer_map_total_n, ["x", "sd"]),
    "debit": (ferrox.debit_map_total_n, ["x", "sd"]),
}


@pytest.mark.parametrize("test", TOTAL)
def test_map_total_n_and_its_audit_replay_scrutiny(test):
    function, reported = TOTAL[test]
    out = function(inputs(f"{test}_total"), compat="scrutiny")
    columns = [*reported, "n", "n_change", "consistency", "both_consistent", "case", "dir"]
    assert shown(out, columns) == expected(f"{test}_map_total_n", columns)
    audit = ferrox.audit_total_n(out)
    groups = [f"{v}{g}" for v in reported for g in ("1", "2")]
    counts = ["n", "hits_total", "hits_forth", "hits_back", "scenarios_total"]
    assert shown(audit, groups + counts) == expected(f"{test}_audit_total_n", groups + counts)
    rates = [float(r) for (r,) in expected(f"{test}_audit_total_n", ["hit_rate"])]
    assert audit["hit_rate"].tolist() == pytest.approx(rates, rel=1e-12)


def test_disperse_total_replays_scrutiny():
    assert shown(ferrox.disperse_total(41), ["n", "n_change"]) == expected(
        "disperse_total_41", ["n", "n_change"]
    )
    limited = ferrox.disperse_total(40, dispersion=range(4), n_min=19, n_max=22)
    assert shown(limited, ["n", "n_change"]) == expected("disperse_total_40", ["n", "n_change"])


def test_polars_in_polars_out():
    table = pl.DataFrame({"x": ["5.19"], "n": [28]})
    out = ferrox.grim_map_seq(table, dispersion=[1])
    assert isinstance(out, pl.DataFrame)
    assert out["case_consistency"].to_list() == [False] * 4
    audit = ferrox.audit_seq(out)
    assert audit["diff_n"].to_list() == [1]
    total = ferrox.grim_map_total_n(pl.DataFrame({"x1": ["3.43"], "x2": ["5.28"], "n": [70]}))
    assert ferrox.audit_total_n(total)["scenarios_total"].to_list() == [12]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ferrox.grim_map_seq(pd.DataFrame({"x": ["5.19"], "n": [28]}), var=["sd"]), "var"),
        (
            lambda: ferrox.grim_map_seq(
                pd.DataFrame({"x": ["5.19"], "n": [28]}), dispersion=[1, 1]
            ),
            "distinct",
        ),
        (lambda: ferrox.disperse_total(1), "at least 2"),
        (lambda: ferrox.disperse_total(40, n_min=-1), "n_min"),
        (
            lambda: ferrox.audit_total_n(
                pd.DataFrame({"case": [1], "dir": ["forth"], "consistency": [True], "n": [3]})
            ),
            "pairs",
        ),
    ],
)
def test_bad_input_is_a_clear_error(call, message):
    with pytest.raises(ferrox.InvalidInputError, match=message):
        call()


def test_seq_plot_marks_each_variant_and_report():
    import matplotlib

    matplotlib.use("Agg")
    df = pd.DataFrame({"x": ["5.19", "3.27"], "n": [28, 33]})
    seq = ferrox.grim_map_seq(df)
    fig = ferrox.seq_plot(seq)
    assert [a.get_title() for a in fig.axes] == ["x", "n"]
    for ax, name in zip(fig.axes, ["x", "n"], strict=True):
        rows = seq[seq["var"] == name]
        consistent, inconsistent, reported = (len(c.get_offsets()) for c in ax.collections)
        assert consistent == int(rows["consistency"].sum())
        assert inconsistent == int((~rows["consistency"]).sum())
        assert reported == rows["case"].nunique()
    frame = pl.DataFrame({"x": ["5.19", "3.27"], "n": [28, 33]})
    polars = ferrox.seq_plot(ferrox.grim_map_seq(frame))
    assert len(polars.axes) == 2


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 999), st.integers(1, 3), st.integers(1, 300), st.integers(2, 200)),
        min_size=1,
        max_size=8,
    )
)
def test_map_seq_at_dispersion_zero_is_the_map(cases):
    """Property: step 0 of every report is the report, with the *_map verdict."""
    x = [f"{m / 10**d:.{d}f}" for m, d, _, _ in cases]
    sd = [f"{s / 100:.2f}" for _, _, s, _ in cases]
    df = pd.DataFrame({"x": x, "sd": sd, "n": [n for *_, n in cases]})
    for map_seq, plain, names in (
        (ferrox.grim_map_seq, ferrox.grim_map, ("x", "n")),
        (ferrox.grimmer_map_seq, ferrox.grimmer_map, ("x", "sd", "n")),
    ):
        table = df[list(names)]
        seq = map_seq(table, dispersion=[0], include_consistent=True, out_min=None)
        verdicts = plain(table)["consistency"].tolist()
        for var in names:
            rows = seq[seq["var"] == var]
            assert rows["case"].tolist() == list(range(1, len(df) + 1))
            assert rows["diff_var"].tolist() == [0] * len(df)
            assert rows["consistency"].tolist() == verdicts
            assert rows["x"].tolist() == x


def test_a_consistent_case_gives_an_empty_table_without_warnings():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = ferrox.debit_map_seq(pd.DataFrame({"x": ["0.53"], "sd": ["0.50"], "n": [100]}))
    assert len(out) == 0
