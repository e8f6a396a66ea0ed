"""Rounding, forwards and backwards: R scrutiny's rounding toolbox.

Every function rounds the decimal as written (``"2.675"`` is a tie), so
exact mode never depends on how a double happens to store a number;
``compat="scrutiny"`` replays scrutiny 0.6.1's doubles instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._convert import Count, Reported, counts, is_scalar, reported_or_missing
from ferrox._frames import frame_library, logical, new_frame


def _whole_or_array(values: np.ndarray, scalar: bool) -> Any:
    return float(values[0]) if scalar and len(values) == 1 else values


def reround(
    x: Reported,
    digits: Count = 0,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
    compat: str | None = None,
) -> Any:
    """Round ``x`` to ``digits`` decimals by a rounding procedure, as
    scrutiny's ``reround()``.

    A pair procedure (``"up_or_down"``, ``"up_from_or_down_from"``,
    ``"ceiling_or_floor"``) gives both of its results for each value, one
    after the other. Negative ``digits`` round to tens, hundreds and so on;
    missing values stay missing (NaN).

    Args:
        x: Numbers or strings; strings are rounded as written.
        digits: Decimals to keep, one for all values or one per value.
        rounding: One of the twelve procedures.
        threshold: The digit from which ``*_from`` procedures round up.
        symmetric: Round negative numbers as their absolute values.
        compat: ``"scrutiny"`` to replay scrutiny's doubles.

    Returns:
        A float for one value and one procedure, else a float64 array.

    >>> reround("2.675", 2, rounding="up")
    2.68
    >>> reround(0.125, 2).tolist()
    [0.13, 0.12]
    """
    out = _ferrox.reround_column(
        reported_or_missing(x), counts(digits, "digits"), rounding, threshold, symmetric, compat
    )
    return _whole_or_array(out, is_scalar(x, digits))


def round_up(
    x: Reported, digits: Count = 0, symmetric: bool = False, compat: str | None = None
) -> Any:
    """Round half up: ties go up the number line (``symmetric``: away from
    zero).

    >>> round_up("4.125", 2)
    4.13
    """
    return reround(x, digits, "up", 5, symmetric, compat)


def round_down(
    x: Reported, digits: Count = 0, symmetric: bool = False, compat: str | None = None
) -> Any:
    """Round half down: ties go down the number line (``symmetric``:
    towards zero).

    >>> round_down("4.125", 2)
    4.12
    """
    return reround(x, digits, "down", 5, symmetric, compat)


def round_up_from(
    x: Reported,
    digits: Count = 0,
    threshold: float = 5,
    symmetric: bool = False,
    compat: str | None = None,
) -> Any:
    """Round up when the cut-off part is at least ``threshold`` tenths of a
    step, else down. ``threshold`` 5 is :func:`round_up`.

    >>> round_up_from("4.14", 1, threshold=4)
    4.2
    """
    if threshold == 5:
        return round_up(x, digits, symmetric, compat)
    return reround(x, digits, "up_from", threshold, symmetric, compat)


def round_down_from(
    x: Reported,
    digits: Count = 0,
    threshold: float = 5,
    symmetric: bool = False,
    compat: str | None = None,
) -> Any:
    """Round down when the cut-off part is at most ``10 - threshold`` tenths
    of a step, else up. ``threshold`` 5 is :func:`round_down`.

    >>> round_down_from("4.16", 1, threshold=4)
    4.1
    """
    if threshold == 5:
        return round_down(x, digits, symmetric, compat)
    return reround(x, digits, "down_from", threshold, symmetric, compat)


def round_ceiling(x: Reported, digits: Count = 0, compat: str | None = None) -> Any:
    """Round towards +∞.

    >>> round_ceiling("-4.19", 1)
    -4.1
    """
    return reround(x, digits, "ceiling", 5, False, compat)


def round_floor(x: Reported, digits: Count = 0, compat: str | None = None) -> Any:
    """Round towards −∞.

    >>> round_floor("-4.11", 1)
    -4.2
    """
    return reround(x, digits, "floor", 5, False, compat)


def round_trunc(x: Reported, digits: Count = 0, compat: str | None = None) -> Any:
    """Round towards zero.

    >>> round_trunc("-4.19", 1)
    -4.1
    """
    return reround(x, digits, "trunc", 5, False, compat)


def round_anti_trunc(x: Reported, digits: Count = 0, compat: str | None = None) -> Any:
    """Round away from zero. A value that needs no rounding is kept; with
    ``compat="scrutiny"`` it moves a step, as in scrutiny (``2`` to ``3``).

    >>> round_anti_trunc("4.11", 1)
    4.2
    """
    return reround(x, digits, "anti_trunc", 5, False, compat)


def anti_trunc(x: Reported, compat: str | None = None) -> Any:
    """:func:`round_anti_trunc` to whole numbers, as scrutiny's
    ``anti_trunc()``.

    >>> anti_trunc("-2.5")
    -3.0
    """
    return round_anti_trunc(x, 0, compat)


def unround(
    x: Reported,
    rounding: str = "up_or_down",
    threshold: float = 5,
    compat: str | None = None,
    frame: str = "pandas",
) -> Any:
    """The interval each reported value can have been rounded from, as
    scrutiny's ``unround()``: columns ``range``, ``rounding``, ``lower``,
    ``incl_lower``, ``x``, ``incl_upper``, ``upper``.

    Args:
        x: Reported values as strings (trailing zeros count; numbers are
            accepted with a warning).
        rounding: The procedure that made ``x``; pairs give the interval of
            either.
        threshold: The digit of the ``*_from`` procedures.
        compat: ``"scrutiny"`` for scrutiny's double bounds.
        frame: ``"pandas"`` or ``"polars"``.

    >>> unround(["2.7", "0.15"])["range"].tolist()
    ['2.65 <= x(2.7) <= 2.75', '0.145 <= x(0.15) <= 0.155']
    """
    library = frame_library(frame)
    ranges, lower, upper, incl_lower, incl_upper, texts = _ferrox.unround_column(
        reported_or_missing(x), rounding, threshold, compat
    )
    return new_frame(
        library,
        {
            "range": ranges,
            "rounding": [rounding] * len(ranges),
            "lower": lower,
            "incl_lower": logical(library, incl_lower),
            "x": texts,
            "incl_upper": logical(library, incl_upper),
            "upper": upper,
        },
    )


def restore_zeros(
    x: Reported, width: int | None = None, sep_in: str = ".", sep_out: str | None = None
) -> Any:
    """Put back trailing zeros that a spreadsheet or a conversion to numbers
    dropped: every value is written with ``width`` decimals, or as many as
    the value with the most (scrutiny's ``restore_zeros``). A value with
    more decimals than ``width`` is an error, never rounded.

    Args:
        x: Values as strings or numbers.
        width: Decimals to write; by default the most any value has.
        sep_in: The decimal separator of ``x``.
        sep_out: The separator to write; by default ``sep_in``.

    Returns:
        A string for one value, else a list of strings (None where missing).

    >>> restore_zeros(["4.1", "7", "2.375"])
    ['4.100', '7.000', '2.375']
    >>> restore_zeros("0.5", width=2)
    '0.50'
    """
    if isinstance(x, str | int | float) and width is None:
        import warnings

        warnings.warn(
            "a single value sets its own width, so no zeros can be restored; give `width`",
            stacklevel=2,
        )
    out = _ferrox.restore_zeros_column(
        reported_or_missing(x),
        None if width is None else float(width),
        sep_in,
        sep_in if sep_out is None else sep_out,
    )
    return out[0] if is_scalar(x) else out


def reround_to_fraction(
    x: Reported,
    denominator: Count = 1,
    digits: float = float("inf"),
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
    compat: str | None = None,
) -> Any:
    """Round to the nearest fraction ``1 / denominator`` (``"1.26"`` to
    quarters is 1.25), then, if ``digits`` is finite, to that many decimals,
    by the same procedure: scrutiny's ``reround_to_fraction``. A pair
    procedure gives both of its results per value.

    >>> reround_to_fraction("0.4", 3, rounding="up")
    0.3333333333333333
    >>> reround_to_fraction("0.4", 3, digits=2, rounding="up")
    0.33
    """
    out = _ferrox.reround_to_fraction_column(
        reported_or_missing(x),
        counts(denominator, "denominator"),
        None if np.isinf(digits) else float(digits),
        rounding,
        threshold,
        symmetric,
        compat,
    )
    return _whole_or_array(out, is_scalar(x, denominator))


def rounding_bias(
    x: Reported,
    digits: Count,
    rounding: str = "up",
    threshold: float = 5,
    symmetric: bool = False,
    mean: bool = True,
    compat: str | None = None,
) -> Any:
    """The bias rounding brings: rounded minus unrounded values, and by
    default their mean (scrutiny's ``rounding_bias``). Needs one procedure,
    not a pair.

    >>> rounding_bias(["0.5", "1.5", "2.25"], 0)
    0.25
    >>> rounding_bias(["0.5", "1.5", "2.25"], 0, mean=False).tolist()
    [0.5, 0.5, -0.25]
    """
    values, average = _ferrox.rounding_bias_column(
        reported_or_missing(x), counts(digits, "digits"), rounding, threshold, symmetric, compat
    )
    return average if mean else values
