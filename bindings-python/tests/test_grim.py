import math
import warnings

import ferrox
import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st


def test_scrutiny_documentation_examples():
    assert ferrox.grim("5.19", 28) is False
    assert ferrox.grim("5.19", n=32) is True
    assert ferrox.grim("2.84", 16, items=2) is True
    assert ferrox.grim("71", 43, percent=True) is False


def test_arrays_in_numpy_out():
    out = ferrox.grim(["5.19", "5.19", "3.20"], np.array([28, 32, 18]))
    assert isinstance(out, np.ndarray) and out.dtype == np.bool_
    assert out.tolist() == [False, True, False]
    assert ferrox.grim("5.19", [28, 32]).tolist() == [False, True]


def test_trailing_zeros_count_and_numbers_warn():
    assert ferrox.grim("3.20", 18) is False
    with pytest.warns(UserWarning, match="trailing zeros"):
        assert ferrox.grim(3.2, 18) is True


def test_reference_table_in_compat_mode(grim_reference):
    for row in grim_reference:

        def run(row=row):
            return ferrox.grim(
                row["x"],
                int(row["n"]),
                items=int(row["items"]),
                percent=row["percent"] == "TRUE",
                rounding=row["rounding"],
                threshold=float(row["threshold"]),
                symmetric=row["symmetric"] == "TRUE",
                compat="scrutiny",
            )

        if row["note"].startswith("ERROR"):
            with pytest.raises(ferrox.FerroxError):
                run()
        else:
            assert run() is (row["consistency"] == "TRUE"), row


@pytest.mark.parametrize(
    ("x", "n", "kwargs"),
    [
        ("", 28, {}),
        ("abc", 28, {}),
        ("1e-3", 28, {}),
        ("5.19", 0, {}),
        ("5.19", -3, {}),
        ("5.19", 2.5, {}),
        ("5.19", math.nan, {}),
        ("5.19", 28, {"items": 0}),
        ("5.19", 28, {"rounding": "nope"}),
        ("5.19", 28, {"rounding": "up_from", "threshold": 5}),
        ("5.19", 28, {"compat": "spss"}),
        (["5.19", "1.2", "3.1"], [28, 30], {}),
        ("5.19", "28", {}),
    ],
)
def test_bad_input_is_a_ferrox_error(x, n, kwargs):
    with pytest.raises(ferrox.FerroxError):
        ferrox.grim(x, n, **kwargs)


def test_error_hierarchy():
    assert issubclass(ferrox.FerroxError, ValueError)
    assert issubclass(ferrox.InvalidInputError, ferrox.FerroxError)
    assert ferrox.FerroxError.__module__ == "ferrox"
    with pytest.raises(ferrox.InvalidInputError, match="row 2"):
        ferrox.grim(["5.19", "x"], 28)


def test_grim_map_pandas():
    df = pd.DataFrame({"study": ["a", "b", "c"], "x": ["5.19", "5.19", "3.20"], "n": [28, 32, 18]})
    out = ferrox.grim_map(df)
    assert isinstance(out, pd.DataFrame)
    assert out["consistency"].tolist() == [False, True, False]
    assert out["probability"].tolist() == [0.72, 0.68, 0.82]
    assert out["study"].tolist() == ["a", "b", "c"]
    assert "consistency" not in df.columns


def test_grim_map_polars_with_items():
    df = pl.DataFrame({"x": ["2.84", "2.83"], "n": [16, 16], "items": [2, 2]})
    out = ferrox.grim_map(df)
    assert isinstance(out, pl.DataFrame)
    assert out["consistency"].to_list() == [True, False]


def test_grim_map_rejects_what_it_cannot_use():
    with pytest.raises(TypeError):
        ferrox.grim_map({"x": ["1.2"], "n": [3]})
    with pytest.raises(ferrox.FerroxError, match="no column"):
        ferrox.grim_map(pd.DataFrame({"mean": ["1.2"], "n": [3]}))


def test_grim_map_numeric_column_warns():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ferrox.grim_map(pd.DataFrame({"x": [5.19], "n": [28]}))
    assert any("trailing zeros" in str(w.message) for w in caught)


@given(
    scores=st.lists(st.integers(-20, 40), min_size=1, max_size=60),
    digits=st.integers(0, 3),
)
def test_real_means_are_consistent(scores, digits):
    """A mean of real integer data, rounded half up, always passes exact GRIM."""
    total, n = sum(scores), len(scores)
    scaled = total * 10**digits
    quotient, remainder = divmod(scaled, n)
    mantissa = quotient + (2 * remainder >= n)
    sign = "-" if mantissa < 0 else ""
    text = f"{abs(mantissa):0{digits + 1}d}"
    report = sign + (text[:-digits] + "." + text[-digits:] if digits else text)
    assert ferrox.grim(report, n, rounding="up"), report


def test_grim_statistics_follow_scrutiny():
    assert ferrox.grim_total("83.29", 21) == 79
    assert ferrox.grim_total(["83.29", "5.1"], [21, 83]).tolist() == [79, -73]
    assert ferrox.grim_ratio("5.1", 83) == pytest.approx(-7.3)
    assert ferrox.grim_probability("5.1", 83) == 0
    assert ferrox.grim_probability("5.14", 83) == pytest.approx(0.17)
    assert ferrox.grim_probability("71", 43, percent=True) == pytest.approx(0.57)
    assert ferrox.grim_granularity([10, 20], 2).tolist() == [0.05, 0.025]
    assert ferrox.grim_items(20, 0.025) == pytest.approx(2)
    with pytest.warns(UserWarning, match="whole numbers"):
        ferrox.grim_items(20, 0.03)
    with pytest.raises(ferrox.InvalidInputError):
        ferrox.grim_total("5.1", 0)
    with pytest.raises(ferrox.InvalidInputError, match="whole numbers of at least 1"):
        ferrox.grim_granularity(0)
    with pytest.raises(ferrox.InvalidInputError, match="positive numbers"):
        ferrox.grim_items(20, -1)
    with pytest.raises(ferrox.InvalidInputError, match="give 1 or 3"):
        ferrox.grim_items([1, 2, 3], [0.1, 0.2])
    assert ferrox.grim_granularity(20, np.array([], dtype=np.uint16)).tolist() == []


def test_decimal_places_counts_decimals_as_written():
    assert ferrox.decimal_places("5.20") == 2
    assert ferrox.decimal_places(["2.80", "9.0", "37"]).tolist() == [2, 1, 0]
    assert ferrox.decimal_places(["2.80", None]).tolist() == [2, None]
    with pytest.warns(UserWarning, match="trailing zeros"):
        assert ferrox.decimal_places(5.20) == 1
    with pytest.raises(ferrox.InvalidInputError):
        ferrox.decimal_places("abc")


def test_grim_items_refuses_text_with_a_ferrox_error():
    with pytest.raises(ferrox.InvalidInputError):
        ferrox.grim_items(20, "x")


def test_grim_plot_draws_the_raster_and_the_cases():
    import matplotlib

    matplotlib.use("Agg")
    df = pd.DataFrame({"x": ["5.19", "5.18", "3.27"], "n": [28, 28, 33]})
    fig = ferrox.grim_plot(df)
    ax = fig.axes[0]
    image = ax.images[0].get_array()
    # Rows are decimals .00 to .99, columns n = 1 … n_max; shaded = impossible.
    assert image.shape == (100, 40)
    assert bool(image[19, 27]) and not bool(image[18, 27])
    assert [len(c.get_offsets()) for c in ax.collections] == [2, 1]
    empty = ferrox.grim_plot(digits=1, n_max=10)
    assert empty.axes[0].images[0].get_array().shape == (10, 10)
    with pytest.raises(ferrox.InvalidInputError, match="too large"):
        ferrox.grim_plot(digits=4, n_max=1000)
