"""Nearby values of reports and unknown group sizes: would a typo in the
last digit, a slip of ``n``, or another split of a total ``n`` explain an
inconsistency? (R scrutiny's ``*_map_seq``, ``audit_seq``,
``*_map_total_n``, ``audit_total_n`` and ``disperse_total``.)"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._debit import debit_map
from ferrox._frames import column, frame_library, kind, logical, new_frame, texts, with_columns
from ferrox._grim import grim_map
from ferrox._grimmer import grimmer_map

# The columns a *_map function adds: left out when its table is tested again.
_RESULTS = ("consistency", "probability", "reason")
_STEPS = (1, 2, 3, 4, 5)


def _rows(frame: Any, index: Sequence[int]) -> Any:
    """The frame's rows at ``index`` (repeats allowed), renumbered."""
    if kind(frame) == "pandas":
        return frame.iloc[list(index)].reset_index(drop=True)
    import polars as pl

    return frame.select(pl.all().gather(list(index)))


def _limit(value: Any) -> str | None:
    return None if value is None else str(value)


def _map_seq(
    test: Callable[..., Any],
    data: Any,
    names: dict[str, str],
    var: Sequence[str] | None,
    dispersion: Sequence[int],
    out_min: Any,
    out_max: Any,
    include_reported: bool,
    include_consistent: bool,
    settings: dict[str, Any],
) -> Any:
    library = kind(data)
    tested = test(data, **names, **settings)
    verdicts = column(tested, "consistency").to_list()
    keep = [i for i, v in enumerate(verdicts) if include_consistent or v is False or v == 0]
    cases = _rows(tested, keep)
    roles = list(names)
    varied = roles if var is None else list(var)
    unknown = [v for v in varied if v not in roles]
    if unknown:
        raise _ferrox.InvalidInputError(
            f"`var` names {unknown}; it takes {roles}, the reported statistics"
        )
    columns, case, which, diff = _ferrox.disperse_columns(
        [texts(cases, names[r]) for r in roles],
        [roles.index(v) for v in varied],
        [float(k) for k in dispersion],
        "auto" if isinstance(out_min, str) and out_min == "auto" else _limit(out_min),
        _limit(out_max),
        include_reported,
    )
    variants = _rows(cases, case)
    replaced = {
        names[r]: np.array(values, dtype=np.int64) if r == "n" else values
        for r, values in zip(roles, columns, strict=True)
    }
    variants = with_columns(variants, replaced)
    out = test(variants, **names, **settings)
    case_verdicts = [verdicts[keep[c]] for c in case]
    return with_columns(
        out,
        {
            "diff_var": np.array(diff, dtype=np.int64),
            "case": np.array(case, dtype=np.int64) + 1,
            "var": [names[roles[w]] for w in which],
            "case_consistency": logical(library, case_verdicts),
        },
    )


def grim_map_seq(
    data: Any,
    x: str = "x",
    n: str = "n",
    var: Sequence[str] | None = None,
    dispersion: Sequence[int] = _STEPS,
    out_min: Any = "auto",
    out_max: Any = None,
    include_reported: bool = False,
    include_consistent: bool = False,
    **settings: Any,
) -> Any:
    """GRIM-test the values near each inconsistent report: the mean and ``n``
    moved by ``dispersion`` steps of their last digit, one at a time
    (R scrutiny's ``grim_map_seq``).

    Args:
        data: A DataFrame as :func:`grim_map` takes it.
        x, n: The columns of reported means and sample sizes.
        var: Which to vary, ``"x"`` and/or ``"n"``; both by default.
        dispersion: Steps down and up from each report.
        out_min: The least value kept: ``"auto"`` (one step, so values stay
            positive), ``None`` or a number.
        out_max: The greatest value kept, or ``None``.
        include_reported: Also test the report itself (step 0).
        include_consistent: Vary consistent reports too.
        **settings: Passed to :func:`grim_map` (``items``, ``percent``,
            ``rounding``, ``compat`` …).

    Returns:
        The variants tested by :func:`grim_map`, with ``diff_var`` (steps
        from the report), ``case`` (1 for the first varied report …),
        ``var`` (the column varied) and ``case_consistency`` (the verdict on
        the report itself).

    >>> import pandas as pd
    >>> out = grim_map_seq(pd.DataFrame({"x": ["5.19"], "n": [28]}), dispersion=[1])
    >>> out[["x", "n", "consistency", "diff_var"]].values.tolist()[:3]
    [['5.18', 28, True, -1], ['5.20', 28, False, 1], ['5.19', 27, True, -1]]
    """
    return _map_seq(
        grim_map,
        data,
        {"x": x, "n": n},
        var,
        dispersion,
        out_min,
        out_max,
        include_reported,
        include_consistent,
        settings,
    )


def grimmer_map_seq(
    data: Any,
    x: str = "x",
    sd: str = "sd",
    n: str = "n",
    var: Sequence[str] | None = None,
    dispersion: Sequence[int] = _STEPS,
    out_min: Any = "auto",
    out_max: Any = None,
    include_reported: bool = False,
    include_consistent: bool = False,
    **settings: Any,
) -> Any:
    """:func:`grim_map_seq` for GRIMMER: the mean, SD and ``n`` varied one
    at a time, each variant tested by :func:`grimmer_map`.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": ["5.23"], "sd": ["2.55"], "n": [35]})
    >>> out = grimmer_map_seq(df, var=["sd"], dispersion=[1])
    >>> out[["sd", "consistency"]].values.tolist()
    [['2.54', True], ['2.56', True]]
    """
    return _map_seq(
        grimmer_map,
        data,
        {"x": x, "sd": sd, "n": n},
        var,
        dispersion,
        out_min,
        out_max,
        include_reported,
        include_consistent,
        settings,
    )


def debit_map_seq(
    data: Any,
    x: str = "x",
    sd: str = "sd",
    n: str = "n",
    var: Sequence[str] | None = None,
    dispersion: Sequence[int] = _STEPS,
    out_min: Any = "auto",
    out_max: Any = None,
    include_reported: bool = False,
    include_consistent: bool = False,
    **settings: Any,
) -> Any:
    """:func:`grim_map_seq` for DEBIT: the mean, SD and ``n`` varied one at
    a time, each variant tested by :func:`debit_map`.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"x": ["0.36"], "sd": ["0.11"], "n": [25]})
    >>> out = debit_map_seq(df, var=["sd"], dispersion=range(1, 40))
    >>> out[out["consistency"]]["sd"].tolist()
    ['0.49']
    """
    return _map_seq(
        debit_map,
        data,
        {"x": x, "sd": sd, "n": n},
        var,
        dispersion,
        out_min,
        out_max,
        include_reported,
        include_consistent,
        settings,
    )


def audit_seq(data: Any) -> Any:
    """Sum up a ``*_map_seq`` table per case, like R scrutiny's
    ``audit_seq``: the reported values, their ``consistency``,
    ``hits_total`` (consistent variants), ``hits_<var>`` per varied column,
    and ``diff_<var>``, ``diff_<var>_up``, ``diff_<var>_down``: the fewest
    steps to a consistent variant either way, up and down (missing where
    there is none).

    >>> import pandas as pd
    >>> out = audit_seq(grim_map_seq(pd.DataFrame({"x": ["5.19"], "n": [28]})))
    >>> out[["x", "n", "hits_total", "diff_x", "diff_n"]].values.tolist()
    [['5.19', 28, 7, 1, 1]]
    """
    library = kind(data)
    case = [int(c) - 1 for c in column(data, "case").to_list()]
    var = [str(v) for v in column(data, "var").to_list()]
    diff = [int(d) for d in column(data, "diff_var").to_list()]
    consistency = [v is True or v == 1 for v in column(data, "consistency").to_list()]
    names = list(dict.fromkeys(var))
    cases, hits_total, hits, nearest = _ferrox.audit_seq_columns(
        case, var, diff, consistency, names
    )
    first = [case.index(c) for c in cases]
    reported = list(data.columns)[: list(data.columns).index("consistency")]
    originals = _rows(data.select(reported) if library == "polars" else data[reported], first)
    for name in names:
        values = texts(originals, name)
        back = [diff[i] if var[i] == name else 0 for i in first]
        restored: Any = _ferrox.undisperse_column(values, back)
        if all(isinstance(v, int | np.integer) for v in column(data, name).to_list()):
            restored = np.array(restored, dtype=np.int64)
        originals = with_columns(originals, {name: restored})
    verdicts = column(data, "case_consistency").to_list()
    summary: dict[str, Any] = {
        "consistency": logical(library, [verdicts[i] for i in first]),
        "hits_total": np.array(hits_total, dtype=np.int64),
    }
    for j, name in enumerate(names):
        summary[f"hits_{name}"] = np.array([h[j] for h in hits], dtype=np.int64)
    for j, name in enumerate(names):
        for k, suffix in enumerate(("", "_up", "_down")):
            values = [near[j][k] for near in nearest]
            summary[f"diff_{name}{suffix}"] = _nullable_ints(library, values)
    return with_columns(originals, summary)


def _map_total_n(
    test: Callable[..., Any],
    data: Any,
    groups: dict[str, tuple[str, str]],
    n: str,
    dispersion: Sequence[int],
    n_min: int,
    n_max: int | None,
    settings: dict[str, Any],
) -> Any:
    library = kind(data)
    columns, sizes, n_change, case, forth = _ferrox.scenarios_columns(
        [[texts(data, one), texts(data, two)] for one, two in groups.values()],
        [float(t) for t in column(data, n).to_list()],
        [float(k) for k in dispersion],
        float(n_min),
        _float_or_none(n_max),
    )
    roles = list(groups)
    frame = new_frame(
        library,
        {**dict(zip(roles, columns, strict=True)), "n": np.array(sizes, dtype=np.int64)},
    )
    out = test(frame, **{r: r for r in roles}, n="n", **settings)
    verdicts = [v is True for v in column(out, "consistency").to_list()]
    both = [verdicts[i - i % 2] and verdicts[i - i % 2 + 1] for i in range(len(verdicts))]
    return with_columns(
        out,
        {
            "n_change": np.array(n_change, dtype=np.int64),
            "both_consistent": np.array(both, dtype=bool),
            "case": np.array(case, dtype=np.int64) + 1,
            "dir": ["forth" if f else "back" for f in forth],
        },
    )


def grim_map_total_n(
    data: Any,
    x1: str = "x1",
    x2: str = "x2",
    n: str = "n",
    dispersion: Sequence[int] = (0, 1, 2, 3, 4, 5),
    n_min: int = 1,
    n_max: int | None = None,
    **settings: Any,
) -> Any:
    """GRIM-test two groups' means when only their total ``n`` was reported:
    every split from :func:`disperse_total`, the smaller group first as
    reported (``dir`` "forth") and swapped ("back"), two rows per scenario
    (R scrutiny's ``grim_map_total_n``).

    Args:
        data: A DataFrame with the groups' means and the total sample size.
        x1, x2, n: Those columns.
        dispersion, n_min, n_max: As in :func:`disperse_total`.
        **settings: Passed to :func:`grim_map`.

    Returns:
        The scenarios tested by :func:`grim_map`, with ``n_change``,
        ``both_consistent`` (both groups of the scenario), ``case`` and
        ``dir``.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"x1": ["3.43"], "x2": ["5.28"], "n": [70]})
    >>> out = grim_map_total_n(df)
    >>> out[out["both_consistent"]][["x", "n", "dir"]].values.tolist()
    [['3.43', 30, 'forth'], ['5.28', 40, 'forth']]
    """
    return _map_total_n(grim_map, data, {"x": (x1, x2)}, n, dispersion, n_min, n_max, settings)


def grimmer_map_total_n(
    data: Any,
    x1: str = "x1",
    x2: str = "x2",
    sd1: str = "sd1",
    sd2: str = "sd2",
    n: str = "n",
    dispersion: Sequence[int] = (0, 1, 2, 3, 4, 5),
    n_min: int = 1,
    n_max: int | None = None,
    **settings: Any,
) -> Any:
    """:func:`grim_map_total_n` for GRIMMER: each group's mean and SD.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"x1": ["3.43"], "x2": ["5.28"], "n": [70]})
    >>> df[["sd1", "sd2"]] = ["1.09", "2.12"]
    >>> grimmer_map_total_n(df, dispersion=[0])["consistency"].tolist()
    [True, False, False, True]
    """
    groups = {"x": (x1, x2), "sd": (sd1, sd2)}
    return _map_total_n(grimmer_map, data, groups, n, dispersion, n_min, n_max, settings)


def debit_map_total_n(
    data: Any,
    x1: str = "x1",
    x2: str = "x2",
    sd1: str = "sd1",
    sd2: str = "sd2",
    n: str = "n",
    dispersion: Sequence[int] = (0, 1, 2, 3, 4, 5),
    n_min: int = 1,
    n_max: int | None = None,
    **settings: Any,
) -> Any:
    """:func:`grim_map_total_n` for DEBIT: each group's mean and SD of
    binary data.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"x1": ["0.30"], "x2": ["0.28"], "n": [40]})
    >>> df[["sd1", "sd2"]] = ["0.47", "0.46"]
    >>> debit_map_total_n(df, dispersion=[0])["consistency"].tolist()
    [True, False, False, True]
    """
    groups = {"x": (x1, x2), "sd": (sd1, sd2)}
    return _map_total_n(debit_map, data, groups, n, dispersion, n_min, n_max, settings)


def audit_total_n(data: Any) -> Any:
    """Sum up a ``*_map_total_n`` table per case, like R scrutiny's
    ``audit_total_n``: the groups' reported values (``x1``, ``x2`` …) and
    total ``n``, ``hits_forth`` and ``hits_back`` (scenarios with both groups
    consistent, per direction), ``hits_total``, ``scenarios_total`` and
    ``hit_rate``.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"x1": ["3.43"], "x2": ["5.28"], "n": [70]})
    >>> audit_total_n(grim_map_total_n(df))[["hits_total", "scenarios_total"]].values.tolist()
    [[1, 12]]
    """
    library = kind(data)
    case = [int(c) - 1 for c in column(data, "case").to_list()]
    forth = [d == "forth" for d in column(data, "dir").to_list()]
    consistency = [v is True for v in column(data, "consistency").to_list()]
    audits = _ferrox.audit_total_n_columns(case, forth, consistency)
    names = list(data.columns)[: list(data.columns).index("n")]
    sizes = column(data, "n").to_list()
    firsts = [case.index(c) for c, *_ in audits]
    out: dict[str, Any] = {}
    for name in names:
        values = column(data, name).to_list()
        out[f"{name}1"] = [values[i] for i in firsts]
        out[f"{name}2"] = [values[i + 1] for i in firsts]
    out["n"] = np.array([sizes[i] + sizes[i + 1] for i in firsts], dtype=np.int64)
    hits_forth = np.array([a[1] for a in audits], dtype=np.int64)
    hits_back = np.array([a[2] for a in audits], dtype=np.int64)
    scenarios = np.array([a[3] for a in audits], dtype=np.int64)
    out |= {
        "hits_total": hits_forth + hits_back,
        "hits_forth": hits_forth,
        "hits_back": hits_back,
        "scenarios_total": scenarios,
        "hit_rate": (hits_forth + hits_back) / scenarios,
    }
    return new_frame(library, out)


def _nullable_ints(library: str, values: list[int | None]) -> Any:
    if library == "pandas":
        import pandas as pd

        return pd.array(values, dtype="Int64")
    return values


def disperse_total(
    n: int,
    dispersion: Sequence[int] = (0, 1, 2, 3, 4, 5),
    n_min: int = 1,
    n_max: int | None = None,
    frame: str = "pandas",
) -> Any:
    """The splits of a total sample size ``n`` into two groups, from the
    even split outwards (R scrutiny's ``disperse_total``): one row per
    group, ``n`` and ``n_change`` (its distance from the even split).

    >>> disperse_total(41, dispersion=[0, 1])["n"].tolist()
    [20, 21, 19, 22]
    """
    splits = _ferrox.disperse_total(
        float(n), [float(k) for k in dispersion], float(n_min), _float_or_none(n_max)
    )
    sizes = [size for small, large, _ in splits for size in (small, large)]
    changes = [change for _, _, d in splits for change in (-d, d)]
    return new_frame(
        frame_library(frame),
        {"n": np.array(sizes, dtype=np.int64), "n_change": np.array(changes, dtype=np.int64)},
    )


def _float_or_none(value: Any) -> float | None:
    return None if value is None else float(value)


def seq_plot(data: Any, ax: Any = None) -> Any:
    """Plot a ``*_map_seq`` table: for each varied statistic (one panel
    each), each case (rows) and each step from its report (x axis), whether
    the variant is consistent (filled blue) or not (open red); the report
    itself, at step 0, is a cross. A typo explains an inconsistency where a
    blue dot sits one or two steps from a red cross. Needs matplotlib;
    returns the figure.

    Args:
        data: A table returned by :func:`grim_map_seq` and its siblings.
        ax: A sequence of matplotlib Axes, one per varied statistic.

    >>> import pandas as pd
    >>> fig = seq_plot(grim_map_seq(pd.DataFrame({"x": ["5.19"], "n": [28]})))
    >>> [a.get_title() for a in fig.axes]
    ['x', 'n']
    """
    import matplotlib.pyplot as plt

    case = [int(c) for c in column(data, "case").to_list()]
    var = [str(v) for v in column(data, "var").to_list()]
    diff = [int(d) for d in column(data, "diff_var").to_list()]
    good = [v is True or v == 1 for v in column(data, "consistency").to_list()]
    reported = [v is True or v == 1 for v in column(data, "case_consistency").to_list()]
    names = list(dict.fromkeys(var))
    if ax is None:
        fig, axes = plt.subplots(1, len(names), figsize=(4 * len(names), 1 + 0.4 * max(case)))
        axes = np.atleast_1d(axes)
    else:
        axes = list(ax)
        fig = axes[0].figure
    for panel, name in zip(axes, names, strict=False):
        rows = [i for i, v in enumerate(var) if v == name]
        for ok, style in ((True, {"color": "royalblue"}), (False, {"facecolors": "none"})):
            chosen = [i for i in rows if good[i] == ok]
            panel.scatter(
                [diff[i] for i in chosen],
                [case[i] for i in chosen],
                edgecolors="royalblue" if ok else "firebrick",
                label="consistent" if ok else "inconsistent",
                **style,
            )
        cases = sorted({case[i] for i in rows})
        first = {case[i]: i for i in reversed(rows)}
        panel.scatter(
            [0] * len(cases),
            cases,
            marker="x",
            color=["royalblue" if reported[first[c]] else "firebrick" for c in cases],
            label="reported",
        )
        panel.set_title(name)
        panel.set_xlabel("steps of the last digit from the report")
        panel.set_yticks(cases)
        panel.axvline(0, color="grey", linewidth=0.5)
    axes[0].set_ylabel("case")
    axes[0].legend(loc="best", fontsize="small")
    return fig
