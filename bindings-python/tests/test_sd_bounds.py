"""SD bounds: rsprite2's boundary_test replayed, frames, and errors."""

import math

import ferrox
import pandas as pd
import polars as pl
import pytest
from conftest import reference_rows


def test_agrees_with_rsprite2():
    rows = reference_rows("sd_bounds_rsprite2.csv")
    table = pd.DataFrame(rows)
    table[["n", "items", "scale_min", "scale_max"]] = table[
        ["n", "items", "scale_min", "scale_max"]
    ].astype(int)
    out = ferrox.sd_bounds_map(table, "scale_min", "scale_max")
    assert out["consistency"].tolist() == [r["consistency"] == "TRUE" for r in rows]
    for row, lo, hi in zip(rows, out["sd_min"], out["sd_max"], strict=True):
        if row["sd_min"] == "NA":
            continue
        places = len(row["sd"].split(".")[1])
        # rsprite2 shows the least SD rounded half down and the greatest
        # half up; ours are unrounded, so they lie within half a step.
        step = 10.0**-places
        assert abs(lo - float(row["sd_min"])) <= step / 2 + 1e-12, row
        assert abs(hi - float(row["sd_max"])) <= step / 2 + 1e-12, row


def test_bounds_without_an_sd_and_impossible_means():
    out = ferrox.sd_bounds(["4.00", "5.19"], [20, 28], 1, 7)
    assert list(out.columns) == ["x", "n", "sd_min", "sd_max"]
    assert out["sd_min"][0] == 0.0
    assert math.isclose(out["sd_max"][0], 3.0779350562554623, rel_tol=1e-15)
    assert math.isnan(out["sd_min"][1]) and math.isnan(out["sd_max"][1])
    tested = ferrox.sd_bounds("5.19", 28, 1, 7, sd="1.0", frame="polars")
    assert isinstance(tested, pl.DataFrame)
    assert tested["consistency"].to_list() == [False]


def test_items_and_the_map_keep_the_frame():
    df = pl.DataFrame({"x": ["3.25"], "sd": ["0.10"], "n": [10], "items": [4]})
    out = ferrox.sd_bounds_map(df, 1, 5)
    assert isinstance(out, pl.DataFrame)
    assert out.columns == ["x", "sd", "n", "items", "sd_min", "sd_max", "consistency"]
    assert out["sd_min"][0] == 0.0 and out["consistency"][0] is True
    no_sd = ferrox.sd_bounds_map(pd.DataFrame({"x": ["3.2"], "n": [10]}), 1, 5)
    assert "consistency" not in no_sd.columns


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ferrox.sd_bounds("3.1", 1, 1, 5), "at least 2"),
        (lambda: ferrox.sd_bounds("3.1", 10, 5, 1), "least value first"),
        (lambda: ferrox.sd_bounds("3.1", 10, 1.5, 5), "scale_min"),
        (lambda: ferrox.sd_bounds(["3.1", "x"], 10, 1, 5), "row 2"),
        (lambda: ferrox.sd_bounds("3.1", [10, 11], 1, 5, sd=["1", "2", "3"]), "give 1 or 3"),
    ],
)
def test_bad_input_is_a_clear_error(call, message):
    with pytest.raises(ferrox.InvalidInputError, match=message):
        call()


def test_a_case_too_large_for_exact_bounds_is_refused():
    with pytest.raises(ferrox.TooLargeError):
        ferrox.sd_bounds("5", 2**50, 0, 1_000_000)
