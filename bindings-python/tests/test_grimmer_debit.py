import math
import statistics

import ferrox
import numpy as np
import pandas as pd
import polars as pl
import pytest
from conftest import reference_rows
from hypothesis import given
from hypothesis import strategies as st


def test_grimmer_reference_in_compat_mode(grimmer_reference):
    for row in grimmer_reference:
        consistent, reason = ferrox.grimmer(
            row["x"],
            row["sd"],
            int(row["n"]),
            items=int(row["items"]),
            rounding=row["rounding"],
            threshold=float(row["threshold"]),
            symmetric=row["symmetric"] == "TRUE",
            compat="scrutiny",
            show_reason=True,
        )
        assert (consistent, reason) == (row["consistency"] == "TRUE", row["reason"]), row


def test_debit_reference_in_compat_mode(debit_reference):
    df = pd.DataFrame(
        {key: [r[key] for r in debit_reference] for key in ("x", "sd", "rounding")}
        | {"n": [int(r["n"]) for r in debit_reference]}
    )
    for rounding, group in df.groupby("rounding"):
        out = ferrox.debit_map(group, rounding=rounding, compat="scrutiny", show_rec=True)
        for index, row in out.iterrows():
            expected = debit_reference[index]
            assert row["consistency"] == (expected["consistency"] == "TRUE"), expected
            for column in ("x_lower", "x_upper", "sd_lower", "sd_upper"):
                assert row[column] == float(expected[column]), (column, expected)
            for column in ("x_incl_lower", "x_incl_upper", "sd_incl_lower", "sd_incl_upper"):
                assert bool(row[column]) is (expected[column] == "TRUE"), (column, expected)


def test_exact_grimmer_accepts_genuine_data_that_scrutiny_flags():
    for x, sd, n in [("3.6", "1.99", 40), ("4.0", "2.071", 122), ("3.2", "1.823", 18)]:
        assert ferrox.grimmer(x, sd, n) is True
        assert ferrox.grimmer(x, sd, n, compat="scrutiny") is False


def test_grimmer_scale_bounds():
    assert ferrox.grimmer("3.0", "2.16", 10) is True
    assert ferrox.grimmer("3.0", "2.16", 10, scale_min=1, scale_max=5, show_reason=True) == (
        False,
        "GRIMMER inconsistent (test 3)",
    )
    with pytest.raises(ferrox.InvalidInputError, match="neither"):
        ferrox.grimmer("3.0", "2.16", 10, scale_min=1)
    with pytest.raises(ferrox.UnsupportedError):
        ferrox.grimmer("3.0", "2.16", 10, scale_min=1, scale_max=5, compat="scrutiny")


def test_grimmer_vectors_and_bad_input():
    out, reasons = ferrox.grimmer(["5.23", "5.23"], "2.55", [35, 31], show_reason=True)
    assert out.dtype == np.bool_ and out.tolist() == [False, True]
    assert reasons.tolist() == ["GRIMMER inconsistent (test 2)", "Passed all"]
    with pytest.raises(ferrox.InvalidInputError, match="cannot be negative"):
        ferrox.grimmer("5.2", "-1.0", 20)
    with pytest.raises(ferrox.InvalidInputError, match="row 2"):
        ferrox.grimmer(["5.2", "5.2"], ["1.0", "x"], 20)


def test_debit_exact_and_scrutiny():
    assert ferrox.debit("0.5", "0.53", 10) is True
    assert ferrox.debit("0.50", "0.503", 100) is True
    assert ferrox.debit("0.33", "0.50", 10) is False
    assert ferrox.debit("0.0", "0.00", 10, compat="scrutiny") is None
    with pytest.raises(ferrox.InvalidInputError, match="between 0 and 1"):
        ferrox.debit("1.5", "0.5", 10)


@pytest.mark.parametrize("library", [pd, pl])
def test_maps_keep_the_frame_kind(library):
    df = library.DataFrame({"x": ["5.23", "3.6"], "sd": ["2.55", "1.99"], "n": [35, 40]})
    out = ferrox.grimmer_map(df, show_rec=True)
    assert isinstance(out, library.DataFrame)
    assert list(out["consistency"]) == [False, True]
    assert list(out["sd_lower"]) == [2.545, 1.985]
    binary = library.DataFrame({"x": ["0.0", "0.5"], "sd": ["0.00", "0.53"], "n": [10, 10]})
    out = ferrox.debit_map(binary, compat="scrutiny")
    assert list(out["consistency"])[1] is not None
    summary = ferrox.audit(out)
    assert isinstance(summary, library.DataFrame)
    assert list(summary["na_cases"]) == [1.0]


def test_audits():
    grim = ferrox.grim_map(pd.DataFrame({"x": ["5.19", "5.19", "5.1"], "n": [28, 32, 83]}))
    stats = ferrox.audit(grim).iloc[0]
    assert (stats["incons_cases"], stats["all_cases"], stats["testable_cases"]) == (1, 3, 2)
    assert stats["incons_rate"] == pytest.approx(1 / 3)
    grimmer = ferrox.grimmer_map(
        pd.DataFrame({"x": ["5.19", "5.23", "5.23"], "sd": "2.55", "n": [28, 35, 31]})
    )
    stats = ferrox.audit(grimmer).iloc[0]
    assert (stats["fail_grim"], stats["fail_test2"], stats["incons_cases"]) == (1, 1, 2)


def test_split_parens_is_split_by_parens():
    assert ferrox.split_parens is ferrox.split_by_parens
    cells = ["5.20 (1.43)", None, "3 (0.90)"]
    assert ferrox.split_parens(cells) == (["5.20", None, "3"], ["1.43", None, "0.90"])
    assert ferrox.split_parens(["3 [0.9]"], sep="brackets") == (["3"], ["0.9"])
    df = pl.DataFrame({"cell": ["5.20 (1.43)"], "n": [20]})
    out = ferrox.split_parens(df, "cell")
    assert out.columns == ["cell_x", "cell_sd", "n"] and out.row(0) == ("5.20", "1.43", 20)
    with pytest.raises(ferrox.InvalidInputError, match="row 2"):
        ferrox.split_parens(["5.20 (1.43)", "5.20 1.43"])


@given(scores=st.lists(st.integers(1, 7), min_size=2, max_size=50), digits=st.integers(1, 3))
def test_real_samples_pass_exact_grimmer(scores, digits):
    """Mean and SD of real integer data, rounded (up_or_down accepts either
    way a float sits), always pass exact GRIMMER on their scale."""
    mean, sd = statistics.mean(scores), statistics.stdev(scores)
    x, s = f"{mean:.{digits}f}", f"{sd:.{digits}f}"
    assert ferrox.grimmer(x, s, len(scores), scale_min=1, scale_max=7), (scores, x, s)


@given(ones=st.integers(0, 200), extra=st.integers(0, 200), digits=st.integers(1, 3))
def test_real_binary_samples_pass_exact_debit(ones, extra, digits):
    n = ones + extra
    if n < 2:
        return
    mean, sd = ones / n, math.sqrt(ones * (n - ones) / (n * (n - 1)))
    assert ferrox.debit(f"{mean:.{digits}f}", f"{sd:.{digits}f}", n), (ones, n)


def test_sd_binary_follows_scrutiny():
    assert ferrox.sd_binary_groups(3, 3) == pytest.approx((6 / 5 * 0.25) ** 0.5, rel=1e-15)
    assert ferrox.sd_binary_0_n([3, 1], [6, 4]).tolist() == pytest.approx(
        [(6 / 5 * 0.25) ** 0.5, (4 / 3 * 0.25 * 0.75) ** 0.5], rel=1e-15
    )
    assert ferrox.sd_binary_1_n(3, 6) == ferrox.sd_binary_0_n(3, 6)
    assert ferrox.sd_binary_mean_n(0.3, 10) == pytest.approx((10 / 9 * 0.3 * 0.7) ** 0.5)
    for bad in (lambda: ferrox.sd_binary_0_n(7, 6), lambda: ferrox.sd_binary_mean_n(1.5, 6)):
        with pytest.raises(ferrox.InvalidInputError):
            bad()
    with pytest.raises(ferrox.InvalidInputError, match="row 2"):
        ferrox.sd_binary_0_n([1, 2.5], 6)


def test_split_by_parens_as_scrutiny():
    df = pd.DataFrame(
        {
            "drone_pos": ["0.09 (0.21)", "0.19 (0.13)"],
            "drone_neg": ["2.05 (0.41)", "2.13 (0.19)"],
            "id": [1, 2],
        }
    )
    with pytest.warns(UserWarning, match="id"):
        out = ferrox.split_by_parens(df)
    # scrutiny 0.6.1 gives these columns and values for this table.
    assert out.columns.tolist() == [
        "drone_pos_x",
        "drone_pos_sd",
        "drone_neg_x",
        "drone_neg_sd",
        "id",
    ]
    assert out.values.tolist() == [
        ["0.09", "0.21", "2.05", "0.41", 1],
        ["0.19", "0.13", "2.13", "0.19", 2],
    ]
    stacked = ferrox.split_by_parens(df.drop(columns="id"), transform=True)
    assert stacked.values.tolist() == [
        ["drone_neg", "2.05", "0.41"],
        ["drone_neg", "2.13", "0.19"],
        ["drone_pos", "0.09", "0.21"],
        ["drone_pos", "0.19", "0.13"],
    ]
    frame = pl.DataFrame({c: df[c].tolist() for c in df.columns})
    kept = ferrox.split_by_parens(frame, cols=["drone_pos"], keep=True, end2="se")
    assert kept.columns == ["drone_pos_x", "drone_pos_se", "drone_pos", "drone_neg", "id"]
    with pytest.raises(ferrox.InvalidInputError, match="transform"), pytest.warns(UserWarning):
        ferrox.split_by_parens(df, transform=True)


def test_before_and_inside_parens():
    cells = ["1.2 (3.4)", "5", "a [b]", None]
    assert ferrox.before_parens(cells) == ["1.2", "5", "a [b]", None]
    assert ferrox.before_parens(cells, sep="brackets") == ["1.2 (3.4)", "5", "a", None]
    assert ferrox.inside_parens(cells) == ["3.4", None, None, None]
    assert ferrox.inside_parens("x (y) (z)") == "z"
    assert ferrox.inside_parens("2.65 <0.27>", sep=("<", ">")) == "0.27"
    with pytest.raises(ferrox.InvalidInputError, match="sep"):
        ferrox.before_parens("1 (2)", sep="angles")


def test_duplicates_as_scrutiny():
    columns = {
        "a": ["1.2", "3.4", "1.2", "5.0", None],
        "b": ["3.4", "7.7", "1.2", "5.0", "9"],
        "c": [1, 2, 3, 4, 5],
    }
    df = pd.DataFrame(columns)
    # scrutiny 0.6.1's duplicate_count() of this table.
    counts = ferrox.duplicate_count(df)
    assert counts.head(5).values.tolist() == [
        ["1.2", 3, "a, b", 2],
        ["3.4", 2, "a, b", 2],
        ["5.0", 2, "a, b", 2],
        ["7.7", 1, "b", 1],
        ["9", 1, "b", 1],
    ]
    assert len(counts) == 10
    # scrutiny adds one per missing cell of the table; these are the counts.
    tally = ferrox.duplicate_tally(df)
    assert tally["a_n"].tolist()[:4] == [3, 2, 3, 2] and tally["a_n"].isna().tolist()[4]
    pairs = ferrox.duplicate_count_colpair(pl.DataFrame(columns), ignore=["5.0"])
    assert pairs.row(0) == ("a", "b", 3, 3, 4, 1.0, 0.75)
    assert ferrox.duplicate_count(df, ignore=["1.2"])["value"][0] == "3.4"


def _reference_tables() -> dict[str, dict[str, list[str | None]]]:
    tables: dict[str, dict[str, list[str | None]]] = {}
    for row in reference_rows("duplicate_inputs.csv"):
        value = None if row["value"] == "NA" else row["value"]
        tables.setdefault(row["table"], {}).setdefault(row["column"], []).append(value)
    return tables


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_duplicate_audits_replay_scrutiny(library):
    tables = _reference_tables()
    expected = reference_rows("duplicate_audit.csv")
    functions = {
        "duplicate_count": ferrox.duplicate_count,
        "duplicate_colpair": ferrox.duplicate_count_colpair,
        "duplicate_tally": ferrox.duplicate_tally,
    }
    audits = {}
    for table, columns in tables.items():
        frame = pd.DataFrame(columns) if library == "pandas" else pl.DataFrame(columns)
        for kind, function in functions.items():
            out = ferrox.audit(function(frame))
            rows = out.to_dict("records") if library == "pandas" else out.to_dicts()
            audits |= {(table, kind, r["term"]): (r, len(columns)) for r in rows}
    assert len(audits) == len(expected)
    for want in expected:
        got, width = audits[(want["table"], want["kind"], want["term"])]
        for stat in ("mean", "sd", "median", "min", "max"):
            if want[stat] == "NA":
                assert math.isnan(got[stat]), (want, stat)
            else:
                assert got[stat] == pytest.approx(float(want[stat]), rel=1e-14), (want, stat)
        assert got["na_count"] == int(want["na_count"])
        # scrutiny divides the total's missing cells by the rows, not the cells.
        share = float(want["na_rate"]) / (width if want["term"] == ".total" else 1)
        assert got["na_rate"] == pytest.approx(share, rel=1e-14)


def test_audit_tells_tables_by_their_columns():
    tested = ferrox.grim_map_seq(pd.DataFrame({"x": ["5.19"], "n": [28]}))
    assert ferrox.audit(tested).equals(ferrox.audit_seq(tested))
    with pytest.raises(ferrox.InvalidInputError, match="duplicate_tally"):
        ferrox.audit(pd.DataFrame({"q": [1]}))


def test_debit_plot_draws_a_box_per_case():
    import matplotlib

    matplotlib.use("Agg")
    df = pd.DataFrame(
        {"x": ["0.36", "0.5", "0.20"], "sd": ["0.11", "0.53", "0.41"], "n": [20, 10, 30]}
    )
    ax = ferrox.debit_plot(df).axes[0]
    colors = [tuple(p.get_facecolor()[:3]) for p in ax.patches]
    assert len(colors) == 3 and len(ax.lines) == 3
    assert colors[0] != colors[1]


@pytest.mark.parametrize(
    ("values", "linear", "ascending", "descending"),
    [
        # scrutiny 0.6.1's answers.
        ([1, 2, 3, 4], True, True, False),
        (["4", "5", "6", "5", "4"], True, False, False),
        ([1, 2, 4], False, False, False),
        ([None, 1, 2, 3], None, None, False),
        ([5, 4, None, 2, 1], None, False, None),
        (["0.5", None, "0.7", "0.8"], None, None, False),
        (["a", "b"], False, False, False),
    ],
)
def test_is_seq_as_scrutiny(values, linear, ascending, descending):
    assert ferrox.is_seq_linear(values) is linear
    assert ferrox.is_seq_ascending(values) is ascending
    assert ferrox.is_seq_descending(values) is descending


def test_is_seq_dispersed():
    assert ferrox.is_seq_dispersed([3, 4, 5, 6, 7], 5) is True
    assert ferrox.is_seq_dispersed(["4", "5", "6", "5", "4"], 6) is False
    assert ferrox.is_seq_dispersed([1, 2, 3, 4], 2) is False
    assert ferrox.is_seq_dispersed([None, 3, 4, 5, None], 4) is None
    with pytest.raises(ferrox.InvalidInputError, match="from"):
        ferrox.is_seq_dispersed([1, 2, 3], "x")
