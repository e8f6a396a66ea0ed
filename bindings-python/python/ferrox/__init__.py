"""Summary-data forensics with exact arithmetic, and fast numeric kernels.

Could the means, SDs and sample sizes reported in a paper have come from real
data? ferrox answers with integers, never floats, and can replay R scrutiny
0.6.1 bit for bit (``compat="scrutiny"``) to reproduce published audits.

>>> import ferrox
>>> ferrox.grim("5.19", n=28)
False
"""

from ferrox._closure import (
    ClosureResult,
    ClosureSummary,
    closure,
    closure_batches,
    closure_count,
    closure_exists,
    closure_summary,
    closure_write,
)
from ferrox._debit import (
    debit,
    debit_map,
    sd_binary_0_n,
    sd_binary_1_n,
    sd_binary_groups,
    sd_binary_mean_n,
)
from ferrox._ferrox import (
    SCAN_COLUMNS,
    FerroxError,
    FerroxIOError,
    FerroxMemoryError,
    IntegerOverflowError,
    InternalError,
    InvalidInputError,
    SingularMatrixError,
    TooLargeError,
    UnsupportedError,
    __version__,
    cubic_roots,
    cubic_y_root,
    matrix_power,
)
from ferrox._grim import (
    grim,
    grim_granularity,
    grim_items,
    grim_map,
    grim_probability,
    grim_ratio,
    grim_total,
)
from ferrox._grimmer import grimmer, grimmer_map
from ferrox._scan import scan, scan_report
from ferrox._sprite import SpriteResult, sprite
from ferrox._stats import (
    GrimU,
    PCheck,
    TSummary,
    check_p,
    check_text,
    find_results,
    grim_u,
    grim_u_map,
    p_map,
    parse_result,
    t_from_summary,
    t_from_summary_map,
)
from ferrox._tables import audit, decimal_places, split_parens

__all__ = [
    "SCAN_COLUMNS",
    "scan",
    "scan_report",
    "ClosureResult",
    "ClosureSummary",
    "closure",
    "closure_batches",
    "closure_write",
    "closure_count",
    "closure_exists",
    "closure_summary",
    "cubic_roots",
    "cubic_y_root",
    "FerroxError",
    "FerroxIOError",
    "FerroxMemoryError",
    "IntegerOverflowError",
    "InternalError",
    "InvalidInputError",
    "SingularMatrixError",
    "TooLargeError",
    "UnsupportedError",
    "__version__",
    "audit",
    "check_p",
    "check_text",
    "find_results",
    "grim_u",
    "grim_u_map",
    "GrimU",
    "p_map",
    "parse_result",
    "PCheck",
    "t_from_summary",
    "t_from_summary_map",
    "TSummary",
    "debit",
    "decimal_places",
    "debit_map",
    "grim",
    "grim_granularity",
    "grim_items",
    "grim_map",
    "grim_probability",
    "grim_ratio",
    "grim_total",
    "grimmer",
    "grimmer_map",
    "matrix_power",
    "sd_binary_0_n",
    "sd_binary_1_n",
    "sd_binary_groups",
    "sd_binary_mean_n",
    "split_parens",
    "sprite",
    "SpriteResult",
]
