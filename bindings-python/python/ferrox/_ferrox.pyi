import os
from collections.abc import Callable
from typing import Any, final

import numpy as np
import numpy.typing as npt

__version__: str
P_COLUMNS: list[str]
SCAN_COLUMNS: list[str]
__all__ = [
    "ClosureProblem",
    "P_COLUMNS",
    "SCAN_COLUMNS",
    "FerroxError",
    "FerroxIOError",
    "FerroxMemoryError",
    "IntegerOverflowError",
    "InternalError",
    "InvalidInputError",
    "SampleBatches",
    "SingularMatrixError",
    "TooLargeError",
    "UnsupportedError",
    "__version__",
    "cubic_roots",
    "cubic_roots_columns",
    "cubic_y_root",
    "debit_audit",
    "audit_kind",
    "duplicate_audit",
    "decimal_places_column",
    "find_results",
    "grim_u_columns",
    "p_check_columns",
    "p_check_results",
    "p_check_text",
    "parse_result",
    "scan_bytes",
    "scan_html",
    "scan_paths",
    "serve",
    "t_summary_columns",
    "debit_columns",
    "grim_audit",
    "grim_columns",
    "grim_stats_columns",
    "grimmer_audit",
    "grimmer_columns",
    "intervals",
    "matrix_power",
    "per_granule_columns",
    "sorted_samples",
    "sd_binary_columns",
    "audit_seq_columns",
    "audit_total_n_columns",
    "disperse_columns",
    "disperse_total",
    "parens_column",
    "reround_column",
    "reround_to_fraction_column",
    "restore_zeros_column",
    "rounding_bias_column",
    "scenarios_columns",
    "sd_bounds_columns",
    "undisperse_column",
    "unround_column",
    "carlisle_columns",
    "duplicate_count_columns",
    "duplicate_tally_columns",
    "duplicate_colpair_columns",
    "grim_raster",
    "is_seq_column",
]

class FerroxError(ValueError): ...
class InvalidInputError(FerroxError): ...
class UnsupportedError(FerroxError): ...
class TooLargeError(FerroxError): ...
class IntegerOverflowError(TooLargeError): ...
class SingularMatrixError(FerroxError): ...
class InternalError(FerroxError): ...
class FerroxIOError(OSError): ...
class FerroxMemoryError(MemoryError): ...

_Reported = list[object] | npt.NDArray[np.float64]
_Ends = npt.NDArray[np.float64]
_Intervals = tuple[
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    npt.NDArray[np.bool_],
    npt.NDArray[np.bool_],
]

def grim_columns(
    x: _Reported,
    n: npt.NDArray[np.float64],
    items: npt.NDArray[np.float64],
    percent: bool,
    rounding: str,
    threshold: float,
    symmetric: bool,
    compat: str | None,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.float64]]: ...
def grim_stats_columns(
    x: _Reported,
    n: npt.NDArray[np.float64],
    items: npt.NDArray[np.float64],
    percent: bool,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]: ...
def sd_binary_columns(
    what: str, first: npt.NDArray[np.float64], second: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]: ...
def grimmer_columns(
    x: _Reported,
    sd: _Reported,
    n: npt.NDArray[np.float64],
    items: npt.NDArray[np.float64],
    rounding: str,
    threshold: float,
    symmetric: bool,
    scale_min: float | None,
    scale_max: float | None,
    compat: str | None,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.uint8], list[str]]: ...
def debit_columns(
    x: _Reported,
    sd: _Reported,
    n: npt.NDArray[np.float64],
    rounding: str,
    threshold: float,
    symmetric: bool,
    compat: str | None,
) -> tuple[list[bool | None], _Intervals, _Intervals]: ...
def intervals(
    x: _Reported, rounding: str, threshold: float, symmetric: bool, compat: str | None
) -> _Intervals: ...
def grim_audit(
    consistency: list[str], probability: npt.NDArray[np.float64]
) -> list[tuple[str, float]]: ...
def grimmer_audit(reasons: list[str]) -> list[tuple[str, float]]: ...
def debit_audit(consistency: list[str]) -> list[tuple[str, float]]: ...
def audit_kind(names: list[str]) -> tuple[str, list[int]]: ...
def duplicate_audit(
    names: list[str], summarised: list[str], columns: list[list[float]]
) -> list[tuple[str, list[float], int, float]]: ...
def per_granule_columns(
    n: npt.NDArray[np.float64], other: npt.NDArray[np.float64], items: bool
) -> npt.NDArray[np.float64]: ...
def decimal_places_column(x: _Reported) -> list[int | None]: ...
def sd_bounds_columns(
    x: _Reported,
    sd: _Reported | None,
    n: _Ends,
    items: _Ends,
    scale_min: _Ends,
    scale_max: _Ends,
    rounding: str,
    threshold: float,
    symmetric: bool,
) -> tuple[_Ends, _Ends, list[bool | None]]: ...
def disperse_columns(
    columns: list[list[str]],
    vary: list[int],
    steps: list[float],
    out_min: str | None,
    out_max: str | None,
    include_reported: bool,
) -> tuple[list[list[str]], list[int], list[int], list[int]]: ...
def undisperse_column(values: list[str], diff: list[int]) -> list[str]: ...
def audit_seq_columns(
    case: list[int], var: list[str], diff: list[int], consistency: list[bool], vars: list[str]
) -> tuple[list[int], list[int], list[list[int]], list[list[list[int | None]]]]: ...
def disperse_total(
    total: float, steps: list[float], n_min: float, n_max: float | None
) -> list[tuple[int, int, int]]: ...
def scenarios_columns(
    groups: list[list[list[str]]],
    total: list[float],
    steps: list[float],
    n_min: float,
    n_max: float | None,
) -> tuple[list[list[str]], list[int], list[int], list[int], list[bool]]: ...
def audit_total_n_columns(
    case: list[int], forth: list[bool], consistency: list[bool]
) -> list[tuple[int, int, int, int]]: ...
def parens_column(
    x: _Reported, sep: list[str], whole: bool
) -> tuple[list[str | None], list[str | None]]: ...
def carlisle_columns(
    trial: list[str],
    variable: list[str],
    group: list[str],
    level: list[str] | None,
    n: list[float],
    mean: list[str] | None,
    sd: list[str] | None,
    count: list[float] | None,
    rounding: str,
    threshold: float,
    symmetric: bool,
    seed: int,
) -> tuple[dict[str, list[Any]], dict[str, list[Any]], dict[str, list[Any]]]: ...
def duplicate_count_columns(
    columns: list[list[str]], ignore: list[str]
) -> list[tuple[str, int, list[int]]]: ...
def duplicate_tally_columns(
    columns: list[list[str]], ignore: list[str]
) -> list[list[int | None]]: ...
def duplicate_colpair_columns(
    columns: list[list[str]], ignore: list[str]
) -> list[tuple[int, int, int, int, int]]: ...
def grim_raster(
    digits: int,
    n_max: int,
    items: int,
    rounding: str,
    threshold: float,
    symmetric: bool,
    compat: str | None,
) -> npt.NDArray[np.bool_]: ...
def is_seq_column(
    x: _Reported, pattern: str, from_: str | None, test_linear: bool
) -> bool | None: ...
def reround_column(
    x: _Reported,
    digits: npt.NDArray[np.float64],
    rounding: str,
    threshold: float,
    symmetric: bool,
    compat: str | None,
) -> npt.NDArray[np.float64]: ...
def unround_column(
    x: _Reported, rounding: str, threshold: float, compat: str | None
) -> tuple[list[str | None], _Ends, _Ends, list[bool | None], list[bool | None], list[str]]: ...
def restore_zeros_column(
    x: _Reported, width: float | None, sep_in: str, sep_out: str
) -> list[str | None]: ...
def reround_to_fraction_column(
    x: _Reported,
    denominator: npt.NDArray[np.float64],
    digits: float | None,
    rounding: str,
    threshold: float,
    symmetric: bool,
    compat: str | None,
) -> npt.NDArray[np.float64]: ...
def rounding_bias_column(
    x: _Reported,
    digits: npt.NDArray[np.float64],
    rounding: str,
    threshold: float,
    symmetric: bool,
    compat: str | None,
) -> tuple[npt.NDArray[np.float64], float]: ...

@final
class ClosureProblem:
    def __new__(
        cls,
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
    ) -> ClosureProblem: ...
    def count(self) -> int: ...
    def batches(self, batch_size: float) -> SampleBatches: ...
    def exists(self) -> bool: ...
    def write(self, path: str | os.PathLike[str]) -> int: ...
    def values(self) -> npt.NDArray[np.float64]: ...
    def summary(self) -> dict[str, object]: ...
    def samples(
        self,
        stop_after: float | None,
        max_memory_mb: float,
        progress: Callable[[int], None] | None = None,
        progress_after: float = 1.0,
    ) -> dict[str, npt.NDArray[np.generic]]: ...
    def sprite(
        self,
        exact: list[tuple[float, float]],
        minimum: list[tuple[float, float]],
        range: bool,
        n_samples: float,
        seed: float,
        method: str,
        replace: bool,
        max_iterations: float,
        max_misses: float,
        max_memory_mb: float,
        progress: Callable[[int], None] | None = None,
        progress_after: float = 1.0,
    ) -> dict[str, Any]: ...

def sorted_samples(
    values: npt.NDArray[np.float64], frequencies: npt.NDArray[np.uint32], n: int
) -> npt.NDArray[np.float64]: ...

@final
class SampleBatches:
    def __iter__(self) -> SampleBatches: ...
    def __next__(self) -> npt.NDArray[np.uint32]: ...

def matrix_power(
    a: object,
    n: int,
    overflow: str = "raise",
    nan: str = "propagate",
    parallel: bool = True,
) -> npt.NDArray[np.generic]: ...
def cubic_roots(a: object, b: object, c: object, d: object) -> tuple[object, object]: ...
def cubic_y_root(x0: object, y0: object) -> tuple[object, object]: ...
def cubic_roots_columns(
    a: npt.NDArray[np.float64],
    b: npt.NDArray[np.float64],
    c: npt.NDArray[np.float64],
    d: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.uint8]]: ...

# rounding, threshold, symmetric, alpha, p_equal_alpha_significant,
# p_truncation, one_tailed
_Settings = tuple[str, float, bool, float, bool, bool, bool]

def p_check_columns(
    test: object, value: object, df1: object, df2: object, p: object, settings: _Settings
) -> dict[str, Any]: ...
def p_check_results(results: object, settings: _Settings) -> dict[str, Any]: ...
def p_check_text(text: str, settings: _Settings) -> dict[str, Any]: ...
def serve(
    host: str,
    port: int,
    workers: int | None,
    job_seconds: int,
    max_upload_mb: int,
    ready: Callable[[str], object],
    stop: object | None,
) -> None: ...
def scan_paths(paths: list[str], settings: _Settings) -> dict[str, Any]: ...
def scan_bytes(data: bytes, name: str, settings: _Settings) -> dict[str, Any]: ...
def scan_html(paths: list[str], title: str, settings: _Settings) -> str: ...
def parse_result(text: str) -> dict[str, Any]: ...
def find_results(text: str) -> list[dict[str, Any]]: ...
def grim_u_columns(
    u: object,
    n1: npt.NDArray[np.float64],
    n2: npt.NDArray[np.float64],
    p: object,
    ties: bool,
    settings: _Settings,
) -> dict[str, Any]: ...
def t_summary_columns(
    m1: object,
    sd1: object,
    n1: npt.NDArray[np.float64],
    m2: object,
    sd2: object,
    n2: npt.NDArray[np.float64],
    test: object,
    mu: object,
    t: object,
    p: object,
    settings: _Settings,
) -> dict[str, Any]: ...
