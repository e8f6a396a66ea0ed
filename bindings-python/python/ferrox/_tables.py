"""Working with whole tables: summaries of tested tables, "M (SD)" cells."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._convert import numbers, reported, reported_or_missing
from ferrox._frames import cells, column, kind, new_frame, with_columns
from ferrox._seq import audit_seq, audit_total_n


def audit(data: Any) -> Any:
    """Summarise a tested table, like R scrutiny's ``audit()``; the kind of
    table is told by its columns.

    A table from :func:`grim_map`, :func:`grimmer_map` or :func:`debit_map`
    gives one row: ``incons_cases``, ``all_cases`` and ``incons_rate``; GRIM
    adds ``mean_grim_prob``, ``incons_to_prob``, ``testable_cases`` and
    ``testable_rate``; GRIMMER counts failures per stage (``fail_grim``,
    ``fail_test1`` … ``fail_test3``); DEBIT counts ``na_cases``. A
    ``*_map_seq`` table gives :func:`audit_seq`, a ``*_map_total_n`` table
    :func:`audit_total_n`. A table from :func:`duplicate_count`,
    :func:`duplicate_count_colpair` or :func:`duplicate_tally` gives one row
    per numeric column (``term``, ``mean``, ``sd``, ``median``, ``min``,
    ``max``, ``na_count``, ``na_rate``), and for a tally a ``.total`` row
    over all its counts.

    Args:
        data: The DataFrame one of those functions returned.

    Returns:
        A DataFrame of the same kind.

    >>> import pandas as pd
    >>> from ferrox import grim_map, duplicate_count
    >>> tested = grim_map(pd.DataFrame({"x": ["5.19", "5.19"], "n": [28, 32]}))
    >>> audit(tested)[["incons_cases", "all_cases"]].values.tolist()
    [[1.0, 2.0]]
    >>> counts = duplicate_count(pd.DataFrame({"a": ["1", "2", "1"], "b": ["2", "3", "1"]}))
    >>> audit(counts)[["term", "mean", "max"]].values.tolist()
    [['frequency', 2.0, 3.0], ['locations_n', 1.6666666666666667, 2.0]]
    """
    library = kind(data)
    names = [str(c) for c in data.columns]
    audited, summarised = _ferrox.audit_kind(names)
    if audited == "seq":
        return audit_seq(data)
    if audited == "total_n":
        return audit_total_n(data)
    if audited.startswith("duplicate"):
        terms = [names[i] for i in summarised]
        values = [[np.nan if v is None else float(v) for v in cells(data, t)] for t in terms]
        rows = _ferrox.duplicate_audit(names, terms, values)
        stats = np.array([r[1] for r in rows], dtype=np.float64).reshape(-1, 5)
        out = {"term": [r[0] for r in rows]}
        out |= {name: stats[:, i] for i, name in enumerate(("mean", "sd", "median", "min", "max"))}
        out |= {
            "na_count": np.array([r[2] for r in rows], dtype=np.int64),
            "na_rate": np.array([r[3] for r in rows], dtype=np.float64),
        }
        return new_frame(library, out)
    # Verdicts go over as text, read by the core's one rule for yes/no cells
    # (booleans, TRUE/FALSE or 1/0, NA in any spelling), as in R.
    verdicts = [str(v) for v in column(data, "consistency").to_list()]
    if audited == "grimmer":
        stats_row = _ferrox.grimmer_audit([str(r) for r in column(data, "reason").to_list()])
    elif audited == "grim":
        probability = numbers(column(data, "probability").to_numpy(), "probability")
        stats_row = _ferrox.grim_audit(verdicts, probability)
    else:
        stats_row = _ferrox.debit_audit(verdicts)
    return new_frame(library, {name: [value] for name, value in stats_row})


def decimal_places(x: Any) -> Any:
    """How many decimals each reported number has, as written: ``"5.20"``
    has 2 (scrutiny's ``decimal_places``). Missing values (None, NaN, "NA")
    give None; numbers are read as their shortest decimals, with a warning
    that trailing zeros are lost.

    >>> decimal_places("5.20")
    2
    >>> decimal_places(["2.80", "9.0", "37"]).tolist()
    [2, 1, 0]
    """
    values = ["NA" if v is None else v for v in x] if isinstance(x, list) else x
    places = _ferrox.decimal_places_column(reported(values))
    if isinstance(x, str) or np.ndim(x) == 0:
        return places[0]
    if None in places:
        return np.array(places, dtype=object)
    return np.array(places, dtype=np.int64)


def _parens(
    x: Any, sep: str | Sequence[str], whole: bool = False
) -> tuple[list[str | None], list[str | None]]:
    seps = [sep] if isinstance(sep, str) else list(sep)
    return _ferrox.parens_column(reported_or_missing(x), seps, whole)


def before_parens(x: Any, sep: str | Sequence[str] = "parens") -> Any:
    """The text before a pair of separators, as scrutiny's
    ``before_parens``: ``"5.20"`` from ``"5.20 (1.43)"``. ``sep`` is
    ``"parens"``, ``"brackets"``, ``"braces"`` or two strings such as
    ``("<", ">")``; a cell without the pair is kept whole.

    >>> before_parens(["5.20 (1.43)", "2.1 [0.3]"])
    ['5.20', '2.1 [0.3]']
    """
    before = _parens(x, sep)[0]
    return before[0] if isinstance(x, str) else before


def inside_parens(x: Any, sep: str | Sequence[str] = "parens") -> Any:
    """The text inside a pair of separators, as scrutiny's
    ``inside_parens``: ``"1.43"`` from ``"5.20 (1.43)"``; None where a cell
    has no such pair (with several, the last).

    >>> inside_parens(["5.20 (1.43)", "2.1 <0.3>"], sep=("<", ">"))
    [None, '0.3']
    """
    inside = _parens(x, sep)[1]
    return inside[0] if isinstance(x, str) else inside


def split_by_parens(
    data: Any,
    cols: str | Sequence[str] | None = None,
    check_sep: bool = True,
    keep: bool = False,
    transform: bool = False,
    sep: str | Sequence[str] = "parens",
    end1: str = "x",
    end2: str = "sd",
) -> Any:
    """Split cells like ``"5.20 (1.43)"`` into the two values, as written
    (trailing zeros kept), as scrutiny's ``split_by_parens``; also called
    ``split_parens``.

    A DataFrame's columns ``c`` become ``c_x`` and ``c_sd`` (suffixes from
    ``end1`` and ``end2``). A list of cells gives the two lists, and then
    every cell must have the pair.

    Args:
        data: A pandas or polars DataFrame, or a list of cells.
        cols: Columns to split; by default all.
        check_sep: Split only the columns whose every cell has the pair,
            with a warning naming the others.
        keep: Keep the original columns too.
        transform: Stack the split columns into ``.origin``, ``x`` and
            ``sd`` (every column must be split, and ``keep`` be False).
        sep: ``"parens"``, ``"brackets"``, ``"braces"`` or two strings.
        end1, end2: Suffixes of the new columns.

    Raises:
        ferrox.FerroxError: for a list, naming the first cell without the pair.

    >>> split_by_parens(["5.20 (1.43)", "3.1 (0.90)"])
    (['5.20', '3.1'], ['1.43', '0.90'])
    >>> import pandas as pd
    >>> df = pd.DataFrame({"pos": ["0.09 (0.21)", "0.19 (0.13)"]})
    >>> df["neg"] = ["2.05 (0.41)", "2.13 (0.19)"]
    >>> split_by_parens(df).columns.tolist()
    ['pos_x', 'pos_sd', 'neg_x', 'neg_sd']
    >>> split_by_parens(df, transform=True).values.tolist()[:2]
    [['neg', '2.05', '0.41'], ['neg', '2.13', '0.19']]
    """
    if not isinstance(end1, str) or not isinstance(end2, str) or end1 == end2:
        raise _ferrox.InvalidInputError(
            "`end1` and `end2` must be two different suffixes, as in 'x' and 'sd'"
        )
    if isinstance(data, list | tuple):
        return _parens(list(data), sep, whole=True)
    library = kind(data)
    names = list(data.columns) if cols is None else [cols] if isinstance(cols, str) else list(cols)
    split: dict[str, tuple[list[Any], list[Any]]] = {}
    skipped = []
    for name in names:
        before, inside = _parens(cells(data, name), sep)
        has_pair = all(i is not None for b, i in zip(before, inside, strict=True) if b is not None)
        if check_sep and not has_pair:
            skipped.append(name)
            continue
        split[name] = (before, inside)
    if skipped:
        import warnings

        warnings.warn(f"columns without the separators were not split: {skipped}", stacklevel=2)
    if transform:
        others = [c for c in data.columns if c not in split]
        if keep or others:
            raise _ferrox.InvalidInputError(
                "`transform` stacks the split columns, so it needs `keep=False` and every "
                f"column split; these are not: {others}"
            )
        origins = sorted(split)
        return new_frame(
            library,
            {
                ".origin": [o for o in origins for _ in split[o][0]],
                end1: [v for o in origins for v in split[o][0]],
                end2: [v for o in origins for v in split[o][1]],
            },
        )
    columns: dict[str, Any] = {}
    for name, (before, inside) in split.items():
        columns[f"{name}_{end1}"] = before
        columns[f"{name}_{end2}"] = inside
    out = with_columns(data, columns)
    if not keep:
        dropped = list(split)
        out = out.drop(columns=dropped) if library == "pandas" else out.drop(dropped)
    order = [c for c in out.columns if c not in columns]
    new = list(columns)
    return out[new + order] if library == "pandas" else out.select(new + order)


split_parens = split_by_parens


def _is_seq(x: Any, pattern: str, from_: Any = None, test_linear: bool = True) -> bool | None:
    start = None if from_ is None else str(from_)
    return _ferrox.is_seq_column(reported_or_missing(x), pattern, start, test_linear)


def is_seq_linear(x: Any) -> bool | None:
    """Whether every step between neighbouring values is the same size, up
    or down, as scrutiny's ``is_seq_linear`` (exact: values compared as
    decimals). None where missing values leave it open (a gap with fewer
    than three known values, or one that steps of the size seen can
    bridge); text that is not a number gives False.

    >>> is_seq_linear(["1.5", "2.0", "2.5"]), is_seq_linear([1, None, 3, 4])
    (True, None)
    """
    return _is_seq(x, "linear")


def is_seq_ascending(x: Any, test_linear: bool = True) -> bool | None:
    """Whether the values rise strictly (and, with ``test_linear``, in even
    steps), as scrutiny's ``is_seq_ascending``.

    >>> is_seq_ascending([1, 2, 4]), is_seq_ascending([1, 2, 4], test_linear=False)
    (False, True)
    """
    return _is_seq(x, "ascending", test_linear=test_linear)


def is_seq_descending(x: Any, test_linear: bool = True) -> bool | None:
    """Whether the values fall strictly (and, with ``test_linear``, in even
    steps), as scrutiny's ``is_seq_descending``.

    >>> is_seq_descending([5, 4, None, 2, 1])
    """
    return _is_seq(x, "descending", test_linear=test_linear)


def is_seq_dispersed(x: Any, from_: Any, test_linear: bool = True) -> bool | None:
    """Whether an odd number of values spread evenly around ``from_``, the
    middle one (each pair at the same distance from the middle sums to twice
    ``from_``), as scrutiny's ``is_seq_dispersed``.

    >>> is_seq_dispersed([3, 4, 5, 6, 7], 5), is_seq_dispersed([1, 2, 4], 2)
    (True, False)
    """
    return _is_seq(x, "dispersed", from_, test_linear)
