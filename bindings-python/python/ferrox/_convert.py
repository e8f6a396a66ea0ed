"""Turning Python values into the columns the compiled core takes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

Reported = str | float | int | Sequence[Any] | np.ndarray
Count = int | float | Sequence[Any] | np.ndarray


def is_scalar(*values: Any) -> bool:
    """True when every value is a single value rather than an array-like."""
    return all(isinstance(v, str) or np.ndim(v) == 0 for v in values)


def reported(values: Reported) -> list[Any] | np.ndarray:
    """Strings stay strings (trailing zeros matter); numbers become float64.
    The core reads anything else through ``str()``."""
    if isinstance(values, str):
        return [values]
    array = np.asarray(values)
    if array.dtype.kind in "biuf":
        return np.ascontiguousarray(array, dtype=np.float64).reshape(-1)
    return array.reshape(-1).tolist()


def counts(values: Count) -> np.ndarray:
    """Counts as float64; the core checks that each one is a whole number."""
    array = np.asarray(values)
    if array.dtype.kind not in "biuf":
        from ferrox._ferrox import InvalidInputError

        raise InvalidInputError(f"counts must be numbers, got {array.dtype} values")
    return np.ascontiguousarray(array, dtype=np.float64).reshape(-1)
