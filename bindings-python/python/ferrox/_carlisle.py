"""Carlisle's test of baseline tables in randomised trials."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ferrox import _ferrox
from ferrox._frames import column, has_column, kind, new_frame, texts


@dataclass(frozen=True)
class CarlisleResult:
    """What :func:`carlisle` finds, as three DataFrames.

    Attributes:
        variables: Per trial and variable: ``method`` (``anova``, ``chisq``
            or ``fisher``), ``groups``, ``statistic``, ``p`` at the reported
            values, ``p_min`` and ``p_max`` over their rounding intervals,
            and ``p_drawn``, at values drawn from those intervals.
        trials: Per trial: ``variables`` combined and the Stouffer and
            Fisher combinations of their ``p_drawn`` (near 0: groups differ
            too much; near 1: too alike).
        uniformity: The variables' and the trials' p-values against the
            uniform distribution: Kolmogorov–Smirnov ``ks_d`` and ``ks_p``,
            and ``auc`` (the mean p, 0.5 when uniform).
    """

    variables: Any
    trials: Any
    uniformity: Any

    def __repr__(self) -> str:
        columns = [list(self.uniformity[c]) for c in self.uniformity.columns]
        rows = [
            f"{name}: n = {n}, KS D = {d:.4f} (p = {p:.3g}), AUC = {auc:.3f}"
            for name, n, d, p, auc in zip(*columns, strict=True)
        ]
        return "Carlisle's test of baseline tables\n" + "\n".join(rows)


def _texts(data: Any, name: str) -> list[str] | None:
    return texts(data, name) if has_column(data, name) else None


def _numbers(data: Any, name: str) -> list[float] | None:
    if not has_column(data, name):
        return None
    values = column(data, name).to_list()
    return [float("nan") if v is None else float(v) for v in values]


def carlisle(
    data: Any,
    trial: str = "trial",
    variable: str = "variable",
    group: str = "group",
    n: str = "n",
    mean: str = "mean",
    sd: str = "sd",
    count: str = "count",
    level: str = "level",
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
    seed: int = 1,
) -> CarlisleResult:
    """Carlisle's test of baseline tables: are the differences between
    randomised groups as random as randomisation makes them?

    One row per trial × variable × group: ``n`` with ``mean`` and ``sd`` (as
    reported strings) for a continuous variable, or ``count`` for a
    categorical one (the members in the category; with a ``level`` column,
    one row per level). Each variable gets a p-value (ANOVA from the summary
    statistics, the t-test for two groups; χ², or Fisher's exact test for a
    small 2 × 2 table); each trial the Stouffer and Fisher combinations of
    its continuous variables' p-values; and all of them a test against the
    uniform distribution.

    Args:
        data: A pandas or polars DataFrame.
        trial, variable, group, n, mean, sd, count, level: Column names.
        rounding, threshold, symmetric: How the means and SDs were rounded.
        seed: Seeds the draws within the rounding intervals.

    Returns:
        A :class:`CarlisleResult` with ``variables``, ``trials`` and
        ``uniformity`` DataFrames.

    >>> import pandas as pd
    >>> table = pd.DataFrame({"trial": "T1", "variable": "age", "group": ["A", "B"],
    ...                       "n": 50, "mean": ["54.2", "55.9"], "sd": ["9.1", "8.7"]})
    >>> round(float(carlisle(table).variables["p"][0]), 4)
    0.342
    """
    library = kind(data)
    for name in (trial, variable, group, n):
        column(data, name)
    variables, trials, uniformity = _ferrox.carlisle_columns(
        _texts(data, trial),
        _texts(data, variable),
        _texts(data, group),
        _texts(data, level),
        _numbers(data, n),
        _texts(data, mean),
        _texts(data, sd),
        _numbers(data, count),
        rounding,
        threshold,
        symmetric,
        seed,
    )
    return CarlisleResult(*(new_frame(library, part) for part in (variables, trials, uniformity)))
