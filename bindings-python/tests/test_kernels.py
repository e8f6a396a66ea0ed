import doctest
import math

import ferrox
import mpmath
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

mpmath.mp.dps = 60


def reference_roots(a, b, c, d):
    """The real roots of the cubic with these exact double coefficients, to
    60 digits (mpmath), with multiplicity. Zero roots are factored out and
    the variable scaled to the roots' size first, since polyroots starts
    from the unit circle."""
    coefficients = [mpmath.mpf(x) for x in (a, b, c, d)]
    while coefficients and coefficients[0] == 0:
        coefficients.pop(0)
    zeros = []
    while len(coefficients) > 1 and coefficients[-1] == 0:
        coefficients.pop()
        zeros.append(0.0)
    degree = len(coefficients) - 1
    if degree < 1:
        return zeros
    scale = abs(coefficients[-1] / coefficients[0]) ** (mpmath.mpf(1) / degree)
    scaled = [x * scale ** (degree - i) for i, x in enumerate(coefficients)]
    try:
        roots = mpmath.polyroots(scaled[::-1], asc=True, maxsteps=400, extraprec=400)
    except mpmath.NoConvergence:
        assume(False)  # roots too far apart for polyroots to converge
    size = max(abs(r) for r in roots)
    real = [float(mpmath.re(r) * scale) for r in roots if abs(mpmath.im(r)) <= 1e-45 * size]
    return sorted(real + zeros)


def relative_errors(got, expected):
    return [abs(g - e) / abs(e) if e != 0 else abs(g) for g, e in zip(got, expected, strict=True)]


HARD = (
    [(-(1 - e * e) / 2, 1.0) for e in (0.5, 1e-2, 1e-4, 1e-6, 1e-7, 1e-8)]
    + [(1e-110, 1.0), (-1e-110, 1.0), (1e200, 1.0), (-1e200, 1.0)]
    + [(x0, 0.0) for x0 in (2.0, -2.0, 1e-300, -1e300)]
    + [(-0.3, 2.0), (1.0, 1.0), (-1e-8, 1e-8)]
)


@pytest.mark.parametrize(("x0", "y0"), HARD)
def test_hard_cubics_against_mpmath(x0, y0):
    (roots, count) = ferrox.cubic_y_root(x0, y0)
    expected = reference_roots(x0, 0.0, 1.5, -y0)
    assert count == len(expected), (roots, expected)
    assert all(math.isnan(r) for r in roots[count:])
    errors = relative_errors(roots[:count], expected)

    # Two roots closer than 1e-6 relative are a near-double pair: √ε territory.
    def paired(i):
        others = expected[:i] + expected[i + 1 :]
        return any(abs(expected[i] - e) < 1e-6 * abs(expected[i]) for e in others)

    close = [i for i in range(count) if paired(i)]
    for i, error in enumerate(errors):
        assert error <= (1e-7 if i in close else 1e-12), (x0, y0, roots, expected)


COEFFICIENT = st.floats(-1e6, 1e6, allow_nan=False).filter(lambda x: abs(x) > 1e-6)


@settings(deadline=None)
@given(st.lists(COEFFICIENT, min_size=4, max_size=4))
def test_random_cubics_against_mpmath(coefficients):
    a, b, c, d = coefficients
    (roots, count) = ferrox.cubic_roots(a, b, c, d)
    expected = reference_roots(a, b, c, d)
    gaps = [abs(x - y) for i, x in enumerate(expected) for y in expected[i + 1 :]]
    if gaps and min(gaps) < 1e-6 * max(abs(x) for x in expected):
        return  # near-double roots: covered by the hard set
    assert count == len(expected), (coefficients, roots, expected)
    assert max(relative_errors(roots[:count], expected), default=0) <= 1e-12


def test_cubic_arrays_broadcast_and_agree_with_scalars():
    x0 = np.array([-(1 - 1e-8**2) / 2, 1e-110, -0.375, np.nan])
    roots, counts = ferrox.cubic_y_root(x0, 1.0)
    assert roots.shape == (4, 3) and counts.tolist() == [3, 1, 3, 0]
    for row, x in zip(roots, x0, strict=True):
        scalar, _ = ferrox.cubic_y_root(float(x), 1.0)
        np.testing.assert_array_equal(row, np.array(scalar))
    grid, counts = ferrox.cubic_roots(np.ones((2, 1)), 0.0, [[-1.0, 1.0, -4.0]], 0.0)
    assert grid.shape == (2, 3, 3) and counts.tolist() == [[3, 1, 3]] * 2


def test_matrix_power_matches_numpy_and_keeps_dtype():
    rng = np.random.default_rng(0)
    for dtype in (np.float64, np.float32):
        a = rng.standard_normal((3, 5, 5)).astype(dtype)
        for n in (0, 1, 2, 3, 7, -1, -3):
            got = ferrox.matrix_power(a, n)
            assert got.dtype == dtype and got.shape == a.shape
            tol = 1e-4 if dtype == np.float32 else 1e-9
            np.testing.assert_allclose(got, np.linalg.matrix_power(a, n), rtol=tol, atol=tol)
    for dtype in (np.int64, np.int32):
        a = rng.integers(-3, 4, (4, 4)).astype(dtype)
        for n in (0, 1, 2, 5, 9):
            got = ferrox.matrix_power(a, n)
            assert got.dtype == dtype
            np.testing.assert_array_equal(got, np.linalg.matrix_power(a, n))


def test_matrix_power_reads_strided_views_in_place():
    a = np.arange(64.0).reshape(8, 8)[::2, ::2].T
    np.testing.assert_allclose(ferrox.matrix_power(a, 3), np.linalg.matrix_power(a, 3))
    assert ferrox.matrix_power([[1, 1], [1, 0]], 5).tolist() == [[8, 5], [5, 3]]


def test_integer_overflow_is_an_error_or_wraps_like_numpy():
    a = np.array([[1, 1], [1, 0]], dtype=np.int64)
    with pytest.raises(ferrox.TooLargeError, match="int64 overflow"):
        ferrox.matrix_power(a, 100)
    np.testing.assert_array_equal(
        ferrox.matrix_power(a, 100, overflow="wrap"), np.linalg.matrix_power(a, 100)
    )


@pytest.mark.parametrize(
    ("a", "n", "kwargs", "match"),
    [
        (np.zeros((2, 3)), 2, {}, "square"),
        (np.zeros(3), 2, {}, "two dimensions"),
        (np.array([[1.0, 2.0], [2.0, 4.0]]), -1, {}, "singular"),
        (np.array([[1, 2], [3, 4]]), -1, {}, "integer"),
        (np.array([[np.nan]]), 2, {"nan": "raise"}, "NaN"),
        (np.array([[1]], dtype=np.int8), 2, {}, "int32"),
        (np.eye(2), 2, {"overflow": "saturate"}, "overflow"),
    ],
)
def test_matrix_power_errors(a, n, kwargs, match):
    with pytest.raises(ferrox.FerroxError, match=match):
        ferrox.matrix_power(a, n, **kwargs)


def test_nan_propagates_by_default():
    assert np.isnan(ferrox.matrix_power(np.array([[np.nan, 0.0], [0.0, 1.0]]), 2)[0, 0])


MAGNITUDE = st.builds(
    lambda sign, exponent, mantissa: sign * mantissa * 10.0**exponent,
    st.sampled_from([-1.0, 1.0]),
    st.integers(-60, 60),
    st.floats(1.0, 9.99),
)


@settings(deadline=None, max_examples=300)
@given(st.lists(MAGNITUDE, min_size=4, max_size=4))
def test_cubics_of_wildly_different_scales_against_mpmath(coefficients):
    test_random_cubics_against_mpmath.hypothesis.inner_test(coefficients)


@pytest.mark.parametrize("function", [ferrox.matrix_power, ferrox.cubic_roots, ferrox.cubic_y_root])
def test_compiled_functions_document_examples_that_run(function):
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner()
    tests = finder.find(function, globs={"np": np, **vars(ferrox)})
    assert tests and tests[0].examples
    for test in tests:
        runner.run(test)
    assert runner.failures == 0
