"""Broadcasting for the compiled cubic solvers (``ferrox.cubic_roots`` and
``ferrox.cubic_y_root`` are compiled functions; arrays come here)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._convert import numbers


def _broadcast(*coefficients: Any) -> tuple[np.ndarray, np.ndarray]:
    arrays = [numbers(x, name) for x, name in zip(coefficients, "abcd", strict=False)]
    shape = np.broadcast_shapes(*(x.shape for x in arrays))
    # A single value stays single (the core repeats it); only arrays that
    # really differ in shape are expanded.
    columns = [
        x.reshape(1) if x.size == 1 else np.ascontiguousarray(np.broadcast_to(x, shape)).reshape(-1)
        for x in arrays
    ]
    roots, counts = _ferrox.cubic_roots_columns(*columns)
    return roots.reshape(shape + (3,)), counts.reshape(shape)
