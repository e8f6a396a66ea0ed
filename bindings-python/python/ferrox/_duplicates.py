"""Values repeated within and across the columns of a table (R scrutiny's
``duplicate_count``, ``duplicate_tally`` and ``duplicate_count_colpair``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._frames import kind, new_frame, texts, with_columns


def _columns(data: Any, ignore: Sequence[Any] | None) -> tuple[list[list[str]], list[str]]:
    kind(data)
    return [texts(data, c) for c in data.columns], [str(v) for v in ignore or []]


def duplicate_count(data: Any, ignore: Sequence[Any] | None = None) -> Any:
    """Every value of the table with how often it occurs (``frequency``) and
    in which columns (``locations``, ``locations_n``), most frequent first.
    Values are compared as text (numbers as their shortest decimals);
    missing cells and ``ignore`` values are skipped.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": ["1.2", "3.4", "1.2"], "b": ["3.4", "7.7", "1.2"]})
    >>> duplicate_count(df).head(2).values.tolist()
    [['1.2', 3, 'a, b', 2], ['3.4', 2, 'a, b', 2]]
    """
    columns, ignored = _columns(data, ignore)
    names = [str(c) for c in data.columns]
    counts = _ferrox.duplicate_count_columns(columns, ignored)
    return new_frame(
        kind(data),
        {
            "value": [c[0] for c in counts],
            "frequency": np.array([c[1] for c in counts], dtype=np.int64),
            "locations": [", ".join(names[i] for i in c[2]) for c in counts],
            "locations_n": np.array([len(c[2]) for c in counts], dtype=np.int64),
        },
    )


def duplicate_tally(data: Any, ignore: Sequence[Any] | None = None) -> Any:
    """The table with a column ``<name>_n`` after each column: how often each
    cell's value occurs in the whole table (missing for missing or ignored
    cells). scrutiny 0.6.1 adds one for every missing cell of the table;
    these are the counts themselves.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": ["1.2", "3.4"], "b": ["3.4", "7.7"]})
    >>> duplicate_tally(df).columns.tolist()
    ['a', 'a_n', 'b', 'b_n']
    """
    columns, ignored = _columns(data, ignore)
    tally = _ferrox.duplicate_tally_columns(columns, ignored)
    library = kind(data)
    added = {}
    for name, counts in zip(data.columns, tally, strict=True):
        if library == "pandas":
            import pandas as pd

            added[f"{name}_n"] = pd.array(counts, dtype="Int64")
        else:
            added[f"{name}_n"] = counts
    out = with_columns(data, added)
    order = [c for name in data.columns for c in (name, f"{name}_n")]
    return out[order] if library == "pandas" else out.select(order)


def duplicate_count_colpair(
    data: Any, ignore: Sequence[Any] | None = None, show_rates: bool = True
) -> Any:
    """Every pair of columns with how many of ``x``'s values occur in ``y``
    (``count``), most first; with ``show_rates``, also ``total_x``,
    ``total_y``, ``rate_x`` and ``rate_y``.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": ["1.2", "3.4", "1.2"], "b": ["3.4", "7.7", "1.2"]})
    >>> duplicate_count_colpair(df).values.tolist()
    [['a', 'b', 3, 3, 3, 1.0, 1.0]]
    """
    columns, ignored = _columns(data, ignore)
    names = [str(c) for c in data.columns]
    pairs = _ferrox.duplicate_colpair_columns(columns, ignored)
    out: dict[str, Any] = {
        "x": [names[p[0]] for p in pairs],
        "y": [names[p[1]] for p in pairs],
        "count": np.array([p[2] for p in pairs], dtype=np.int64),
    }
    if show_rates:
        total_x = np.array([p[3] for p in pairs], dtype=np.int64)
        total_y = np.array([p[4] for p in pairs], dtype=np.int64)
        out |= {
            "total_x": total_x,
            "total_y": total_y,
            "rate_x": out["count"] / total_x,
            "rate_y": out["count"] / total_y,
        }
    return new_frame(kind(data), out)
