import math
from itertools import pairwise

import ferrox
import numpy as np
import pandas as pd
import polars as pl
import pytest
from conftest import reference_rows


def explicit(row):
    return {
        "rounding_error_mean": row["rounding_error_mean"],
        "rounding_error_sd": row["rounding_error_sd"],
    }


def case(row):
    return (
        row["mean"],
        row["sd"],
        int(row["n"]),
        int(row["scale_min"]),
        int(row["scale_max"]),
    )


@pytest.mark.parametrize("row", reference_rows("closure_counts.csv"), ids=lambda r: r["source"])
def test_published_counts(row):
    expected = int(row["count"])
    assert ferrox.closure_count(*case(row), **explicit(row)) == expected
    assert ferrox.closure_exists(*case(row), **explicit(row)) is (expected > 0)
    if expected < 100_000:
        assert len(ferrox.closure(*case(row), **explicit(row))) == expected


def test_result_object():
    r = ferrox.closure(3.5, 1.2, 50, 0, 7, rounding_error_mean=0.05, rounding_error_sd=0.005)
    assert r.count == 7980
    assert r.frequencies.shape == (7980, 8) and r.frequencies.dtype == np.uint32
    assert r.samples.shape == (7980, 50)
    assert (r.frequencies.sum(axis=1) == 50).all()
    assert r.values.tolist() == [0, 1, 2, 3, 4, 5, 6, 7]
    assert r.frequencies[0].tolist() == [4, 1, 2, 4, 39, 0, 0, 0]
    assert ((0 <= r.horns) & (r.horns <= 1)).all()
    summary = r.summary()
    assert isinstance(summary, pd.DataFrame) and list(summary.columns) == [
        "value",
        "min",
        "max",
        "mean",
    ]
    assert isinstance(r.to_pandas(), pd.DataFrame) and r.to_pandas().shape == (7980, 9)
    assert isinstance(r.to_polars(), pl.DataFrame)
    assert "7980 samples" in repr(r)


def test_every_sample_is_consistent_and_unique():
    r = ferrox.closure("4", "1.5", 20, 1, 7, rounding_error_mean="0.05", rounding_error_sd="0.05")
    for sample in r.samples:
        assert abs(sample.mean() - 4) <= 0.05 + 1e-9
        assert abs(sample.std(ddof=1) - 1.5) <= 0.05 + 1e-9
    assert len({tuple(f) for f in r.frequencies.tolist()}) == r.count


def test_counts_beyond_64_bits_are_python_ints():
    count = ferrox.closure_count(
        "5.5", "2.1", 60, 1, 10, rounding_error_mean=0.05, rounding_error_sd=0.05
    )
    assert isinstance(count, int) and count > 0


def test_memory_cap_and_stop_after():
    args = ("3.5", "1.2", 100, 1, 7)
    errors = {"rounding_error_mean": 0.05, "rounding_error_sd": 0.05}
    with pytest.raises(ferrox.TooLargeError, match="closure_count"):
        ferrox.closure(*args, **errors, max_memory_mb=1)
    first = ferrox.closure(*args, **errors, stop_after=10)
    assert len(first) == 10 and first.count == 1_267_612


def test_rounding_bounds_and_warning():
    assert ferrox.closure_exists("3.00", "1.58", 5, 1, 5)
    with pytest.warns(UserWarning, match="trailing zeros"):
        ferrox.closure_count(3.0, 1.58, 5, 1, 5)


@pytest.mark.parametrize(
    "args",
    [
        ("3.5", "1.2", 0, 1, 7),
        ("3.5", "1.2", 10, 7, 1),
        ("3.5", "-1.2", 10, 1, 7),
        ("abc", "1.2", 10, 1, 7),
        ("3.5", "1.2", 10, 1.5, 7),
        ("3.5", "1.2", math.nan, 1, 7),
    ],
)
def test_bad_input_is_a_ferrox_error(args):
    with pytest.raises(ferrox.FerroxError):
        ferrox.closure_count(*args)


def test_only_one_error_given_is_an_error():
    with pytest.raises(ferrox.FerroxError, match="both"):
        ferrox.closure_count("3.5", "1.2", 10, 1, 7, rounding_error_mean=0.05)


def test_mean_outside_the_scale_has_no_samples():
    assert ferrox.closure_count("9.5", "1.2", 10, 1, 7) == 0


def test_summary_without_listing_matches_the_list():
    args = ("4", "1.5", 20, 1, 7)
    errors = {"rounding_error_mean": "0.05", "rounding_error_sd": "0.05"}
    summary = ferrox.closure_summary(*args, **errors)
    listed = ferrox.closure(*args, **errors)
    assert summary.count == listed.count
    assert summary.table["min"].tolist() == listed.frequencies.min(axis=0).tolist()
    assert summary.table["max"].tolist() == listed.frequencies.max(axis=0).tolist()
    for j, column in enumerate(listed.frequencies.T):
        counts = np.bincount(column, minlength=21).tolist()
        assert summary.distribution[j] == counts
    low, high = summary.horns_min, summary.horns_max
    assert math.isclose(low[0], listed.horns.min()) and math.isclose(high[0], listed.horns.max())
    assert low[1] in listed.frequencies.tolist()


def test_summary_of_billions():
    s = ferrox.closure_summary(
        "3.5", "1.2", 120, 1, 7, rounding_error_mean=0.05, rounding_error_sd=0.05
    )
    assert s.count > 10**6
    assert sum(s.distribution[0]) == s.count


def test_batches_stream_the_same_samples():
    args = ("3.5", "1.2", 50, 0, 7)
    errors = {"rounding_error_mean": "0.05", "rounding_error_sd": "0.005"}
    batches = list(ferrox.closure_batches(*args, **errors, batch_size=1000))
    assert [b.shape[0] for b in batches] == [1000] * 7 + [980]
    assert (np.concatenate(batches) == ferrox.closure(*args, **errors).frequencies).all()


def test_abandoned_stream_stops_quietly():
    stream = ferrox.closure_batches(
        "3.5", "1.2", 100, 1, 7, rounding_error_mean=0.05, rounding_error_sd=0.05, batch_size=10
    )
    assert next(stream).shape == (10, 7)
    del stream


def test_ctrl_c_interrupts_a_long_summary():
    import os
    import signal
    import threading
    import time

    threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        ferrox.closure_summary("50.5", "20.3", 1000, 0, 100)
    assert time.perf_counter() - start < 3


def test_progress_callback_sees_every_sample():
    seen = []
    r = ferrox.closure(
        "3.5",
        "1.2",
        100,
        1,
        7,
        rounding_error_mean=0.05,
        rounding_error_sd=0.05,
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen and seen[-1] == (r.count, r.count)
    assert all(a[0] <= b[0] for a, b in pairwise(seen))


def test_plot_draws_ranges_and_horns():
    import matplotlib

    matplotlib.use("Agg")
    r = ferrox.closure("4", "1.5", 20, 1, 7, rounding_error_mean="0.05", rounding_error_sd="0.05")
    figure = r.plot()
    left, right = figure.axes
    assert left.get_title() == f"{r.count} samples"
    assert len(left.patches) == len(r.values)
    assert sum(p.get_height() for p in right.patches) == r.count


def test_tqdm_bar_shows_samples_listed(capsys):
    from ferrox._closure import _progress

    report, close = _progress(True, 10)
    report(4)
    report(10)
    close()
    assert "10/10" in capsys.readouterr().err


def test_summaries_answer_where_counting_cannot():
    s = ferrox.closure_summary("34.2", "8.1", 150, 18, 80)
    assert s.count is None and "too many" in repr(s)
    table = s.table
    assert list(table.columns) == ["value", "min", "max", "mean", "mean_error"]
    assert table["max"].max() > 0 and (table["min"] <= table["mean"]).all()
    assert (table["mean"] <= table["max"]).all() and abs(table["mean"].sum() - 150) < 1e-6
    assert all(d == [] for d in s.distribution) and s.horns_min[0] < s.horns_max[0]
    estimate = s.count_estimate
    assert isinstance(estimate, ferrox.CountEstimate) and str(estimate) in repr(s)
    assert estimate.log10 > 30 and 0 < estimate.relative_error < 0.5
    assert estimate.trials == 1000 and estimate.value == 10.0**estimate.log10
    exact = ferrox.closure_summary("3.5", "1.2", 40, 1, 7)
    assert exact.count > 0 and (exact.table["mean_error"] == 0).all()
    assert exact.count_estimate is None
