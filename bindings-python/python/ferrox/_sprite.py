"""SPRITE: random samples behind a reported mean and SD."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ferrox._closure import ClosureResult, Number, _problem, _progress
from ferrox._convert import number
from ferrox._ferrox import InvalidInputError


class SpriteResult(ClosureResult):
    """Samples drawn by :func:`sprite`, in the order drawn.

    Attributes (besides those of :class:`ClosureResult`):
        count: The number of samples drawn.
        possible: How many consistent samples exist (a Python int), when
            known: always with ``method="uniform"``; ``None`` after random
            walks that found some.
        seed: The seed that reproduces these samples.
        method: How the samples were drawn: ``"uniform"`` (exactly, through
            counts), ``"chain"`` (a Markov chain, uniform in the limit, where
            counting is out of reach) or ``"sprite"`` (random walks).
        attempts, failures, duplicates: Random walks started, walks that
            found nothing, and samples found again and dropped.
    """

    def __init__(self, n: int, seed: int, parts: dict[str, Any]):
        self.possible: int | None = parts.pop("possible")
        self.seed = seed
        self.method: str = parts.pop("method")
        self.attempts: int = parts.pop("attempts")
        self.failures: int = parts.pop("failures")
        self.duplicates: int = parts.pop("duplicates")
        super().__init__(parts.pop("count"), n, parts)

    def __repr__(self) -> str:
        scale = f"{self.values[0]:g}-{self.values[-1]:g}"
        known = "" if self.possible is None else f" of {self.possible} possible"
        return f"<SpriteResult: {self.count} samples{known}, scale {scale}, seed {self.seed}>"

    def plot(self, ax: Any = None, max_grid: int = 16) -> Any:
        """A grid of histograms, one per sample, or overlaid ECDFs when
        there are more than ``max_grid`` samples. Needs matplotlib; returns
        the figure."""
        import matplotlib.pyplot as plt

        if self.count == 0 or self.count > max_grid:
            if ax is None:
                fig, ax = plt.subplots(figsize=(6, 4))
            cumulative = np.cumsum(self.frequencies, axis=1) / self.n
            for row in cumulative:
                ax.step(self.values, row, where="post", alpha=max(0.02, 1 / max(self.count, 1)))
            ax.set(
                xlabel="scale value", ylabel="proportion at or below", title=f"{self.count} samples"
            )
            return ax.figure
        cols = int(np.ceil(np.sqrt(self.count)))
        rows = int(np.ceil(self.count / cols))
        fig, axes = plt.subplots(
            rows, cols, figsize=(2.5 * cols, 2 * rows), squeeze=False, sharey=True
        )
        step = self.values[1] - self.values[0] if len(self.values) > 1 else 1.0
        for i, axis in enumerate(axes.flat):
            if i < self.count:
                axis.bar(self.values, self.frequencies[i], width=0.8 * step)
            else:
                axis.set_axis_off()
        fig.supxlabel("scale value")
        fig.supylabel("count")
        return fig


def _pairs(restrictions: Mapping[float, int] | None, name: str) -> list[tuple[float, float]]:
    if restrictions is None:
        return []
    if not isinstance(restrictions, Mapping):
        raise InvalidInputError(f"invalid `{name}`: give a dict of value: count")
    return [(float(value), float(count)) for value, count in restrictions.items()]


def sprite(
    mean: Number,
    sd: Number,
    n: int,
    scale_min: int,
    scale_max: int,
    *,
    items: int = 1,
    restrictions_exact: Mapping[float, int] | None = None,
    restrictions_minimum: Mapping[float, int] | str | None = None,
    n_samples: int = 10,
    seed: int | None = None,
    method: str = "uniform",
    replace: bool = False,
    rounding: str = "up_or_down",
    threshold: float = 5,
    rounding_error_mean: Number | None = None,
    rounding_error_sd: Number | None = None,
    population: bool = False,
    max_iterations: int = 100_000,
    max_misses: int = 100,
    max_memory_mb: float = 1024,
    progress: bool | Callable[[int, int], Any] = True,
) -> SpriteResult:
    """Draw random samples consistent with a reported mean and SD (SPRITE).

    ``method="uniform"`` (the default) draws exactly uniformly from every
    consistent sample (the CLOSURE set under the restrictions), through
    exact counts: when no sample exists it says so (``possible == 0``), and
    it never returns an inconsistent sample. Where the samples are too many
    to count it draws by a Markov chain whose stationary distribution is
    exactly uniform, and ``result.method`` says ``"chain"``;
    ``method="chain"`` asks for the chain always. ``method="sprite"`` is the
    classic random-walk heuristic for cases too large to count: biased, and
    it may miss samples that exist; a walk gives up after
    ``max_iterations`` moves, and drawing stops after ``max_misses`` walks
    in a row that failed or found a sample already drawn.

    ``restrictions_exact={value: count}`` fixes how often values occur;
    ``restrictions_minimum={value: count}`` sets a least count, and
    ``"range"`` asks for both scale ends at least once. Samples are distinct
    unless ``replace=True``. The same ``seed`` gives the same samples in
    Python, R, Rust and the command line; without one, a random seed is
    chosen and kept in the result. Drawing by the chain for more than a
    second shows a tqdm progress bar when tqdm is installed
    (``progress=False`` turns it off; a callable ``progress(done, total)``
    gets the numbers instead); Ctrl-C stops it. Other arguments as in
    :func:`closure_count`.

    >>> r = sprite("3.5", "1.2", 50, 1, 7, n_samples=3, seed=1)
    >>> r.possible, r.frequencies.shape
    (26428, (3, 7))
    >>> sprite("5.19", "1.00", 28, 1, 7).possible
    0
    """
    if seed is None:
        seed = random.SystemRandom().getrandbits(53)
    exact = _pairs(restrictions_exact, "restrictions_exact")
    in_range = False
    if isinstance(restrictions_minimum, str):
        if restrictions_minimum != "range":
            raise InvalidInputError(
                'invalid `restrictions_minimum`: give a dict of value: count, or "range"'
            )
        in_range, minimum = True, []
    else:
        minimum = _pairs(restrictions_minimum, "restrictions_minimum")
    problem = _problem(
        mean, sd, n, scale_min, scale_max, items, rounding, threshold,
        rounding_error_mean, rounding_error_sd, population,
    )  # fmt: skip
    wanted = number(n_samples, "n_samples")
    # The bar's total only; the core checks n_samples itself.
    total = int(min(max(wanted, 0), 2**53)) if wanted == wanted else 0
    report, close = _progress(progress, total)
    try:
        parts = problem.sprite(
            exact, minimum, in_range, wanted, number(seed, "seed"),
            method, bool(replace), number(max_iterations, "max_iterations"),
            number(max_misses, "max_misses"), number(max_memory_mb, "max_memory_mb"),
            report, 0.0 if callable(progress) else 1.0,
        )  # fmt: skip
    finally:
        close()
    return SpriteResult(int(n), int(seed), parts)
