from collections.abc import Callable

import numpy as np
import numpy.typing as npt

__version__: str

class FerroxError(ValueError): ...
class InvalidInputError(FerroxError): ...
class UnsupportedError(FerroxError): ...
class TooLargeError(FerroxError): ...

def grim_columns(
    x: list[str] | npt.NDArray[np.float64],
    n: npt.NDArray[np.float64],
    items: npt.NDArray[np.float64],
    percent: bool,
    rounding: str,
    threshold: float,
    symmetric: bool,
    compat: str | None,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64]]: ...

class ClosureProblem:
    def __init__(
        self,
        mean: str | float,
        sd: str | float,
        n: float,
        scale_min: float,
        scale_max: float,
        items: float,
        rounding: str,
        threshold: float,
        error_mean: str | float | None,
        error_sd: str | float | None,
        population: bool,
    ) -> None: ...
    def count(self) -> int: ...
    def batches(self, batch: int) -> SampleBatches: ...
    def exists(self) -> bool: ...
    def values(self) -> npt.NDArray[np.float64]: ...
    def summary(self) -> dict[str, object]: ...
    def samples(
        self,
        stop_after: int | None,
        max_memory_mb: float,
        progress: Callable[[int], None] | None = None,
        progress_after: float = 1.0,
    ) -> dict[str, npt.NDArray[np.generic]]: ...

def sorted_samples(
    values: npt.NDArray[np.float64], frequencies: npt.NDArray[np.uint32], n: int
) -> npt.NDArray[np.float64]: ...

class SampleBatches:
    def __iter__(self) -> SampleBatches: ...
    def __next__(self) -> npt.NDArray[np.uint32]: ...
