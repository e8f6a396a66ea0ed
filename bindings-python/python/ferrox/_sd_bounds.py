"""SD bounds on a bounded scale: the least and greatest SD a sample with the
reported mean can have (rsprite2's ``boundary_test``, exact)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._convert import Count, Reported, counts, reported
from ferrox._frames import (
    count_column,
    frame_library,
    has_column,
    items_column,
    kind,
    logical,
    new_frame,
    reported_column,
    with_columns,
)


def sd_bounds(
    x: Reported,
    n: Count,
    scale_min: Count,
    scale_max: Count,
    sd: Reported | None = None,
    items: Count = 1,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
    frame: str = "pandas",
) -> Any:
    """The least and greatest sample SD of any ``n`` integer scores on the
    scale whose mean rounds to ``x``, and, with ``sd``, whether the reported
    SD can round from a value between them.

    Cheaper and weaker than :func:`closure_exists`: it ignores which SDs
    integers can make and whether one sample has both the mean and the SD.
    A report ``closure_exists`` accepts always passes here.

    Args:
        x: Reported means, as strings.
        n: Sample sizes (at least 2).
        scale_min, scale_max: The scale's least and greatest score per item.
        sd: Reported SDs, as strings; leave out for the bounds alone.
        items: Items averaged into each score.
        rounding, threshold, symmetric: As in :func:`grim`.
        frame: ``"pandas"`` or ``"polars"``.

    Returns:
        A DataFrame with ``x``, ``n``, ``sd_min``, ``sd_max`` and, with
        ``sd``, ``sd`` and ``consistency``. The bounds are NaN where no
        sample has the mean (and ``consistency`` is then False).

    >>> sd_bounds("4.00", 20, 1, 7, sd=["1.5", "3.5"])["consistency"].tolist()
    [True, False]
    >>> round(float(sd_bounds("4.00", 20, 1, 7)["sd_max"][0]), 4)
    3.0779
    """
    library = frame_library(frame)
    means = reported(x)
    reported_sd = None if sd is None else reported(sd)
    sd_min, sd_max, consistency = _ferrox.sd_bounds_columns(
        means,
        reported_sd,
        counts(n, "n"),
        counts(items, "items"),
        counts(scale_min, "scale_min"),
        counts(scale_max, "scale_max"),
        rounding,
        threshold,
        symmetric,
    )
    rows = len(sd_min)
    columns: dict[str, Any] = {
        "x": _spread(means, rows),
        "n": _spread(np.atleast_1d(np.asarray(n)), rows),
        "sd_min": sd_min,
        "sd_max": sd_max,
    }
    if reported_sd is not None:
        columns["sd"] = _spread(reported_sd, rows)
        columns["consistency"] = logical(library, consistency)
    return new_frame(library, columns)


def _spread(values: Any, rows: int) -> list[Any]:
    """A column of one value per row, or one value repeated."""
    values = list(values.tolist() if isinstance(values, np.ndarray) else values)
    return values * rows if len(values) == 1 else values


def sd_bounds_map(
    data: Any,
    scale_min: str | float,
    scale_max: str | float,
    x: str = "x",
    sd: str = "sd",
    n: str = "n",
    items: str = "items",
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
) -> Any:
    """:func:`sd_bounds` on every row of a pandas or polars DataFrame.

    Args:
        data: A DataFrame with columns of reported means, SDs and sample sizes
            (and optionally item counts).
        scale_min, scale_max: The scale's ends: numbers for every row, or the
            names of columns that hold them.
        x, sd, n, items: The names of those columns (no ``items`` column
            means one item).
        rounding, threshold, symmetric: As in :func:`grim`.

    Returns:
        The same kind of DataFrame with ``sd_min``, ``sd_max`` and
        ``consistency`` added.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": ["4.00", "4.00"], "sd": ["1.5", "3.5"], "n": [20, 20]})
    >>> sd_bounds_map(df, 1, 7)["consistency"].tolist()
    [True, False]
    """
    library = kind(data)

    def scale_end(end: str | float, name: str) -> np.ndarray:
        return count_column(data, end) if isinstance(end, str) else counts(end, name)

    sd_min, sd_max, consistency = _ferrox.sd_bounds_columns(
        reported_column(data, x),
        reported_column(data, sd) if has_column(data, sd) else None,
        count_column(data, n),
        items_column(data, items),
        scale_end(scale_min, "scale_min"),
        scale_end(scale_max, "scale_max"),
        rounding,
        threshold,
        symmetric,
    )
    columns: dict[str, Any] = {"sd_min": sd_min, "sd_max": sd_max}
    if has_column(data, sd):
        columns["consistency"] = logical(library, consistency)
    return with_columns(data, columns)
