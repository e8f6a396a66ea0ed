"""CLOSURE: every sample of scale values behind a reported mean and SD."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._convert import number, reported_scalar

Number = str | float | int


def _problem(
    mean: Number,
    sd: Number,
    n: int,
    scale_min: int,
    scale_max: int,
    items: int,
    rounding: str,
    threshold: float,
    rounding_error_mean: Number | None,
    rounding_error_sd: Number | None,
    population: bool,
) -> _ferrox.ClosureProblem:
    return _ferrox.ClosureProblem(
        reported_scalar(mean, "mean"),
        reported_scalar(sd, "sd"),
        number(n, "n"),
        number(scale_min, "scale_min"),
        number(scale_max, "scale_max"),
        number(items, "items"),
        rounding,
        number(threshold, "threshold"),
        reported_scalar(rounding_error_mean, "rounding_error_mean"),
        reported_scalar(rounding_error_sd, "rounding_error_sd"),
        population,
    )


def closure_count(
    mean: Number,
    sd: Number,
    n: int,
    scale_min: int,
    scale_max: int,
    *,
    items: int = 1,
    rounding: str = "up_or_down",
    threshold: float = 5,
    rounding_error_mean: Number | None = None,
    rounding_error_sd: Number | None = None,
    population: bool = False,
) -> int:
    """Count the samples consistent with a reported mean and SD, exactly.

    The samples are multisets of ``n`` values from ``scale_min`` to
    ``scale_max`` in steps of ``1 / items``. Their mean and SD must round to
    the reports under ``rounding`` or, when both ``rounding_error_mean`` and
    ``rounding_error_sd`` are given, lie in the closed intervals
    ``[x - e, x + e]`` (the convention of scrutipy and closure-core). The SD
    is the sample SD unless ``population`` is true. Nothing is listed, so
    counts in the trillions are fine; the result is a Python int.

    >>> closure_count(3.5, 1.2, 50, 0, 7, rounding_error_mean=0.05, rounding_error_sd=0.005)
    7980
    """
    return _problem(
        mean, sd, n, scale_min, scale_max, items, rounding, threshold,
        rounding_error_mean, rounding_error_sd, population,
    ).count()  # fmt: skip


def closure_exists(
    mean: Number,
    sd: Number,
    n: int,
    scale_min: int,
    scale_max: int,
    *,
    items: int = 1,
    rounding: str = "up_or_down",
    threshold: float = 5,
    rounding_error_mean: Number | None = None,
    rounding_error_sd: Number | None = None,
    population: bool = False,
) -> bool:
    """Whether any sample has this mean and SD: the strongest consistency
    test of a mean and SD together. Arguments as in :func:`closure_count`.

    >>> closure_exists("2.0", "0.5", 3, 1, 3)
    False
    >>> closure_exists("3.00", "1.58", 5, 1, 5)
    True
    """
    return _problem(
        mean, sd, n, scale_min, scale_max, items, rounding, threshold,
        rounding_error_mean, rounding_error_sd, population,
    ).exists()  # fmt: skip


def closure_batches(
    mean: Number,
    sd: Number,
    n: int,
    scale_min: int,
    scale_max: int,
    *,
    items: int = 1,
    rounding: str = "up_or_down",
    threshold: float = 5,
    rounding_error_mean: Number | None = None,
    rounding_error_sd: Number | None = None,
    population: bool = False,
    batch_size: int = 100_000,
) -> Iterator[np.ndarray]:
    """Stream every sample in batches of bounded memory: each batch is a 2-D
    array of at most ``batch_size`` frequency vectors (columns: the scale
    values), in the same order as :func:`closure`. The samples are made on
    another thread while you consume them. Arguments as in
    :func:`closure_count`.

    >>> batches = closure_batches(3.5, 1.2, 50, 0, 7, rounding_error_mean=0.05,
    ...                           rounding_error_sd=0.005, batch_size=5000)
    >>> [b.shape for b in batches]
    [(5000, 8), (2980, 8)]
    """
    problem = _problem(
        mean, sd, n, scale_min, scale_max, items, rounding, threshold,
        rounding_error_mean, rounding_error_sd, population,
    )  # fmt: skip
    yield from problem.batches(number(batch_size, "batch_size"))


def closure_write(
    mean: Number,
    sd: Number,
    n: int,
    scale_min: int,
    scale_max: int,
    path: str | os.PathLike[str],
    *,
    items: int = 1,
    rounding: str = "up_or_down",
    threshold: float = 5,
    rounding_error_mean: Number | None = None,
    rounding_error_sd: Number | None = None,
    population: bool = False,
) -> int:
    """Write every sample to a CSV file at ``path``, as they are enumerated,
    so memory stays bounded however many there are: a header of the scale
    values, then one row of value counts per sample, in the order of
    :func:`closure`. Arguments as in :func:`closure_count`. Returns the
    number written; a file that cannot be written raises
    :class:`FerroxIOError` (an ``OSError``). Ctrl-C stops it.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "samples.csv")
    >>> closure_write("3.5", "1.2", 50, 0, 7, path, rounding_error_mean=0.05,
    ...               rounding_error_sd=0.005)
    7980
    >>> with open(path) as f:
    ...     f.readline().strip()
    '0,1,2,3,4,5,6,7'
    """
    return _problem(
        mean, sd, n, scale_min, scale_max, items, rounding, threshold,
        rounding_error_mean, rounding_error_sd, population,
    ).write(path)  # fmt: skip


@dataclass(frozen=True)
class CountEstimate:
    """The number of samples where it is too large to count, estimated by
    sequential importance sampling (seeded).

    Attributes:
        log10: The base-10 logarithm of the estimate (counts may pass the
            largest float).
        relative_error: Its standard error relative to it.
        trials: The importance samples averaged.

    >>> from ferrox import closure_summary
    >>> e = closure_summary("34.2", "8.1", 150, 18, 80).count_estimate
    >>> e.log10 > 30 and e.relative_error < 1
    True
    """

    log10: float
    relative_error: float
    trials: int
    text: str = field(repr=False)

    @property
    def value(self) -> float:
        """The estimate itself (``inf`` beyond the largest float)."""
        return 10.0**self.log10 if self.log10 < 308 else math.inf

    def __str__(self) -> str:
        return self.text


class ClosureSummary:
    """What is known about all samples without listing them.

    Attributes:
        count: The number of samples (a Python int), or ``None`` where they
            are too many to count.
        count_estimate: Where they are, their number estimated by
            importance sampling (a :class:`CountEstimate`), else ``None``.
        table: A pandas DataFrame: per scale value, its fewest, most and mean
            occurrences in a sample, and the mean's standard error
            (``mean_error``): 0 where the samples were counted, else the
            mean is estimated from uniform draws. The fewest and most are
            exact at any size.
        distribution: ``distribution[j][c]`` is the number of samples in
            which the ``j``-th scale value occurs ``c`` times (Python ints);
            empty lists where the samples could not be counted.
        horns_min, horns_max: ``(horns index, frequency vector)`` of a sample
            with the least and the greatest horns index, or ``None``.
    """

    def __init__(self, parts: dict[str, Any]):
        self.count: int = parts["count"]
        estimate = parts["count_estimate"]
        self.count_estimate = None if estimate is None else CountEstimate(*estimate)
        self.distribution: list[list[int]] = parts["distribution"]
        self.horns_min = parts["horns_min"]
        self.horns_max = parts["horns_max"]
        self._table = {k: parts[k] for k in ("value", "min", "max", "mean", "mean_error")}

    @property
    def table(self) -> Any:
        import pandas as pd

        return pd.DataFrame(self._table)

    def __repr__(self) -> str:
        if self.count is None:
            estimate = self.count_estimate
            return f"<ClosureSummary: too many samples to count, {estimate}; means estimated>"
        return f"<ClosureSummary: {self.count} samples>"


def closure_summary(
    mean: Number,
    sd: Number,
    n: int,
    scale_min: int,
    scale_max: int,
    *,
    items: int = 1,
    rounding: str = "up_or_down",
    threshold: float = 5,
    rounding_error_mean: Number | None = None,
    rounding_error_sd: Number | None = None,
    population: bool = False,
) -> ClosureSummary:
    """Summarise all samples without listing them, so that it works for
    billions: per scale value how often it occurs (fewest, most, mean and
    the full distribution), and the samples with the least and the greatest
    horns index. Arguments as in :func:`closure_count`.

    At any size the fewest and most occurrences and the horns extremes are
    exact. Where the samples are too many to count, the means are estimated
    from uniform draws (``table["mean_error"]`` is their standard error),
    the distributions are empty and ``count`` is ``None`` unless a count
    was still possible.

    >>> s = closure_summary(3.5, 1.2, 50, 0, 7, rounding_error_mean=0.05, rounding_error_sd=0.005)
    >>> s.count, s.table["max"].tolist()
    (7980, [4.0, 9.0, 18.0, 43.0, 43.0, 18.0, 9.0, 4.0])
    """
    return ClosureSummary(
        _problem(
            mean, sd, n, scale_min, scale_max, items, rounding, threshold,
            rounding_error_mean, rounding_error_sd, population,
        ).summary()
    )  # fmt: skip


class ClosureResult:
    """The samples behind a reported mean and SD.

    Attributes:
        count: The number of consistent samples (a Python int).
        values: The scale values, lowest first (the columns of
            ``frequencies``).
        frequencies: One row per sample: how often each scale value occurs.
        horns: The horns index of each sample (0: all values alike; 1: half
            at each end of the scale).
    """

    def __init__(self, count: int, n: int, parts: dict[str, np.ndarray]):
        self.count = count
        self.n = n
        self.values: np.ndarray = parts["values"]
        self.frequencies: np.ndarray = parts["frequencies"]
        self.horns: np.ndarray = parts["horns"]
        self._summary = {k: parts[k] for k in ("min", "max", "mean")}

    @property
    def samples(self) -> np.ndarray:
        """One row per sample: its ``n`` values in ascending order (built on
        each access: it takes ``n`` times the memory of ``frequencies``)."""
        return _ferrox.sorted_samples(self.values, self.frequencies, self.n)

    def __len__(self) -> int:
        return self.frequencies.shape[0]

    def __repr__(self) -> str:
        listed = len(self)
        more = "" if listed == self.count else f", {listed} listed"
        scale = f"{self.values[0]:g}-{self.values[-1]:g}"
        return f"<ClosureResult: {self.count} samples{more}, scale {scale}>"

    def summary(self) -> Any:
        """A pandas DataFrame: per scale value, its fewest, most and mean
        occurrences across the listed samples."""
        import pandas as pd

        return pd.DataFrame({"value": self.values, **self._summary})

    def _columns(self) -> dict[str, np.ndarray]:
        columns = {f"{v:g}": self.frequencies[:, i] for i, v in enumerate(self.values)}
        return {**columns, "horns": self.horns}

    def to_pandas(self) -> Any:
        """The frequency table (one column per scale value) with ``horns``."""
        import pandas as pd

        return pd.DataFrame(self._columns())

    def to_polars(self) -> Any:
        """As :meth:`to_pandas`, as a polars DataFrame."""
        import polars as pl

        return pl.DataFrame(self._columns())

    def plot(self, ax: Any = None) -> Any:
        """Bar chart of the range of counts per scale value, and a histogram
        of the horns index. Needs matplotlib; returns the figure."""
        import matplotlib.pyplot as plt

        if ax is None:
            fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
        else:
            left, right = ax
            fig = left.figure
        low, high, mean = self._summary["min"], self._summary["max"], self._summary["mean"]
        left.bar(self.values, high - low, bottom=low, width=0.6, alpha=0.5, label="range")
        left.scatter(self.values, mean, color="black", zorder=3, label="mean")
        left.set(xlabel="scale value", ylabel="count in sample", title=f"{self.count} samples")
        left.legend()
        right.hist(self.horns, bins=30)
        right.set(xlabel="horns index", ylabel="samples", title="horns index")
        return fig


def closure(
    mean: Number,
    sd: Number,
    n: int,
    scale_min: int,
    scale_max: int,
    *,
    items: int = 1,
    rounding: str = "up_or_down",
    threshold: float = 5,
    rounding_error_mean: Number | None = None,
    rounding_error_sd: Number | None = None,
    population: bool = False,
    stop_after: int | None = None,
    max_memory_mb: float = 1024,
    progress: bool | Callable[[int, int], Any] = True,
) -> ClosureResult:
    """List every sample consistent with a reported mean and SD (CLOSURE).

    Arguments as in :func:`closure_count`. The samples are counted first:
    if listing them would take more than ``max_memory_mb``, a
    ``ferrox.TooLargeError`` says so before anything is allocated (use
    :func:`closure_count`, or ``stop_after`` to take the first samples).
    Samples come in lexicographic order of their sorted values, the same in
    every language. Listing that takes more than a second shows a tqdm
    progress bar when tqdm is installed (``progress=False`` turns it off; a
    callable ``progress(done, total)`` gets the numbers instead). Ctrl-C
    stops it.

    >>> r = closure("3.5", "0.5", 12, 1, 5, rounding_error_mean=0.05, rounding_error_sd=0.05)
    >>> r.count, r.samples.tolist()
    (1, [[3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0]])
    """
    problem = _problem(
        mean, sd, n, scale_min, scale_max, items, rounding, threshold,
        rounding_error_mean, rounding_error_sd, population,
    )  # fmt: skip
    limit = None if stop_after is None else number(stop_after, "stop_after")
    memory = number(max_memory_mb, "max_memory_mb")
    total = problem.count()
    if limit is not None and limit >= 0:
        total = min(total, int(limit))
    report, close = _progress(progress, total)
    try:
        parts = problem.samples(limit, memory, report, 0.0 if callable(progress) else 1.0)
    finally:
        close()
    return ClosureResult(parts.pop("count"), int(n), parts)


def _progress(
    progress: bool | Callable[[int, int], Any], total: int
) -> tuple[Callable[[int], None] | None, Callable[[], None]]:
    """A callback for the number of samples listed so far, and a cleanup."""
    if callable(progress):
        return (lambda done: progress(done, total)), (lambda: None)
    if not progress:
        return None, lambda: None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None, lambda: None
    bars: list[Any] = []

    def report(done: int) -> None:
        if not bars:
            bars.append(tqdm(total=total, unit=" samples"))
        bars[0].update(done - bars[0].n)

    def close() -> None:
        for bar in bars:
            bar.close()

    return report, close
