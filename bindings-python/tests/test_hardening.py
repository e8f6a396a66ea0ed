"""Hostile and huge inputs end soon, with an exact answer or a typed error."""

import ferrox
import numpy as np
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


def test_too_large_to_count_is_one_kind():
    with pytest.raises(ferrox.TooLargeError):
        ferrox.sprite("34.2", "8.1", 150, 18, 80, n_samples=2, seed=1)


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
