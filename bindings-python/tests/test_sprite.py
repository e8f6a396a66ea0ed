from fractions import Fraction

import ferrox
import numpy as np
import pandas as pd
import polars as pl
import pytest


def consistent(row, values, n, mean="3.5", sd="1.2"):
    """The sample's mean and SD round (up or down from 5) to the reports."""
    xs = [
        Fraction(v).limit_denominator(100)
        for v, c in zip(values, row, strict=True)
        for _ in range(c)
    ]
    assert len(xs) == n
    m = sum(xs) / n
    var = sum((x - m) ** 2 for x in xs) / (n - 1)
    half_m = Fraction(1, 2 * 10 ** len(mean.split(".")[1]))
    half_s = Fraction(1, 2 * 10 ** len(sd.split(".")[1]))
    lo, hi = Fraction(sd) - half_s, Fraction(sd) + half_s
    return abs(m - Fraction(mean)) <= half_m and lo * lo <= var <= hi * hi


def test_uniform_draws_are_reproducible_and_consistent():
    r = ferrox.sprite("3.5", "1.2", 50, 1, 7, n_samples=200, seed=11)
    assert (r.count, r.possible, r.seed, r.method) == (200, 26428, 11, "uniform")
    assert r.frequencies.shape == (200, 7) and r.frequencies.dtype == np.uint32
    assert all(consistent(row, r.values, 50) for row in r.frequencies)
    assert len({tuple(row) for row in r.frequencies}) == 200
    again = ferrox.sprite("3.5", "1.2", 50, 1, 7, n_samples=200, seed=11)
    assert np.array_equal(r.frequencies, again.frequencies)
    other = ferrox.sprite("3.5", "1.2", 50, 1, 7, n_samples=200, seed=12)
    assert not np.array_equal(r.frequencies, other.frequencies)
    assert r.samples.shape == (200, 50)


def test_without_a_seed_one_is_chosen_and_kept():
    r = ferrox.sprite("3.5", "1.2", 50, 1, 7, n_samples=5)
    again = ferrox.sprite("3.5", "1.2", 50, 1, 7, n_samples=5, seed=r.seed)
    assert np.array_equal(r.frequencies, again.frequencies)


def test_distinct_draws_are_the_closure_set():
    listed = ferrox.closure("3.5", "1.2", 20, 1, 7)
    r = ferrox.sprite("3.5", "1.2", 20, 1, 7, n_samples=10**6, seed=3)
    assert r.count == r.possible == listed.count
    assert {tuple(x) for x in r.frequencies} == {tuple(x) for x in listed.frequencies}


def test_with_replacement_repeats():
    r = ferrox.sprite("3.5", "0.5", 12, 1, 5, n_samples=20, seed=1, replace=True,
                      rounding_error_mean="0.05", rounding_error_sd="0.05")  # fmt: skip
    assert r.count == 20 and r.possible == 1
    assert (r.frequencies == r.frequencies[0]).all()


@pytest.mark.parametrize("method", ["uniform", "sprite"])
def test_restrictions_hold_in_every_sample(method):
    r = ferrox.sprite(
        "3.5", "1.9", 20, 1, 7, n_samples=30, seed=5, method=method,
        restrictions_exact={4: 3}, restrictions_minimum={2: 2},
    )  # fmt: skip
    assert r.count > 5
    assert (r.frequencies[:, 3] == 3).all() and (r.frequencies[:, 1] >= 2).all()
    assert all(consistent(row, r.values, 20, sd="1.9") for row in r.frequencies)
    ends = ferrox.sprite("3.5", "1.2", 50, 1, 7, n_samples=30, seed=5, method=method,
                         restrictions_minimum="range")  # fmt: skip
    assert (ends.frequencies[:, 0] >= 1).all() and (ends.frequencies[:, -1] >= 1).all()


def test_heuristic_reports_its_walks():
    r = ferrox.sprite("3.5", "1.2", 50, 1, 7, n_samples=50, seed=2, method="sprite")
    assert r.possible is None and r.count == 50
    assert r.attempts == r.count + r.failures + r.duplicates
    assert all(consistent(row, r.values, 50) for row in r.frequencies)


@pytest.mark.parametrize("method", ["uniform", "sprite"])
def test_impossible_reports_are_proved_impossible(method):
    r = ferrox.sprite("5.19", "1.00", 28, 1, 7, method=method)
    assert (r.count, r.possible) == (0, 0)
    assert len(r.to_pandas()) == 0 and r.frequencies.shape == (0, 7)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"method": "random"},
        {"restrictions_minimum": "ends"},
        {"restrictions_exact": {8: 1}},
        {"restrictions_exact": {2.5: 1}},
        {"restrictions_exact": [(2, 1)]},
        {"restrictions_exact": {2: -1}},
        {"n_samples": -1},
        {"seed": 2**60},
        {"max_iterations": 0},
    ],
)
def test_bad_arguments_are_clear_errors(kwargs):
    with pytest.raises(ferrox.InvalidInputError) as info:
        ferrox.sprite("3.5", "1.2", 50, 1, 7, **kwargs)
    assert isinstance(info.value, ValueError)


def test_frames_and_summary():
    r = ferrox.sprite("3.5", "1.2", 50, 1, 7, n_samples=8, seed=1)
    assert isinstance(r.to_pandas(), pd.DataFrame) and len(r.to_pandas()) == 8
    assert isinstance(r.to_polars(), pl.DataFrame)
    summary = r.summary()
    assert list(summary["value"]) == [1, 2, 3, 4, 5, 6, 7]
    assert (summary["min"] <= summary["mean"]).all() and (summary["mean"] <= summary["max"]).all()
    assert "8 samples of 26428 possible" in repr(r)


def test_plot_grid_or_ecdf():
    import matplotlib

    matplotlib.use("Agg")
    few = ferrox.sprite("3.5", "1.2", 50, 1, 7, n_samples=6, seed=1)
    grid = few.plot()
    assert sum(axis.axison for axis in grid.axes) == 6
    assert [p.get_height() for p in grid.axes[0].patches] == list(few.frequencies[0])
    many = ferrox.sprite("3.5", "1.2", 50, 1, 7, n_samples=100, seed=1).plot()
    assert len(many.axes) == 1 and len(many.axes[0].lines) == 100


def test_ctrl_c_interrupts_a_long_walk():
    import os
    import signal
    import threading
    import time

    threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        # Only 3, 4 and 5 may occur: an SD of 1.2 is out of reach, which
        # the walks cannot know.
        ferrox.sprite("3.5", "1.2", 50, 1, 7, method="sprite", max_iterations=10**15,
                      restrictions_exact={1: 0, 2: 0, 6: 0, 7: 0})  # fmt: skip
    assert time.perf_counter() - start < 3


def test_cases_too_large_to_count_are_drawn_by_the_chain():
    with pytest.raises(ferrox.TooLargeError, match="Markov chain"):
        ferrox.closure_count("3.21", "1.43", 2000, 1, 7)
    r = ferrox.sprite("3.21", "1.43", 2000, 1, 7, n_samples=20, seed=5)
    assert (r.method, r.possible, r.count) == ("chain", None, 20)
    assert all(consistent(row, r.values, 2000, "3.21", "1.43") for row in r.frequencies)
    again = ferrox.sprite("3.21", "1.43", 2000, 1, 7, n_samples=20, seed=5)
    assert np.array_equal(r.frequencies, again.frequencies)


def test_the_chain_can_be_asked_for():
    r = ferrox.sprite("3.5", "1.2", 50, 1, 7, n_samples=30, seed=3, method="chain")
    assert r.method == "chain" and r.possible is None
    assert all(consistent(row, r.values, 50) for row in r.frequencies)
    assert len({tuple(row) for row in r.frequencies}) == 30
    with pytest.raises(ferrox.UnsupportedError, match="narrow"):
        ferrox.sprite("3.50", "1.17", 12, 1, 7, method="chain")


@pytest.mark.parametrize("method", ["chain", "uniform", "sprite"])
def test_progress_reports_the_samples_drawn(method):
    seen = []
    result = ferrox.sprite(
        "3.5", "1.2", 40, 1, 7, n_samples=30, seed=3, method=method,
        progress=lambda done, total: seen.append((done, total)),
    )  # fmt: skip
    assert seen[-1] == (len(result.frequencies), 30)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    quiet = ferrox.sprite(
        "3.5", "1.2", 40, 1, 7, n_samples=30, seed=3, method=method, progress=False
    )
    assert (quiet.frequencies == result.frequencies).all()
