"""GRIMMER: could integer data have this mean *and* this SD?"""

from __future__ import annotations

from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._convert import Count, Reported, counts, is_scalar, reported
from ferrox._frames import (
    categorical,
    count_column,
    items_column,
    kind,
    reported_column,
    rounded_from,
    with_columns,
)


def grimmer(
    x: Reported,
    sd: Reported,
    n: Count,
    items: Count = 1,
    scale_min: float | None = None,
    scale_max: float | None = None,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
    compat: str | None = None,
    show_reason: bool = False,
) -> Any:
    """Test whether a reported mean and SD are possible for integer data.

    Exact mode (the default) checks every sum GRIM allows: is there an
    integer sum of squares whose SD rounds to the report (test 1), with the
    parity of its sum (test 2), that some sample of integers actually has
    (test 3; on the scale when ``scale_min`` and ``scale_max`` are given)?
    ``compat="scrutiny"`` replays R scrutiny 0.6.1, which tries a single sum
    and whose test 3 is a parity check.

    Args:
        x: Reported mean(s) as strings (``"5.20"`` keeps its two decimals).
        sd: Reported sample SD(s) as strings.
        n: Sample size(s).
        items: Number of integer items averaged into each score.
        scale_min, scale_max: The lowest and highest possible score, when
            known: the SD must then also be reachable on the scale.
        rounding, threshold, symmetric: How the reports were rounded, as in
            :func:`ferrox.grim`.
        compat: ``None`` for the exact answer, ``"scrutiny"`` for scrutiny's.
        show_reason: Also return the reason: ``"Passed all"``,
            ``"GRIM inconsistent"`` or ``"GRIMMER inconsistent (test k)"``.

    Returns:
        A bool (an array for vector input); with ``show_reason`` a pair of
        it and the reason(s).

    >>> grimmer("5.23", "2.55", n=35)
    False
    >>> grimmer("3.6", "1.99", n=40, show_reason=True)
    (True, 'Passed all')
    >>> grimmer("3.6", "1.99", n=40, compat="scrutiny", show_reason=True)
    (False, 'GRIMMER inconsistent (test 3)')
    """
    consistency, codes, reasons = _ferrox.grimmer_columns(
        reported(x),
        reported(sd),
        counts(n, "n"),
        counts(items, "items"),
        rounding,
        threshold,
        symmetric,
        scale_min,
        scale_max,
        compat,
    )
    if is_scalar(x, sd, n, items):
        answer: Any = bool(consistency[0])
        reason: Any = reasons[codes[0]]
    else:
        answer, reason = consistency, np.array(reasons)[codes]
    return (answer, reason) if show_reason else answer


def grimmer_map(
    data: Any,
    x: str = "x",
    sd: str = "sd",
    n: str = "n",
    items: str = "items",
    scale_min: float | None = None,
    scale_max: float | None = None,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
    compat: str | None = None,
    show_rec: bool = False,
) -> Any:
    """GRIMMER-test every row of a pandas or polars DataFrame.

    Args:
        data: A DataFrame with columns of reported means, SDs and sample
            sizes; an ``items`` column is used where present.
        x, sd, n, items: The names of those columns.
        scale_min, scale_max, rounding, threshold, symmetric, compat: As in
            :func:`grimmer`.
        show_rec: Also add the intervals each mean and SD were rounded from
            (``x_lower`` … ``sd_incl_upper``).

    Returns:
        The same kind of DataFrame with ``consistency`` and ``reason`` (a
        categorical column) added.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": ["5.23", "5.23"], "sd": ["2.55", "2.55"], "n": [35, 31]})
    >>> grimmer_map(df)[["consistency", "reason"]].values.tolist()
    [[False, 'GRIMMER inconsistent (test 2)'], [True, 'Passed all']]
    """
    kind(data)
    means, sds = reported_column(data, x), reported_column(data, sd)
    consistency, codes, reasons = _ferrox.grimmer_columns(
        means,
        sds,
        count_column(data, n),
        items_column(data, items),
        rounding,
        threshold,
        symmetric,
        scale_min,
        scale_max,
        compat,
    )
    columns = {"consistency": consistency, "reason": categorical(kind(data), codes, reasons)}
    if show_rec:
        reports = {"x": means, "sd": sds}
        columns |= rounded_from(reports, rounding, threshold, symmetric, compat)
    return with_columns(data, columns)
