"""DEBIT: could binary (0/1) data have this mean and SD?"""

from __future__ import annotations

from typing import Any

from ferrox import _ferrox
from ferrox._convert import Count, Reported, counts, is_scalar, reported
from ferrox._frames import (
    count_column,
    interval_columns,
    kind,
    logical,
    reported_column,
    with_columns,
)


def debit(
    x: Reported,
    sd: Reported,
    n: Count,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
    compat: str | None = None,
) -> Any:
    """Test whether a reported mean and SD are possible for binary data.

    With ``k`` ones among ``n`` values the mean is ``k / n`` and the SD is
    fixed by it; exact mode asks whether some ``k`` gives both reports.
    ``compat="scrutiny"`` replays R scrutiny 0.6.1, which skips the mean's
    granularity and only rounds the SDs of the mean interval's two ends.

    Args:
        x: Reported mean(s) (shares of ones) as strings, between 0 and 1.
        sd: Reported sample SD(s) as strings, between 0 and 1.
        n: Sample size(s).
        rounding, threshold, symmetric: How the reports were rounded, as in
            :func:`ferrox.grim`.
        compat: ``None`` for the exact answer, ``"scrutiny"`` for scrutiny's.

    Returns:
        A bool (a list for vector input); ``None`` where scrutiny gives NA.

    >>> debit("0.36", "0.11", n=20)
    False
    >>> debit("0.5", "0.53", n=10)
    True
    >>> debit("0.5", "0.53", n=10, compat="scrutiny")
    False
    """
    consistency, _, _ = _ferrox.debit_columns(
        reported(x), reported(sd), counts(n, "n"), rounding, threshold, symmetric, compat
    )
    return consistency[0] if is_scalar(x, sd, n) else consistency


def debit_map(
    data: Any,
    x: str = "x",
    sd: str = "sd",
    n: str = "n",
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
    compat: str | None = None,
    show_rec: bool = False,
) -> Any:
    """DEBIT-test every row of a pandas or polars DataFrame.

    Args:
        data: A DataFrame with columns of reported means, SDs and sample sizes.
        x, sd, n: The names of those columns.
        rounding, threshold, symmetric, compat: As in :func:`debit`.
        show_rec: Also add the intervals each mean and SD were rounded from
            (``x_lower`` … ``sd_incl_upper``).

    Returns:
        The same kind of DataFrame with ``consistency`` added (nullable
        booleans where scrutiny gives NA).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": ["0.36", "0.5"], "sd": ["0.11", "0.53"], "n": [20, 10]})
    >>> debit_map(df)["consistency"].tolist()
    [False, True]
    """
    kind(data)
    consistency, x_bounds, sd_bounds = _ferrox.debit_columns(
        reported_column(data, x),
        reported_column(data, sd),
        count_column(data, n),
        rounding,
        threshold,
        symmetric,
        compat,
    )
    columns: dict[str, Any] = {"consistency": logical(data, consistency)}
    if show_rec:
        columns |= interval_columns({"x": x_bounds, "sd": sd_bounds})
    return with_columns(data, columns)
