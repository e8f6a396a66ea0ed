"""Working with whole tables: summaries of tested tables, "M (SD)" cells."""

from __future__ import annotations

from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._convert import numbers, reported
from ferrox._frames import column, has_column, kind, with_columns


def audit(data: Any) -> Any:
    """Summarise a table tested by :func:`grim_map`, :func:`grimmer_map` or
    :func:`debit_map` in one row, like R scrutiny's ``audit()``.

    Every summary has ``incons_cases``, ``all_cases`` and ``incons_rate``.
    GRIM adds ``mean_grim_prob``, ``incons_to_prob``, ``testable_cases`` and
    ``testable_rate``; GRIMMER counts failures per stage (``fail_grim``,
    ``fail_test1`` … ``fail_test3``); DEBIT counts ``na_cases``.

    Args:
        data: The DataFrame a ``*_map`` function returned.

    Returns:
        A one-row DataFrame of the same kind.

    >>> import pandas as pd
    >>> from ferrox import grim_map
    >>> tested = grim_map(pd.DataFrame({"x": ["5.19", "5.19"], "n": [28, 32]}))
    >>> audit(tested)[["incons_cases", "all_cases"]].values.tolist()
    [[1.0, 2.0]]
    """
    library = kind(data)
    # Verdicts go over as text, read by the core's one rule for yes/no cells
    # (booleans, TRUE/FALSE or 1/0, NA in any spelling), as in R.
    verdicts = [str(v) for v in column(data, "consistency").to_list()]
    if has_column(data, "reason"):
        stats = _ferrox.grimmer_audit([str(r) for r in column(data, "reason").to_list()])
    elif has_column(data, "probability"):
        probability = numbers(column(data, "probability").to_numpy(), "probability")
        stats = _ferrox.grim_audit(verdicts, probability)
    else:
        stats = _ferrox.debit_audit(verdicts)
    row = {name: [value] for name, value in stats}
    if library == "pandas":
        import pandas as pd

        return pd.DataFrame(row)
    import polars as pl

    return pl.DataFrame(row)


def split_parens(
    data: Any, column_name: str | None = None, into: tuple[str, str] = ("x", "sd")
) -> Any:
    """Split cells like ``"5.20 (1.43)"`` into the two values, as written.

    Args:
        data: A list of cells, or a pandas or polars DataFrame.
        column_name: For a DataFrame, the column holding the cells.
        into: For a DataFrame, the names of the two new columns.

    Returns:
        For a list, a pair of lists of strings; for a DataFrame, the same
        kind of DataFrame with the two columns added.

    Raises:
        ferrox.FerroxError: naming the first cell that is not "value (value)".

    >>> split_parens(["5.20 (1.43)", "3.1 (0.90)"])
    (['5.20', '3.1'], ['1.43', '0.90'])
    """
    names = list(into) if isinstance(into, list | tuple) else []
    if len(names) != 2 or not all(isinstance(n, str) for n in names) or names[0] == names[1]:
        raise _ferrox.InvalidInputError(
            "`into` must be two different column names, as in ('x', 'sd')"
        )
    if isinstance(data, (list, tuple)):
        return _ferrox.split_parens([str(cell) for cell in data])
    kind(data)
    if column_name is None:
        raise _ferrox.InvalidInputError("give the name of the column that holds the cells")
    cells = [str(cell) for cell in column(data, column_name).to_list()]
    first, second = _ferrox.split_parens(cells)
    return with_columns(data, {into[0]: first, into[1]: second})


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
