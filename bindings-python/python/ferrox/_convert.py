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


def _invalid(message: str) -> Exception:
    from ferrox._ferrox import InvalidInputError

    return InvalidInputError(message)


def _float64(array: np.ndarray) -> np.ndarray:
    """Numbers as native float64 in C order, their shape kept. A float16 or
    float32 is read as its own shortest decimal (``np.float32(5.2)`` is 5.2,
    not 5.199999809265137): the decimal the user typed."""
    if array.dtype.kind == "f" and array.dtype.itemsize < 8:
        array = array.astype(str)
    return np.ascontiguousarray(array, dtype=np.float64)


def reported(values: Reported) -> list[Any] | np.ndarray:
    """Strings stay strings (trailing zeros matter); numbers become float64;
    booleans are refused. The core reads anything else through ``str()``."""
    if isinstance(values, str):
        return [values]
    array = np.asarray(values)
    if array.dtype.kind == "b":
        raise _invalid("reported values must be strings or numbers, not booleans")
    if array.size == 0:
        return []  # an empty column has no type to warn about
    if array.dtype.kind in "iuf":
        return _float64(array).reshape(-1)
    return array.reshape(-1).tolist()


def reported_or_missing(values: Reported) -> list[Any] | np.ndarray:
    """:func:`reported`, with None read as missing (like NaN), for functions
    where a missing value has an answer."""
    out = reported(values)
    if isinstance(out, list):
        return ["NA" if v is None else v for v in out]
    return out


def numbers(values: Any, name: str) -> np.ndarray:
    """Numbers (not booleans, strings or None) as float64, shape kept."""
    array = np.asarray(values)
    if array.dtype.kind not in "iuf":
        raise _invalid(f"`{name}` must be numbers, got {array.dtype} values")
    return _float64(array)


def counts(values: Count, name: str = "counts") -> np.ndarray:
    """Counts as a flat float64 column; the core checks that each one is a
    whole number."""
    return numbers(values, name).reshape(-1)


def number(value: Any, name: str) -> float:
    """One number argument (a count, a scale end, a setting), as a float:
    Python and NumPy numbers, not booleans, strings or None. The core then
    checks its value, the same rule as in R and the CLI."""
    numeric = isinstance(value, int | float | np.integer | np.floating)
    if not numeric or isinstance(value, bool | np.bool_):
        raise _invalid(f"`{name}` must be a number, got {type(value).__name__}")
    return float(_float64(np.asarray(value)).reshape(-1)[0])


def reported_scalar(value: Any, name: str) -> Any:
    """One reported value: a string as written, a number as a float (read
    as its own shortest decimal), None as None."""
    if value is None or isinstance(value, str):
        return value
    return number(value, name)
