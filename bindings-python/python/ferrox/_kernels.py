"""Numeric kernels: matrix_power and robust real cubic roots."""

from __future__ import annotations

from typing import Any

import numpy as np

from ferrox import _ferrox


def matrix_power(
    a: Any, n: int, overflow: str = "raise", nan: str = "propagate", parallel: bool = True
) -> np.ndarray:
    """Raise square matrices to an integer power, like ``numpy.linalg.matrix_power``.

    ``n = 0`` gives the identity, ``n = 1`` a copy, and a negative ``n``
    inverts first (floats only). Stacked input of shape ``(..., M, M)``
    is raised matrix by matrix; any memory layout is read in place.

    Args:
        a: A NumPy array of float64, float32, int64 or int32, shape
            ``(..., M, M)``. Other array-likes are converted with
            ``numpy.asarray``; other dtypes are refused.
        n: The exponent.
        overflow: For integers: ``"raise"`` (the default) makes overflow a
            :class:`ferrox.TooLargeError` — the result is exact or an error;
            ``"wrap"`` wraps around silently, as NumPy does.
        nan: ``"propagate"`` (NumPy's behaviour) or ``"raise"``, which makes
            NaN in the input an error.
        parallel: Use every core (set ``False`` for one thread).

    Returns:
        An array of the same shape and dtype.

    Raises:
        ferrox.FerroxError: for non-square input, a singular matrix with a
            negative ``n``, integer overflow, or an unsupported dtype.

    >>> import numpy as np
    >>> matrix_power(np.array([[1, 1], [1, 0]]), 10)
    array([[89, 55],
           [55, 34]])
    >>> matrix_power(np.array([[2.0, 0.0], [0.0, 4.0]]), -1)
    array([[0.5 , 0.  ],
           [0.  , 0.25]])
    """
    return _ferrox.matrix_power_array(np.asarray(a), int(n), overflow, nan, parallel)


def cubic_roots(a: Any, b: Any, c: Any, d: Any) -> tuple[Any, Any]:
    """All real roots of ``a·y³ + b·y² + c·y + d = 0``, ascending.

    Robust where the usual formulas are not: near-double roots come out real
    and accurate (to about ``√ε`` or better) instead of NaN, coefficients from
    1e-300 to 1e300 neither overflow nor lose roots, a zero leading
    coefficient falls back to the quadratic or linear case, and NaN or
    infinite input gives no roots. Missing roots are NaN, never 0.

    Args:
        a, b, c, d: Coefficients: numbers, or arrays that broadcast together.

    Returns:
        For numbers, a tuple ``((r1, r2, r3), count)``. For arrays, a pair
        ``(roots, counts)``: ``roots`` of shape ``broadcast_shape + (3,)``
        and the ``counts`` of real roots (computed on all cores).

    >>> cubic_roots(1, 0, -7, 6)
    ((-3.0, 1.0, 2.0), 3)
    >>> roots, counts = cubic_roots([1.0, 1.0], 0.0, [-7.0, 1.0], [6.0, 0.0])
    >>> counts.tolist()
    [3, 1]
    """
    if all(np.ndim(x) == 0 for x in (a, b, c, d)):
        return _ferrox.cubic_roots_scalar(float(a), float(b), float(c), float(d))
    return _broadcast(a, b, c, d)


def cubic_y_root(x0: Any, y0: Any) -> tuple[Any, Any]:
    """The real roots of ``x0·y³ + 1.5·y − y0 = 0``, McFACTS's orbital cubic.

    The same as ``cubic_roots(x0, 0, 1.5, -y0)``; near-circular orbits
    (``x0 = -(1 - e²)/2``, ``y0 = 1`` with tiny ``e``), whose two roots near
    1 make other solvers return NaN, are solved accurately.

    >>> cubic_y_root(-0.5, 1.0)
    ((-2.0, 1.0, 1.0), 3)
    """
    if np.ndim(x0) == 0 and np.ndim(y0) == 0:
        return _ferrox.cubic_y_root_scalar(float(x0), float(y0))
    x0 = np.asarray(x0, dtype=np.float64)
    return _broadcast(x0, np.zeros(1), np.full(1, 1.5), -np.asarray(y0, dtype=np.float64))


def _broadcast(*coefficients: Any) -> tuple[np.ndarray, np.ndarray]:
    arrays = np.broadcast_arrays(*(np.asarray(x, dtype=np.float64) for x in coefficients))
    shape = arrays[0].shape
    columns = [np.ascontiguousarray(x).reshape(-1) for x in arrays]
    roots, counts = _ferrox.cubic_roots_columns(*columns)
    return roots.reshape(shape + (3,)), counts.reshape(shape)
