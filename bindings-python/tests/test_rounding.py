"""The rounding toolbox: scrutiny's outputs replayed, exact mode's answers,
and errors that say what to do."""

import math

import ferrox
import numpy as np
import pandas as pd
import polars as pl
import pytest
from conftest import reference_rows


def bits(values) -> list[str]:
    return [float(v).hex() for v in np.atleast_1d(values)]


def floats(text: str) -> list[float]:
    return [float(v) for v in text.split(";")]


def test_reround_replays_scrutiny():
    def replay(row):
        return ferrox.reround(
            row["x_literal"],
            int(row["digits"]),
            row["rounding"],
            float(row["threshold"]),
            row["symmetric"] == "TRUE",
            compat="scrutiny",
        )

    for row in reference_rows("reround_examples.csv"):
        if row["note"].startswith("ERROR"):
            with pytest.raises(ferrox.InvalidInputError):
                replay(row)
            continue
        assert bits(replay(row)) == bits(floats(row["result"])), row


def test_unround_replays_scrutiny():
    rows = [r for r in reference_rows("unround_examples.csv") if not r["note"].startswith("ERROR")]
    for rounding in sorted({r["rounding"] for r in rows}):
        group = [r for r in rows if r["rounding"] == rounding]
        for threshold in sorted({r["threshold"] for r in group}):
            cases = [r for r in group if r["threshold"] == threshold]
            got = ferrox.unround(
                [r["x"] for r in cases], rounding, float(threshold), compat="scrutiny"
            )
            for row, (_, out) in zip(cases, got.iterrows(), strict=True):
                for end in ("lower", "upper"):
                    expected = float(row[end]) if row[end] != "NA" else math.nan
                    assert bits(out[end]) == bits(expected) or (
                        math.isnan(out[end]) and math.isnan(expected)
                    ), row
                assert (out["incl_lower"], out["incl_upper"]) == (
                    row["incl_lower"] == "TRUE",
                    row["incl_upper"] == "TRUE",
                ), row


def test_fraction_bias_and_zeros_replay_scrutiny():
    for row in reference_rows("rounding_extras.csv"):
        x = row["x"].split("|")
        if row["fn"] == "restore_zeros":
            width = int(row["width"]) if row["width"] else None
            assert ferrox.restore_zeros(x, width) == row["result"].split(";"), row
            continue
        settings = dict(
            rounding=row["rounding"],
            threshold=float(row["threshold"]),
            symmetric=row["symmetric"] == "TRUE",
            compat="scrutiny",
        )
        expected = floats(row["result"])
        if row["fn"] == "rounding_bias":
            values = ferrox.rounding_bias(x, int(row["digits"]), mean=False, **settings)
            assert bits(values) == bits(expected[1:]), row
            mean = ferrox.rounding_bias(x, int(row["digits"]), **settings)
            assert mean == pytest.approx(expected[0], rel=1e-6, abs=1e-300), row
        else:
            got = ferrox.reround_to_fraction(
                x[0], int(row["denominator"]), float(row["digits"]), **settings
            )
            assert bits(got) == bits(expected), row


def test_exact_mode_rounds_the_decimal_as_written():
    # 2.675 is stored below its decimal; exact mode sees the tie.
    assert ferrox.reround("2.675", 2, rounding="even") == 2.68
    assert ferrox.reround(2.675, 2, rounding="even", compat="scrutiny") == 2.67
    assert ferrox.reround(["2.5", "3.5"], rounding="even").tolist() == [2.0, 4.0]
    assert ferrox.round_up("1234.5", -2) == 1200.0
    assert ferrox.round_down("-2.5", symmetric=True) == -2.0
    assert ferrox.round_up_from("4.14", 1, threshold=4) == 4.2
    assert ferrox.round_down_from("4.16", 1, threshold=4) == 4.1
    assert ferrox.round_ceiling("4.11", 1) == 4.2
    assert ferrox.round_floor("4.19", 1) == 4.1
    assert ferrox.round_trunc("-4.19", 1) == -4.1
    assert ferrox.round_anti_trunc("2") == 2.0
    assert ferrox.round_anti_trunc("2", compat="scrutiny") == 3.0
    assert ferrox.anti_trunc("-2.5") == -3.0


def test_missing_values_stay_missing():
    out = ferrox.reround(["1.25", None, "NA"], 1, rounding="up")
    assert out[0] == 1.3 and np.isnan(out[1:]).all()
    assert ferrox.restore_zeros(["1.5", "NA", "2"]) == ["1.5", None, "2.0"]
    table = ferrox.unround(["0.15", "NA"])
    assert table["range"].iloc[0] == "0.145 <= x(0.15) <= 0.155"
    assert table["range"].isna().tolist() == [False, True]
    assert table["incl_lower"].isna().tolist() == [False, True]


def test_unround_frames_and_exact_ends():
    exact = ferrox.unround(["2.70"], rounding="up")
    assert exact["range"].tolist() == ["2.695 <= x(2.70) < 2.705"]
    columns = ["range", "rounding", "lower", "incl_lower", "x", "incl_upper", "upper"]
    assert list(exact.columns) == columns
    polars = ferrox.unround(["0.13", "5"], rounding="even", frame="polars")
    assert isinstance(polars, pl.DataFrame)
    assert polars["incl_lower"].to_list() == [False, False]
    assert isinstance(ferrox.unround("1.5"), pd.DataFrame)


def test_fractions_and_bias():
    assert ferrox.reround_to_fraction("1.26", 4).tolist() == [1.25, 1.25]
    floored = ferrox.reround_to_fraction(["0.4", "0.6"], [3, 5], rounding="floor")
    assert floored.tolist() == [1 / 3, 0.6]
    bias = ferrox.rounding_bias(["0.5", "1.5", "2.25"], 0, rounding="down")
    assert bias == pytest.approx(-5 / 12)
    assert ferrox.grim_ratio_upper("5.14") == 0.99


def test_restore_zeros_options():
    assert ferrox.restore_zeros(["4,1", "7"], sep_in=",") == ["4,1", "7,0"]
    assert ferrox.restore_zeros(["4,1", "7"], sep_in=",", sep_out=".") == ["4.1", "7.0"]
    assert ferrox.restore_zeros([4.1, 7.0]) == ["4.1", "7.0"]
    with pytest.warns(UserWarning, match="width"):
        assert ferrox.restore_zeros("0.5") == "0.5"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ferrox.reround("1.5", 0.5), "digits"),
        (lambda: ferrox.reround("abc"), "not a number"),
        (lambda: ferrox.reround(["1", "x"]), "row 2"),
        (lambda: ferrox.reround("1.5", rounding="sideways"), "sideways"),
        (lambda: ferrox.rounding_bias("1.5", 0, rounding="up_or_down"), '"up" or "down"'),
        (lambda: ferrox.restore_zeros(["2.375", "1"], width=2), "raise `width`"),
        (lambda: ferrox.reround_to_fraction("1", 0), "denominator"),
        (lambda: ferrox.reround(["1", "2", "3"], [1, 2]), "digits"),
        (lambda: ferrox.unround("1.5", compat="other"), "compat"),
    ],
)
def test_bad_input_is_a_clear_error(call, message):
    with pytest.raises(ferrox.InvalidInputError, match=message):
        call()
