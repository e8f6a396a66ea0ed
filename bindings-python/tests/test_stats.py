import math

import ferrox
import numpy as np
import pandas as pd
import polars as pl
import pytest
from conftest import reference_rows
from hypothesis import given, settings
from hypothesis import strategies as st


def test_check_p_reads_a_result_or_its_parts():
    whole = ferrox.check_p("t(28) = 2.20, p = .03")
    parts = ferrox.check_p("t", "2.20", ".03", df1=28)
    assert whole == parts
    assert not whole.consistency and not whole.decision_error
    assert whole.computed_p_low < whole.computed_p < whole.computed_p_high
    assert "t(28) = 2.20" in whole.reason and "[0.025, 0.035]" in whole.reason
    assert ferrox.check_p("t", "2.20", ".04", df1=28).reason == "consistent"


def test_decision_errors_and_one_tailed_tests():
    assert ferrox.check_p("F(2, 57) = 1.20, p = .02").decision_error
    assert ferrox.check_p("t(28) = 2.20, p = .02").one_tailed_possible
    assert ferrox.check_p("t(28) = 2.20, p = .02", one_tailed=True).consistency
    assert ferrox.check_p("t(28) = 2.20, p = .03", p_truncation=True).consistency
    strict = ferrox.check_p("t(28) = 2.5, p = .05", p_equal_alpha_significant=False)
    assert strict.decision_error
    assert not ferrox.check_p("t(28) = 2.5, p = .05").decision_error


def test_tails_match_r_through_the_check():
    # A z of 1.96 reported exactly: p equals R's 2 * pnorm(-1.96).
    for row in reference_rows("tails.csv"):
        if row["dist"] == "z" and row["x"] == "1.96":
            expected = 2 * float(row["p"])
    got = ferrox.check_p("z", "1.96", ".05").computed_p
    assert got == pytest.approx(expected, rel=1e-13)


def test_bad_reports_are_typed_errors():
    with pytest.raises(ferrox.InvalidInputError, match="between -1 and 1"):
        ferrox.check_p("r(48) = 1.20, p = .02")
    with pytest.raises(ferrox.InvalidInputError, match="degrees of freedom"):
        ferrox.check_p("t", "2.2", ".03")
    with pytest.raises(ferrox.InvalidInputError, match="between 0 and 1"):
        ferrox.check_p("t", "2.2", "1.3", df1=10)
    with pytest.raises(ferrox.InvalidInputError, match="cannot read"):
        ferrox.check_p("the mean was 3.2")
    with pytest.raises(ferrox.InvalidInputError, match="alpha"):
        ferrox.check_p("t(28) = 2.20, p = .03", alpha=2)
    with pytest.raises(ferrox.InvalidInputError, match="unknown test"):
        ferrox.check_p("q2", "2.2", ".03", df1=10)


FRAME = {
    "test": ["t", "F", "chi2", "r", "z", "U"],
    "value": ["2.20", "1.20", "3.84", "-.32", "1.96", "23"],
    "df1": [28, 2, 1, 48, None, 10],
    "df2": [None, 57, None, None, None, 10],
    "p": [".04", ".02", "= .05", ".024", "< .05", ".045"],
}


@pytest.mark.parametrize("library", [pd, pl])
def test_p_map_on_pandas_and_polars(library):
    out = ferrox.p_map(library.DataFrame(FRAME))
    assert type(out) is type(library.DataFrame())
    assert list(out["consistency"]) == [True, False, True, True, True, True]
    assert list(out["decision_error"]) == [False, True, False, False, False, False]
    assert list(out.columns[-7:]) == list(ferrox._stats.P_COLUMNS)


def test_p_map_errors_name_the_row():
    frame = pd.DataFrame({**FRAME, "p": [".04", ".02", "= .05", "2", "< .05", ".045"]})
    with pytest.raises(ferrox.InvalidInputError, match="row 4"):
        ferrox.p_map(frame)


def test_p_map_reads_apa_strings():
    frame = pd.DataFrame({"result": ["t(28) = 2.20, p = .03", "χ²(2, N = 90) = 8.1, p = .017"]})
    out = ferrox.p_map(frame)
    assert list(out["test"]) == ["t", "chi2"]
    assert list(out["value"]) == ["2.20", "8.1"]
    assert list(out["consistency"]) == [False, True]
    assert math.isnan(out["df2"][0]) and out["df1"][1] == 2
    # The columns found are the same check as the parts given.
    parts = out[["test", "value", "df1", "df2", "p"]].astype({"test": str})
    again = ferrox.p_map(parts)
    assert list(again["computed_p"]) == list(out["computed_p"])


def test_check_text_finds_and_checks():
    text = (
        "As predicted, t(28) = 2.20, p = .03; "
        "but F(1, 28) = 4.84, p = .04, and z\u2009=\u20091.2, ns."
    )
    report = ferrox.check_text(text)
    assert list(report["text"]) == [
        "t(28) = 2.20, p = .03",
        "F(1, 28) = 4.84, p = .04",
        "z\u2009=\u20091.2, ns",
    ]
    for start, end, snippet in zip(report["start"], report["end"], report["text"], strict=True):
        assert text[start:end] == snippet
    assert list(report["consistency"]) == [False, True, True]
    assert len(ferrox.check_text("no results here", frame="polars")) == 0


def test_parse_result_and_find_results():
    parts = ferrox.parse_result("χ2(2, N = 90) = 8.10, p < .001")
    assert parts == {
        "test": "chi2",
        "df1": "2",
        "df2": None,
        "n": 90,
        "comparison": "=",
        "value": "8.10",
        "p_comparison": "<",
        "p": "0.001",
    }
    assert ferrox.parse_result("t(28) = 1.1, ns")["p_comparison"] == "ns"
    found = ferrox.find_results("é t(28) = 2.20, p = .03")
    assert (found[0]["start"], found[0]["end"]) == (2, 23)


def test_grim_u():
    assert not ferrox.grim_u("23.2", 10, 10).u_consistency
    v = ferrox.grim_u("23", 10, 10, p=".043", ties=False)
    assert v.u_consistency and v.p_consistency and v.methods == "exact"
    assert ferrox.grim_u("23", 10, 10).p_consistency is None
    with pytest.raises(ferrox.InvalidInputError, match="n1"):
        ferrox.grim_u("23", 0, 10)
    with pytest.raises(ferrox.InvalidInputError, match="U lies between"):
        ferrox.grim_u("101", 10, 10)


def test_t_from_summary():
    r = ferrox.t_from_summary("5.20", "1.10", 30, "4.50", "1.30", 30, t="2.25", p="< .05")
    assert (r.t_consistency, r.p_consistency) == (True, True)
    assert r.df_low == r.df_high == 58
    welch = ferrox.t_from_summary("5.20", "1.10", 30, "4.50", "1.30", 30, test="welch")
    assert welch.df_low < welch.df_high < 58 and welch.t_consistency is None
    one = ferrox.t_from_summary("5.5", "2.0", 25, test="one_sample", mu="5", t="1.3")
    assert one.t_consistency and one.df_low == 24
    with pytest.raises(ferrox.InvalidInputError, match="second group"):
        ferrox.t_from_summary("5.20", "1.10", 30, test="student")
    with pytest.raises(ferrox.InvalidInputError, match="unknown t-test"):
        ferrox.t_from_summary("5.20", "1.10", 30, test="paired-ish")


@settings(max_examples=200, deadline=None)
@given(
    t=st.floats(0.01, 8),
    df=st.integers(1, 1000),
    digits=st.integers(0, 3),
    p_digits=st.integers(1, 4),
)
def test_honest_reports_are_consistent(t, df, digits, p_digits):
    value = f"{t:.{digits}f}"
    computed = ferrox.check_p("t", value, ".5", df1=df).computed_p
    p = f"{computed:.{p_digits}f}"
    assert ferrox.check_p("t", value, p, df1=df).consistency


@given(st.text(max_size=80))
def test_any_text_is_safe(text):
    for found in ferrox.find_results(text):
        assert text[found["start"] : found["end"]] == found["text"]
    try:
        ferrox.parse_result(text)
    except ferrox.InvalidInputError:
        pass


def test_numbers_in_columns_are_read_with_a_warning():
    frame = pd.DataFrame({"test": ["t"], "value": [2.2], "df1": [28.0], "p": [0.04]})
    with pytest.warns(UserWarning, match="`value`, `p` given as numbers"):
        out = ferrox.p_map(frame)
    assert bool(out["consistency"][0])
    assert np.isfinite(out["computed_p"][0])


def test_check_p_warns_on_numbers():
    with pytest.warns(UserWarning, match="`value` given as numbers"):
        assert ferrox.check_p("t", 2.2, ".04", df1=28).consistency


@pytest.mark.parametrize("library", [pd, pl])
def test_grim_u_map_and_t_from_summary_map(library):
    us = library.DataFrame({"u": ["23", "23.2", "23"], "n1": [10, 10, 10], "n2": [10, 10, 10]})
    out = ferrox.grim_u_map(us)
    assert list(out["u_consistency"]) == [True, False, True]
    assert list(out["p_consistency"]) == [None, None, None]
    with_p = ferrox.grim_u_map(
        us.with_columns(pl.lit(".043").alias("p"))
        if library is pl
        else us.assign(p=[".043", ".043", None]),
        ties=False,
    )
    assert list(with_p["p_consistency"])[:2] == [True, True]
    groups = library.DataFrame(
        {
            "m1": ["5.20", "5.5"],
            "sd1": ["1.10", "2.0"],
            "n1": [30, 25],
            "m2": ["4.50", None],
            "sd2": ["1.30", None],
            "n2": [30, None],
            "kind": ["welch", "one_sample"],
            "t": ["2.25", "1.3"],
        }
    )
    out = ferrox.t_from_summary_map(groups, test="kind", mu="5")
    assert list(out["t_consistency"]) == [True, True]
    single = ferrox.t_from_summary("5.20", "1.10", 30, "4.50", "1.30", 30, test="welch", mu="5")
    assert out["t_low"][0] == single.t_low
    with pytest.raises(ferrox.InvalidInputError, match="row 2"):
        ferrox.t_from_summary_map(groups, test="welch")


def test_p_map_names_a_missing_column():
    frame = pd.DataFrame({"test": ["t"], "df1": [28], "p": [".04"]})
    with pytest.raises(ferrox.InvalidInputError, match="no column `value`"):
        ferrox.p_map(frame)
