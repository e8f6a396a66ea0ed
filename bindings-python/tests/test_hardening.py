"""Hostile and huge inputs end soon, with an exact answer or a typed error."""

import ferrox
import numpy as np
import pandas as pd
import pytest


def test_scrutiny_grimmer_ends_on_huge_n():
    with pytest.raises(ferrox.TooLargeError):
        ferrox.grimmer("3", "1.000000000000", 10**15, compat="scrutiny")
    assert ferrox.grimmer("3", "1", 10**7, compat="scrutiny")


def test_counting_a_huge_n_fails_early():
    with pytest.raises(ferrox.TooLargeError):
        ferrox.closure_count("5", "3", 4_000_000_000, 0, 10)


@pytest.mark.parametrize("n", [2**53, 2**53 + 1, 2**64 - 1])
def test_one_limit_on_n(n):
    with pytest.raises(ferrox.InvalidInputError, match="n"):
        ferrox.grim("5.19", n)
    with pytest.raises(ferrox.InvalidInputError):
        ferrox.debit("0.5", "0.5", n)


def test_huge_n_is_exact_or_too_large():
    try:
        assert ferrox.grimmer("3", "1", 2**53 - 1, items=2047)
    except ferrox.TooLargeError:
        pass
    assert ferrox.debit("0.5", "0.5", 2**53 - 1)


def test_seeds_a_double_cannot_hold_are_refused():
    with pytest.raises(ferrox.InvalidInputError, match="seed"):
        ferrox.sprite("3.5", "1.2", 50, 1, 7, n_samples=2, seed=2**53 + 1)


def test_too_large_to_count_is_drawn_by_the_chain_up_to_a_bound():
    assert ferrox.sprite("34.2", "8.1", 150, 18, 80, n_samples=2, seed=1).method == "chain"
    with pytest.raises(ferrox.TooLargeError, match="limited to n = 1000000"):
        ferrox.sprite("3.21", "1.43", 50_000_000, 1, 7, n_samples=2, seed=1)
    with pytest.raises(ferrox.TooLargeError, match="Markov chain would take"):
        ferrox.sprite("50.5", "20.3", 900_000, 0, 100, items=10, n_samples=2, seed=1)


def test_batches_hold_what_exists():
    batches = ferrox.closure_batches(
        "3.5",
        "1.2",
        50,
        0,
        7,
        rounding_error_mean=0.05,
        rounding_error_sd=0.005,
        batch_size=10**10,
    )
    assert sum(len(b) for b in batches) == 7980


def test_memory_caps_must_be_numbers_of_mb():
    with pytest.raises(ferrox.InvalidInputError, match="max_memory_mb"):
        ferrox.sprite("3.5", "1.2", 50, 1, 7, seed=1, max_memory_mb=float("nan"))


def test_messages_quote_long_input_briefly():
    with pytest.raises(ferrox.InvalidInputError) as error:
        ferrox.grim("1" * 10**6 + "x", 28)
    assert len(str(error.value)) < 300


def test_each_kind_has_its_class():
    assert issubclass(ferrox.IntegerOverflowError, ferrox.TooLargeError)
    assert issubclass(ferrox.SingularMatrixError, ferrox.FerroxError)
    assert issubclass(ferrox.InternalError, ferrox.FerroxError)
    assert issubclass(ferrox.FerroxIOError, OSError)
    assert issubclass(ferrox.FerroxMemoryError, MemoryError)
    with pytest.raises(ferrox.SingularMatrixError):
        ferrox.matrix_power(np.array([[1.0, 2.0], [2.0, 4.0]]), -1)
    with pytest.raises(ferrox.IntegerOverflowError):
        ferrox.matrix_power(np.array([[1, 1], [1, 0]]), 100)


@pytest.mark.filterwarnings("ignore:.*trailing zeros")
def test_float32_reads_as_the_decimal_typed():
    assert ferrox.grim(np.float32(5.2), 5)
    assert ferrox.grim(np.array([5.2], dtype=np.float32), 5).tolist() == [True]
    assert ferrox.grimmer(np.float32(5.2), np.float32(1.1), 40) == ferrox.grimmer("5.2", "1.1", 40)
    assert ferrox.debit(np.float32(0.3), np.float32(0.46), 50) == ferrox.debit("0.3", "0.46", 50)
    assert ferrox.closure_count(np.float32(3.5), np.float32(1.2), 50, 0, 7) == 51529
    frame = pd.DataFrame({"x": np.array([5.2, 5.19], dtype=np.float32), "n": [5, 28]})
    assert ferrox.grim_map(frame)["consistency"].tolist() == [True, False]


@pytest.mark.parametrize(
    "call",
    [
        lambda: ferrox.grim(True, 28),
        lambda: ferrox.grim("5.19", True),
        lambda: ferrox.closure_count("3.5", "1.2", "50", 0, 7),
        lambda: ferrox.cubic_roots(None, 0, -1, 0),
        lambda: ferrox.cubic_roots("1", 0, -1, 0),
        lambda: ferrox.cubic_roots(True, 0, -1, 0),
        lambda: ferrox.closure("3.5", "0.5", 12, 1, 5, stop_after=-1),
        lambda: ferrox.sprite("3.5", "1.2", 50, 1, 7, seed=None, n_samples="2"),
    ],
)
def test_one_rule_for_what_is_accepted(call):
    with pytest.raises(ferrox.InvalidInputError):
        call()


@pytest.mark.filterwarnings("ignore:.*trailing zeros")
def test_any_byte_order():
    big = np.array([[1.0, 1.0], [1.0, 0.0]], dtype=">f8")
    assert ferrox.matrix_power(big, 3).tolist() == [[3.0, 2.0], [2.0, 1.0]]
    assert ferrox.grim(np.array([5.19], dtype=">f8"), np.array([28], dtype=">f8")).tolist() == [
        False
    ]


def test_tables_refuse_what_they_cannot_read():
    with pytest.raises(TypeError, match="Series"):
        ferrox.grim_map(pd.Series([5.19]))
    frame = pd.DataFrame([["5.19", 28, "5.2"]], columns=["x", "n", "x"])
    with pytest.raises(ferrox.InvalidInputError, match="several columns"):
        ferrox.grim_map(frame)


def test_audit_reads_verdicts_by_one_rule():
    strings = pd.DataFrame({"consistency": ["False", "False", "True"], "probability": [0.5] * 3})
    assert ferrox.audit(strings)["incons_cases"].tolist() == [2.0]
    ones = pd.DataFrame({"consistency": [1, 0, 1]})
    assert ferrox.audit(ones)[["incons_cases", "na_cases"]].values.tolist() == [[1.0, 0.0]]
    nullable = pd.DataFrame({"consistency": pd.array([True, None, False], dtype="boolean")})
    assert ferrox.audit(nullable)[["incons_cases", "na_cases"]].values.tolist() == [[1.0, 1.0]]
    with pytest.raises(ferrox.InvalidInputError, match="row 2"):
        ferrox.audit(pd.DataFrame({"consistency": ["TRUE", "maybe"]}))
    with pytest.raises(ferrox.InvalidInputError, match="GRIM decides every case"):
        ferrox.audit(pd.DataFrame({"consistency": [True, None], "probability": [0.5, 0.5]}))


def test_exact_grimmer_on_a_scale_decides_at_once():
    assert not ferrox.grimmer("2", "5", 10**12, scale_min=1, scale_max=2)
    assert ferrox.grimmer("3", "1", 10**12)


def _interrupt_after(seconds):
    import os
    import signal
    import threading

    threading.Timer(seconds, lambda: os.kill(os.getpid(), signal.SIGINT)).start()


@pytest.mark.parametrize(
    "work",
    [
        # An 800 x 800 power with a 62-bit exponent: 122 products.
        lambda: ferrox.matrix_power(np.full((800, 800), 1 / 800), 2**62 - 1),
        # The first batch of a stream with batches far larger than a second's work.
        lambda: next(
            ferrox.closure_batches(
                "4",
                "1.5",
                300,
                1,
                7,
                rounding_error_mean=0.05,
                rounding_error_sd=0.05,
                batch_size=6 * 10**7,
            )
        ),
        # GRIMMER on a table of ten million rows, a few seconds' work.
        lambda: ferrox.grimmer(np.full(10**7, 3.45), np.full(10**7, 1.21), 40),
    ],
    ids=["matrix_power", "closure_batches", "grimmer_table"],
)
@pytest.mark.filterwarnings("ignore:.*trailing zeros")
def test_ctrl_c_stops_long_work_within_a_second(work):
    import time

    _interrupt_after(0.5)
    start = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        work()
    assert time.perf_counter() - start < 1.5


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7])
def test_nan_from_infinities_lands_where_numpy_puts_it(n):
    for a in (
        np.array([[np.inf, 1.0], [1.0, 0.0]]),
        np.array([[1.0, np.inf, 0.0], [0.0, 1.0, np.inf], [np.inf, 0.0, 1.0]]),
    ):
        expected = np.linalg.matrix_power(a, n)
        got = ferrox.matrix_power(a, n)
        assert np.array_equal(np.isnan(got), np.isnan(expected))
        assert np.array_equal(np.nan_to_num(got), np.nan_to_num(expected))
    with pytest.raises(ferrox.InvalidInputError, match="NaN"):
        ferrox.matrix_power(np.array([[np.inf, 0.0], [0.0, 0.0]]), 2, nan="raise")


@pytest.mark.parametrize("ends", [("a", "a"), ("a", 1)])
def test_split_by_parens_needs_two_different_suffixes(ends):
    frame = pd.DataFrame({"cell": ["5.20 (1.43)"]})
    with pytest.raises(ferrox.InvalidInputError, match="two different suffixes"):
        ferrox.split_by_parens(frame, "cell", end1=ends[0], end2=ends[1])


@pytest.mark.parametrize(
    "call",
    [
        lambda: ferrox.sprite(
            "3.5", "1.2", 50, 1, 7, n_samples=10**10, replace=True, seed=1, max_memory_mb=1e9
        ),
        lambda: ferrox.closure(
            "4",
            "1.5",
            300,
            1,
            7,
            rounding_error_mean=0.05,
            rounding_error_sd=0.05,
            max_memory_mb=1e9,
        ),
    ],
    ids=["sprite", "closure"],
)
def test_more_memory_than_the_machine_has_fails_up_front(call):
    import time

    start = time.perf_counter()
    with pytest.raises(ferrox.FerroxMemoryError):
        call()
    assert time.perf_counter() - start < 5
