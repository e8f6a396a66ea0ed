"""pandas and polars DataFrames in, the same kind out."""

from __future__ import annotations

from typing import Any

import numpy as np

from ferrox._convert import counts, reported


def kind(frame: Any) -> str:
    """'pandas' or 'polars', or a TypeError for anything else (a Series
    included: it has no columns to name)."""
    module = type(frame).__module__.split(".")[0]
    if module in ("pandas", "polars") and type(frame).__name__ == "DataFrame":
        return module
    raise TypeError(f"expected a pandas or polars DataFrame, got {type(frame).__name__}")


def has_column(frame: Any, name: str) -> bool:
    return name in frame.columns


def column(frame: Any, name: str) -> Any:
    from ferrox._ferrox import InvalidInputError

    if not has_column(frame, name):
        raise InvalidInputError(f"the data frame has no column `{name}`")
    if list(frame.columns).count(name) > 1:
        raise InvalidInputError(f"the data frame has several columns named `{name}`; rename them")
    return frame[name]


def cells(frame: Any, name: str) -> list[Any]:
    """A column as a list of Python values (text, numbers, None): what the
    core reads cell by cell, taken from the frame in one step. pandas
    numbers (nullable ones too) come as floats with NaN for missing."""
    values = column(frame, name)
    if kind(frame) == "pandas":
        from pandas.api.types import is_bool_dtype, is_numeric_dtype

        if is_numeric_dtype(values.dtype) and not is_bool_dtype(values.dtype):
            return values.to_numpy(dtype=np.float64, na_value=np.nan).tolist()
    return values.to_list()


def reported_column(frame: Any, name: str) -> list[Any] | np.ndarray:
    """A column of reported values: text as text, numbers as float64."""
    values = column(frame, name)
    array = values.to_numpy()
    if array.dtype.kind in "biuf":
        return reported(array)
    return values.to_list()


def count_column(frame: Any, name: str) -> np.ndarray:
    return counts(column(frame, name).to_numpy(), name)


def interval_columns(bounds: dict[str, tuple[np.ndarray, ...]]) -> dict[str, np.ndarray]:
    """For each prefix, columns ``{prefix}_lower``, ``_upper``,
    ``_incl_lower`` and ``_incl_upper`` from its interval arrays."""
    names = ("lower", "upper", "incl_lower", "incl_upper")
    return {
        f"{prefix}_{name}": values
        for prefix, arrays in bounds.items()
        for name, values in zip(names, arrays, strict=True)
    }


def rounded_from(reports: dict[str, Any], *settings: Any) -> dict[str, np.ndarray]:
    """The ``show_rec`` columns: the interval each column of reports was
    rounded from, under the rounding ``settings`` (procedure, threshold,
    symmetric, compat)."""
    from ferrox import _ferrox

    return interval_columns(
        {prefix: _ferrox.intervals(values, *settings) for prefix, values in reports.items()}
    )


def items_column(frame: Any, name: str) -> np.ndarray:
    """The frame's column of item counts, or one item for every row."""
    return count_column(frame, name) if has_column(frame, name) else np.ones(1)


def logical(library: str, values: list[bool | None]) -> Any:
    """A column of booleans that may be missing: NumPy when none is, else the
    library's nullable booleans (``library`` is "pandas" or "polars")."""
    if None not in values:
        return np.array(values, dtype=bool)
    if library == "pandas":
        import pandas as pd

        return pd.array(values, dtype="boolean")
    return values


def categorical(library: str, codes: np.ndarray, categories: list[str]) -> Any:
    """A categorical column from codes into ``categories``: pandas
    ``Categorical``, polars ``Enum``."""
    if library == "pandas":
        import pandas as pd

        return pd.Categorical.from_codes(codes, categories)
    import polars as pl

    return pl.Series(categories, dtype=pl.Enum(categories)).gather(codes)


def with_columns(frame: Any, columns: dict[str, Any]) -> Any:
    """A copy of the frame with the columns added (or replaced)."""
    if kind(frame) == "pandas":
        out = frame.copy()
        for name, values in columns.items():
            out[name] = values
        return out
    import polars as pl

    return frame.with_columns([pl.Series(name, values) for name, values in columns.items()])


def frame_library(frame: Any) -> str:
    """``frame`` checked as the name of a DataFrame library."""
    if not isinstance(frame, str) or frame not in ("pandas", "polars"):
        from . import _ferrox

        raise _ferrox.InvalidInputError(f'`frame` is "pandas" or "polars", not {frame!r}')
    return frame


def new_frame(library: str, columns: dict[str, Any]) -> Any:
    """A new DataFrame of ``library`` (``"pandas"`` or ``"polars"``) from
    columns."""
    if library == "pandas":
        import pandas as pd

        return pd.DataFrame(columns)
    import polars as pl

    return pl.DataFrame([pl.Series(name, values) for name, values in columns.items()])


def texts(frame: Any, name: str) -> list[str]:
    """A column as the text of each value: whole numbers without a decimal
    point, other numbers as their shortest decimals, missing as ``NA``."""
    out = []
    for value in column(frame, name).to_list():
        if value is None or (isinstance(value, float) and np.isnan(value)):
            out.append("NA")
        elif isinstance(value, float | np.floating) and float(value).is_integer():
            out.append(str(int(value)))
        else:
            out.append(str(value))
    return out
