"""GRIM: is a reported mean of integer data possible with this sample size?"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._convert import Count, Reported, counts, is_scalar, numbers, reported
from ferrox._frames import (
    count_column,
    items_column,
    kind,
    reported_column,
    rounded_from,
    with_columns,
)


def grim(
    x: Reported,
    n: Count,
    items: Count = 1,
    percent: bool = False,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
    compat: str | None = None,
) -> Any:
    """Test whether reported means are possible for integer data (GRIM).

    A mean of ``n`` integer scores (each the sum of ``items`` integer items)
    is a multiple of ``1 / (n * items)``; the report is consistent if such a
    multiple rounds to it.

    Args:
        x: Reported mean(s) as strings, so that trailing zeros count
            (``"5.20"`` has two decimals). Numbers are accepted with a warning.
        n: Sample size(s).
        items: Number of integer items averaged into each score.
        percent: ``x`` is a percentage (tested as ``x / 100``).
        rounding: One of scrutiny's twelve procedures, e.g. ``"up_or_down"``.
        threshold: Digit from which ``"up_from"``/``"down_from"`` round.
        symmetric: Round negative numbers like their absolute values.
        compat: ``None`` for the exact answer, ``"scrutiny"`` to replay
            R scrutiny 0.6.1 bit for bit.

    Returns:
        A bool for scalar input, else a NumPy bool array.

    Raises:
        ferrox.FerroxError: on malformed reports, ``n < 1`` and the like.

    >>> grim("5.19", n=28)
    False
    >>> grim(["5.19", "5.19"], n=[28, 32]).tolist()
    [False, True]
    """
    consistency, _ = _ferrox.grim_columns(
        reported(x),
        counts(n, "n"),
        counts(items, "items"),
        percent,
        rounding,
        threshold,
        symmetric,
        compat,
    )
    return bool(consistency[0]) if is_scalar(x, n, items) else consistency


def grim_map(
    data: Any,
    x: str = "x",
    n: str = "n",
    items: str = "items",
    percent: bool = False,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
    compat: str | None = None,
    show_rec: bool = False,
) -> Any:
    """GRIM-test every row of a pandas or polars DataFrame.

    Args:
        data: A DataFrame with a column of reported means and one of sample
            sizes; an ``items`` column is used where present.
        x, n, items: The names of those columns.
        percent, rounding, threshold, symmetric, compat: As in :func:`grim`.
        show_rec: Also add the interval each mean was rounded from
            (``x_lower``, ``x_upper``, ``x_incl_lower``, ``x_incl_upper``).

    Returns:
        The same kind of DataFrame with two columns added: ``consistency``
        and ``probability`` (the share of reports with these decimals that
        would be inconsistent with this ``n``).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": ["5.19", "5.19"], "n": [28, 32]})
    >>> grim_map(df)["consistency"].tolist()
    [False, True]
    """
    kind(data)
    means = reported_column(data, x)
    consistency, probability = _ferrox.grim_columns(
        means,
        count_column(data, n),
        items_column(data, items),
        percent,
        rounding,
        threshold,
        symmetric,
        compat,
    )
    columns = {"consistency": consistency, "probability": probability}
    if show_rec:
        columns |= rounded_from({"x": means}, rounding, threshold, symmetric, compat)
    return with_columns(data, columns)


def _stats(x: Reported, n: Count, items: Count, percent: bool, which: int) -> Any:
    columns = _ferrox.grim_stats_columns(
        reported(x), counts(n, "n"), counts(items, "items"), bool(percent)
    )
    values = columns[which]
    return float(values[0]) if is_scalar(x, n, items) else values


def grim_total(x: Reported, n: Count, items: Count = 1, percent: bool = False) -> Any:
    """How many of the ``10^D`` possible reports with ``x``'s ``D`` decimals
    are GRIM-inconsistent with ``n`` (negative when every report is
    possible), as scrutiny's ``grim_total``.

    >>> grim_total("83.29", 21)
    79
    """
    out = _stats(x, n, items, percent, 0)
    return int(out) if isinstance(out, float) else out.astype(np.int64)


def grim_ratio(x: Reported, n: Count, items: Count = 1, percent: bool = False) -> Any:
    """:func:`grim_total` as a share of the ``10^D`` possible reports (may be
    negative), as scrutiny's ``grim_ratio``.

    >>> grim_ratio("5.1", 83)
    -7.3
    """
    return _stats(x, n, items, percent, 1)


def grim_probability(x: Reported, n: Count, items: Count = 1, percent: bool = False) -> Any:
    """The chance that a random report with ``x``'s decimals is
    GRIM-inconsistent with ``n``: :func:`grim_ratio`, never below zero.

    >>> grim_probability("5.14", 83)
    0.17
    """
    return _stats(x, n, items, percent, 2)


def grim_granularity(n: Count, items: Count = 1) -> Any:
    """The granularity of a mean of ``n`` scores over ``items`` integer
    items: ``1 / (n * items)``.

    >>> grim_granularity(20, 2)
    0.025
    """
    out = _ferrox.per_granule_columns(counts(n, "n"), counts(items, "items"), True)
    return float(out[0]) if is_scalar(n, items) else out


def grim_items(n: Count, gran: Any) -> Any:
    """The number of items behind a granularity: ``1 / (n * gran)``, with a
    warning where that is not a whole number.

    >>> grim_items(20, 0.025)
    2.0
    """
    out = _ferrox.per_granule_columns(counts(n, "n"), numbers(gran, "gran").reshape(-1), False)
    whole = np.isclose(out, np.round(out), rtol=0, atol=1.5e-8)
    if not whole.all():
        warnings.warn(
            f"item counts are whole numbers; {np.round(out[~whole], 3).tolist()} are not: "
            "check the `n` and `gran` values",
            UserWarning,
            stacklevel=2,
        )
    return float(out[0]) if is_scalar(n, gran) else out


def grim_ratio_upper(x: Reported, percent: bool = False) -> Any:
    """The largest :func:`~ferrox.grim_ratio` any ``n`` can give ``x``'s
    decimals: its value at ``n = 1``, as scrutiny's ``grim_ratio_upper``.

    >>> grim_ratio_upper("5.14")
    0.99
    """
    return grim_ratio(x, 1, 1, percent)


def grim_plot(
    data: Any = None,
    digits: int | None = None,
    n_max: int | None = None,
    items: int = 1,
    show_data: bool = True,
    show_raster: bool = True,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
    compat: str | None = None,
    ax: Any = None,
) -> Any:
    """The GRIM plot: for each sample size (x axis) and each possible
    decimal part of a mean (y axis), whether GRIM passes (shaded where it
    fails), with the reported cases of ``data`` on top, consistent and not.
    Needs matplotlib; returns the figure.

    Args:
        data: A DataFrame with ``x`` and ``n`` (tested by :func:`grim_map`
            with these settings), or None for the background alone.
        digits: Decimals of the means (default: the most in ``data``, or 2).
        n_max: The largest n drawn (default: the largest in ``data`` plus a
            fifth, at least 40).
        items: Items averaged into each score.
        show_data, show_raster: Draw the cases, the background.
        rounding, threshold, symmetric, compat: As in :func:`grim`.
        ax: A matplotlib Axes to draw on.

    >>> import pandas as pd
    >>> fig = grim_plot(pd.DataFrame({"x": ["5.19", "5.18"], "n": [28, 28]}))
    >>> len(fig.axes[0].collections)
    2
    """
    import matplotlib.pyplot as plt

    tested = None
    if data is not None:
        tested = grim_map(
            data, rounding=rounding, threshold=threshold, symmetric=symmetric, compat=compat
        )
        reports = [str(v) for v in tested["x"].to_list()]
        sizes = [int(v) for v in tested["n"].to_list()]
        digits = digits if digits is not None else max(len(r.partition(".")[2]) for r in reports)
        n_max = n_max if n_max is not None else max(40, int(max(sizes) * 1.2))
    digits = 2 if digits is None else digits
    n_max = 40 if n_max is None else n_max
    fig, ax = plt.subplots(figsize=(8, 5)) if ax is None else (ax.figure, ax)
    if show_raster:
        raster = _ferrox.grim_raster(digits, n_max, items, rounding, threshold, symmetric, compat)
        cells = raster.reshape(n_max, 10**digits).T
        ax.imshow(
            ~cells,
            origin="lower",
            aspect="auto",
            cmap="Greys",
            vmin=0,
            vmax=3,
            extent=(0.5, n_max + 0.5, 0, 1),
            interpolation="nearest",
        )
    if show_data and tested is not None:
        fraction = np.array([float(r) % 1 for r in reports])
        ok = np.array(tested["consistency"].to_list(), dtype=bool)
        for mask, color, label in (
            (ok, "royalblue", "consistent"),
            (~ok, "firebrick", "inconsistent"),
        ):
            ax.scatter(np.array(sizes)[mask], fraction[mask], color=color, label=label, zorder=3)
        ax.legend(loc="upper right")
    ax.set(
        xlabel="sample size (n)",
        ylabel="decimal part of the mean",
        xlim=(0.5, n_max + 0.5),
        ylim=(0, 1),
    )
    ax.set_title(f"GRIM: means with {digits} decimals (grey: impossible)")
    return fig
