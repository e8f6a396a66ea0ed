"""DEBIT: could binary (0/1) data have this mean and SD?"""

from __future__ import annotations

from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._convert import Count, Reported, counts, is_scalar, numbers, reported
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
    columns: dict[str, Any] = {"consistency": logical(kind(data), consistency)}
    if show_rec:
        columns |= interval_columns({"x": x_bounds, "sd": sd_bounds})
    return with_columns(data, columns)


def _sd_binary(what: str, first: Any, second: Any, names: tuple[str, str]) -> Any:
    out = _ferrox.sd_binary_columns(
        what,
        numbers(first, names[0]).reshape(-1),
        numbers(second, names[1]).reshape(-1),
    )
    return float(out[0]) if is_scalar(first, second) else out


def sd_binary_groups(group_0: Any, group_1: Any) -> Any:
    """The sample SD of binary data with ``group_0`` zeros and ``group_1``
    ones, as scrutiny's ``sd_binary_groups``.

    >>> round(sd_binary_groups(3, 3), 6)
    0.547723
    """
    return _sd_binary("groups", group_0, group_1, ("group_0", "group_1"))


def sd_binary_0_n(group_0: Any, n: Any) -> Any:
    """The sample SD of ``n`` binary values of which ``group_0`` are zeros.

    >>> round(sd_binary_0_n(3, 6), 6)
    0.547723
    """
    return _sd_binary("group_of_n", group_0, n, ("group_0", "n"))


def sd_binary_1_n(group_1: Any, n: Any) -> Any:
    """The sample SD of ``n`` binary values of which ``group_1`` are ones.

    >>> sd_binary_1_n([0, 6], 6).tolist()
    [0.0, 0.0]
    """
    return _sd_binary("group_of_n", group_1, n, ("group_1", "n"))


def sd_binary_mean_n(mean: Any, n: Any) -> Any:
    """The sample SD of ``n`` binary values whose mean (share of ones) is
    ``mean``.

    >>> round(sd_binary_mean_n(0.5, 6), 6)
    0.547723
    """
    return _sd_binary("mean_of_n", mean, n, ("mean", "n"))


def debit_plot(
    data: Any,
    x: str = "x",
    sd: str = "sd",
    n: str = "n",
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
    compat: str | None = None,
    ax: Any = None,
) -> Any:
    """The DEBIT plot: the SD that binary data of each reported mean must
    have (a curve per sample size, from :func:`sd_binary_mean_n`), and each
    case as the box of means and SDs that round to its report, coloured by
    its verdict. Needs matplotlib; returns the figure.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": ["0.36", "0.5"], "sd": ["0.11", "0.53"], "n": [20, 10]})
    >>> len(debit_plot(df).axes[0].patches)
    2
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    tested = debit_map(
        data,
        x=x,
        sd=sd,
        n=n,
        rounding=rounding,
        threshold=threshold,
        symmetric=symmetric,
        compat=compat,
        show_rec=True,
    )
    fig, ax = plt.subplots(figsize=(7, 5)) if ax is None else (ax.figure, ax)
    means = np.linspace(0, 1, 401)
    sizes = sorted({int(v) for v in tested[n].to_list()})
    for size in sizes[:6]:
        ax.plot(means, sd_binary_mean_n(means, size), color="grey", lw=0.8, zorder=1)
    rows = zip(
        *(
            tested[c].to_list()
            for c in ("x_lower", "x_upper", "sd_lower", "sd_upper", "consistency")
        ),
        strict=True,
    )
    for x_lo, x_hi, sd_lo, sd_hi, ok in rows:
        color = "grey" if ok is None else ("royalblue" if ok else "firebrick")
        ax.add_patch(
            Rectangle((x_lo, sd_lo), x_hi - x_lo, sd_hi - sd_lo, color=color, alpha=0.6, zorder=2)
        )
    ax.set(xlabel="mean (share of ones)", ylabel="SD", xlim=(0, 1), ylim=(0, 0.75))
    ax.set_title("DEBIT: reports against the SD binary data must have")
    return fig
