"""Reported test statistics: statcheck's p-value check over whole rounding
intervals, the APA result parser, GRIM-U and t-tests from summary data."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._convert import number, reported_scalar
from ferrox._frames import (
    categorical,
    cells,
    count_column,
    frame_library,
    has_column,
    kind,
    new_frame,
    with_columns,
)

#: The columns :func:`p_map` adds, in order (the core's names).
P_COLUMNS = tuple(_ferrox.P_COLUMNS)


@dataclass(frozen=True)
class PCheck:
    """One report's verdict from :func:`check_p`.

    Attributes:
        computed_p: p recomputed from the statistic as reported.
        computed_p_low, computed_p_high: The range of p over the statistic's
            rounding interval.
        consistency: Whether the reported p fits some p in that range.
        decision_error: An inconsistency that moves the result across alpha.
        one_tailed_possible: Inconsistent two-tailed, consistent one-tailed.
        reason: ``"consistent"``, or what went wrong, in words.
    """

    computed_p: float
    computed_p_low: float
    computed_p_high: float
    consistency: bool
    decision_error: bool
    one_tailed_possible: bool
    reason: str


@dataclass(frozen=True)
class GrimU:
    """GRIM-U's verdict on a Mann–Whitney U (see :func:`grim_u`)."""

    u_consistency: bool
    p_consistency: bool | None
    methods: str
    computed_p: float
    p_low: float
    p_high: float


@dataclass(frozen=True)
class TSummary:
    """The t, df and p that reported summaries allow (see
    :func:`t_from_summary`), and whether a reported t and p are among them
    (``None`` when not given)."""

    t_low: float
    t_high: float
    df_low: float
    df_high: float
    p_low: float
    p_high: float
    t_consistency: bool | None
    p_consistency: bool | None


def _settings(
    rounding: str,
    threshold: float,
    symmetric: bool,
    alpha: float,
    p_equal_alpha_significant: bool,
    p_truncation: bool,
    one_tailed: bool,
) -> tuple[Any, ...]:
    return (
        rounding,
        number(threshold, "threshold"),
        bool(symmetric),
        number(alpha, "alpha"),
        bool(p_equal_alpha_significant),
        bool(p_truncation),
        bool(one_tailed),
    )


def check_p(
    test: str,
    value: Any = None,
    p: Any = None,
    df1: Any = None,
    df2: Any = None,
    *,
    alpha: float = 0.05,
    p_equal_alpha_significant: bool = True,
    p_truncation: bool = False,
    one_tailed: bool = False,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
) -> PCheck:
    """Check that a reported p-value fits its test statistic (statcheck's
    check), over the statistic's whole rounding interval.

    Args:
        test: ``"t"``, ``"F"``, ``"chi2"``, ``"r"``, ``"z"``, ``"Q"``,
            ``"Qw"``, ``"Qb"``, ``"U"`` or ``"W"``; or a whole APA result such
            as ``"t(28) = 2.20, p = .03"`` when ``value`` and ``p`` are left out.
        value: The statistic as written (``"2.20"``; ``"< 1"`` for an
            inequality).
        p: The p-value as written: ``".03"``, ``"< .001"``, ``"ns"``.
        df1, df2: Degrees of freedom (``df1`` alone for t, r, χ² and Q; both
            for F; the group sizes n1 and n2 for U and W).
        alpha: The significance level of decision errors.
        p_equal_alpha_significant: Whether p equal to alpha is significant.
        p_truncation: Whether ``p = .03`` may also be a truncated .039.
        one_tailed: Test t, r and z one-tailed.
        rounding, threshold, symmetric: How the statistic and p were rounded
            (scrutiny's procedures).

    Returns:
        A :class:`PCheck`.

    Raises:
        ferrox.InvalidInputError: on reports no data could give (``|r| > 1``,
            ``p > 1``, a missing df, …).

    >>> check_p("t(28) = 2.20, p = .03").consistency
    False
    >>> check_p("t", "2.20", "= .04", df1=28).consistency
    True
    """
    settings = _settings(
        rounding, threshold, symmetric, alpha, p_equal_alpha_significant, p_truncation, one_tailed
    )
    if value is None and p is None:
        columns = _ferrox.p_check_results([test], settings)
    else:
        numbers = [name for name, v in (("value", value), ("p", p)) if _is_number(v)]
        if numbers:
            _warn(numbers, stacklevel=3)
        columns = _ferrox.p_check_columns(
            [test],
            [reported_scalar(value, "value")],
            [df1],
            [df2],
            [p],
            settings,
        )
    return PCheck(*(_first(columns[name]) for name in P_COLUMNS))


def _first(values: Any) -> Any:
    value = values[0]
    return value.item() if hasattr(value, "item") else value


def p_map(
    data: Any,
    test: str = "test",
    value: str = "value",
    p: str = "p",
    df1: str = "df1",
    df2: str = "df2",
    result: str | None = None,
    *,
    alpha: float = 0.05,
    p_equal_alpha_significant: bool = True,
    p_truncation: bool = False,
    one_tailed: bool = False,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
) -> Any:
    """Check the p-value of every row of a pandas or polars DataFrame.

    The rows are reports in columns (``test``, ``value``, ``df1``, ``df2``,
    ``p``; a missing df column or cell is fine where the test has none), or
    APA strings in one column named by ``result`` (used by default when the
    frame has a ``result`` column and no ``test`` column).

    Args:
        data: The DataFrame.
        test, value, p, df1, df2: The names of those columns.
        result: The name of a column of APA strings to read instead.
        alpha, p_equal_alpha_significant, p_truncation, one_tailed, rounding,
            threshold, symmetric: As in :func:`check_p`.

    Returns:
        The same kind of DataFrame with the columns ``computed_p``,
        ``computed_p_low``, ``computed_p_high``, ``consistency``,
        ``decision_error``, ``one_tailed_possible`` and ``reason`` added; read
        from APA strings, also the parts read (``test``, ``df1``, ``df2``,
        ``value``, ``p``) where the frame lacks them.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"test": ["t", "F"], "value": ["2.20", "1.20"],
    ...                    "df1": [28, 2], "df2": [None, 57], "p": [".04", ".02"]})
    >>> p_map(df)[["consistency", "decision_error"]].values.tolist()
    [[True, False], [False, True]]
    """
    kind(data)
    settings = _settings(
        rounding, threshold, symmetric, alpha, p_equal_alpha_significant, p_truncation, one_tailed
    )
    if result is None and has_column(data, "result") and not has_column(data, test):
        result = "result"
    if result is not None:
        columns = _parts(kind(data), _ferrox.p_check_results(cells(data, result), settings))
        added = {name: v for name, v in columns.items() if not has_column(data, name)}
        return with_columns(data, added | {name: columns[name] for name in P_COLUMNS})
    _warn_numbers(data, value, p)
    missing = [None] * len(data)
    columns = _ferrox.p_check_columns(
        cells(data, test),
        cells(data, value),
        cells(data, df1) if has_column(data, df1) else missing,
        cells(data, df2) if has_column(data, df2) else missing,
        cells(data, p),
        settings,
    )
    return with_columns(data, columns)


def check_text(
    text: str,
    *,
    frame: str = "pandas",
    alpha: float = 0.05,
    p_equal_alpha_significant: bool = True,
    p_truncation: bool = False,
    one_tailed: bool = False,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
) -> Any:
    """Find every APA result in a text and check its p-value.

    Args:
        text: Any text, such as a paper's.
        frame: ``"pandas"`` or ``"polars"``: the kind of DataFrame returned.
        alpha, p_equal_alpha_significant, p_truncation, one_tailed, rounding,
            threshold, symmetric: As in :func:`check_p`.

    Returns:
        A DataFrame with one row per result: ``test``, ``df1``, ``df2``,
        ``value``, ``p`` as read; ``start``, ``end`` (``text[start:end]``)
        and ``text`` (the result as written); and the columns of
        :func:`p_map`.

    >>> report = check_text("As predicted, t(28) = 2.20, p = .03; F(1, 28) = 4.84, p = .04.")
    >>> report[["text", "consistency"]].values.tolist()
    [['t(28) = 2.20, p = .03', False], ['F(1, 28) = 4.84, p = .04', True]]
    """
    if not isinstance(text, str):
        raise TypeError(f"expected the text as a str, got {type(text).__name__}")
    settings = _settings(
        rounding, threshold, symmetric, alpha, p_equal_alpha_significant, p_truncation, one_tailed
    )
    frame = frame_library(frame)
    return new_frame(frame, _parts(frame, _ferrox.p_check_text(text, settings)))


def _parts(library: str, columns: dict[str, Any]) -> dict[str, Any]:
    """The core's columns with ``test`` as a categorical of ``library``
    (its codes index ``test_names``)."""
    names = columns.pop("test_names")
    columns["test"] = categorical(library, columns["test"], names)
    return columns


def _warn_numbers(data: Any, *names: str) -> None:
    """Warn, as the other tests do, when reports arrive as numbers."""
    numeric = [
        name
        for name in names
        if has_column(data, name) and np.asarray(data[name].head(1)).dtype.kind in "iuf"
    ]
    if numeric:
        _warn(numeric, stacklevel=4)


def _is_number(value: Any) -> bool:
    return np.asarray(value).dtype.kind in "iuf"


def _warn(names: list[str], stacklevel: int) -> None:
    """The warning for reports given as numbers, pointed at the user's call."""
    given = ", ".join(f"`{name}`" for name in names)
    warnings.warn(
        f"{given} given as numbers, so trailing zeros are lost (5.20 reads as 5.2); "
        "pass strings as reported",
        UserWarning,
        stacklevel=stacklevel,
    )


def parse_result(text: str) -> dict[str, Any]:
    """Read one APA result (``"t(28) = 2.20, p = .03"``) into its parts.

    The typography of real papers is understood: Unicode minus and en dash,
    ``χ2``/``χ²``/``chi2``/``X2``, ``F1,50``, thin and non-breaking spaces,
    ``ns``.

    Returns:
        A dict with ``test``, ``df1``, ``df2``, ``n`` (χ²'s N), ``comparison``,
        ``value``, ``p_comparison`` (``"ns"`` for not significant) and ``p``,
        numbers as strings as written.

    >>> parse_result("r(48) = −.32, p = .024")["value"]
    '-0.32'
    """
    return _ferrox.parse_result(text)


def find_results(text: str) -> list[dict[str, Any]]:
    """Every APA result in a text, in order: the parts of :func:`parse_result`
    with ``start`` and ``end`` (``text[start:end]`` is the result as written)
    and ``text``.

    >>> [r["text"] for r in find_results("We found t(28) = 2.20, p = .03 and z = 1.2, ns.")]
    ['t(28) = 2.20, p = .03', 'z = 1.2, ns']
    """
    return _ferrox.find_results(text)


def grim_u(
    u: Any,
    n1: int,
    n2: int,
    p: str | None = None,
    *,
    ties: bool = True,
    alpha: float = 0.05,
    p_equal_alpha_significant: bool = True,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
) -> GrimU:
    """GRIM-U: is a reported Mann–Whitney U possible for these group sizes,
    and does its p fit?

    U is a whole number from 0 to ``n1 * n2`` (a half-integer too with
    ties). The p is tried exactly (no ties, ``n1 * n2`` up to 10,000), by the
    normal approximation, and with a continuity correction: ``methods`` names
    those under which it fits. :func:`grim_u_map` does this over a table.

    >>> grim_u("23.2", 10, 10).u_consistency
    False
    >>> grim_u("23", 10, 10, p=".043", ties=False).methods
    'exact'
    """
    settings = _settings(
        rounding, threshold, symmetric, alpha, p_equal_alpha_significant, False, False
    )
    columns = _ferrox.grim_u_columns(
        [_scalar_report(u, "u")],
        np.array([number(n1, "n1")]),
        np.array([number(n2, "n2")]),
        [p],
        bool(ties),
        settings,
    )
    return GrimU(**{name: _first(values) for name, values in columns.items()})


def grim_u_map(
    data: Any,
    u: str = "u",
    n1: str = "n1",
    n2: str = "n2",
    p: str = "p",
    *,
    ties: bool = True,
    alpha: float = 0.05,
    p_equal_alpha_significant: bool = True,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
) -> Any:
    """GRIM-U on every row of a pandas or polars DataFrame: columns of U,
    the group sizes and (optionally) p.

    Returns:
        The same kind of DataFrame with the fields of :class:`GrimU` added.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"u": ["23", "23.2"], "n1": [10, 10], "n2": [10, 10]})
    >>> grim_u_map(df)["u_consistency"].tolist()
    [True, False]
    """
    kind(data)
    settings = _settings(
        rounding, threshold, symmetric, alpha, p_equal_alpha_significant, False, False
    )
    _warn_numbers(data, u)
    columns = _ferrox.grim_u_columns(
        cells(data, u),
        count_column(data, n1),
        count_column(data, n2),
        cells(data, p) if has_column(data, p) else [None] * len(data),
        bool(ties),
        settings,
    )
    return with_columns(data, columns)


def t_from_summary(
    m1: Any,
    sd1: Any,
    n1: int,
    m2: Any = None,
    sd2: Any = None,
    n2: int | None = None,
    *,
    test: str = "student",
    mu: Any = "0",
    t: Any = None,
    p: str | None = None,
    alpha: float = 0.05,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
) -> TSummary:
    """Rebuild a t-test from reported means, SDs and sample sizes: every t,
    df and two-tailed p that values rounding to the reports give, and
    whether a reported ``t`` (compared by size) and ``p`` are among them.
    :func:`t_from_summary_map` does this over a table.

    Args:
        m1, sd1, n1: The first group (or the differences, for ``"paired"``).
        m2, sd2, n2: The second group, for ``"student"`` and ``"welch"``.
        test: ``"student"``, ``"welch"``, ``"one_sample"`` or ``"paired"``.
        mu: The value a one-sample test compares with.
        t, p: The reported t and p, if any, as written.

    >>> r = t_from_summary("5.20", "1.10", 30, "4.50", "1.30", 30, t="2.25", p="< .05")
    >>> (r.t_consistency, r.p_consistency)
    (True, True)
    """
    settings = _settings(rounding, threshold, symmetric, alpha, True, False, False)
    reports = {"m1": m1, "sd1": sd1, "m2": m2, "sd2": sd2, "mu": mu, "t": t}
    one = {name: [_scalar_report(value, name)] for name, value in reports.items()}
    columns = _ferrox.t_summary_columns(
        one["m1"],
        one["sd1"],
        np.array([number(n1, "n1")]),
        one["m2"],
        one["sd2"],
        np.array([np.nan if n2 is None else number(n2, "n2")]),
        [test],
        one["mu"],
        one["t"],
        [p],
        settings,
    )
    return TSummary(**{name: _first(values) for name, values in columns.items()})


def t_from_summary_map(
    data: Any,
    m1: str = "m1",
    sd1: str = "sd1",
    n1: str = "n1",
    m2: str = "m2",
    sd2: str = "sd2",
    n2: str = "n2",
    *,
    test: str = "student",
    mu: Any = "0",
    t: str = "t",
    p: str = "p",
    alpha: float = 0.05,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
) -> Any:
    """:func:`t_from_summary` on every row of a pandas or polars DataFrame.

    Args:
        data: The DataFrame.
        m1, sd1, n1, m2, sd2, n2, t, p: The names of those columns; absent
            ``m2``/``sd2``/``n2`` columns (or missing cells) make a row a
            one-sample or paired test, absent ``t``/``p`` leave them untested.
        test: The name of a column of test kinds, or one kind for every row.
        mu: The name of a column of ``mu``, or one value for every row.

    Returns:
        The same kind of DataFrame with the fields of :class:`TSummary` added.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"m1": ["5.20"], "sd1": ["1.10"], "n1": [30],
    ...                    "m2": ["4.50"], "sd2": ["1.30"], "n2": [30], "t": ["2.25"]})
    >>> t_from_summary_map(df, test="welch")["t_consistency"].tolist()
    [True]
    """
    kind(data)
    settings = _settings(rounding, threshold, symmetric, alpha, True, False, False)
    rows = len(data)
    _warn_numbers(data, *(name for name in (m1, sd1, m2, sd2, t) if has_column(data, name)))

    def optional(name: str) -> list[Any]:
        return cells(data, name) if has_column(data, name) else [None] * rows

    def per_row(value: Any) -> list[Any]:
        if isinstance(value, str) and has_column(data, value):
            return cells(data, value)
        return [value] * rows

    second_n = count_column(data, n2) if has_column(data, n2) else np.full(rows, np.nan)
    columns = _ferrox.t_summary_columns(
        cells(data, m1),
        cells(data, sd1),
        count_column(data, n1),
        optional(m2),
        optional(sd2),
        second_n,
        per_row(test),
        per_row(mu),
        optional(t),
        optional(p),
        settings,
    )
    return with_columns(data, columns)


def _scalar_report(value: Any, name: str) -> Any:
    """One reported value for a scalar front door, warning on numbers."""
    if _is_number(value):
        _warn([name], stacklevel=4)
    return reported_scalar(value, name)
