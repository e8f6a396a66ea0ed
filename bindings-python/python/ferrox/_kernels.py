"""Broadcasting for the compiled cubic solvers (``ferrox.cubic_roots`` and
``ferrox.cubic_y_root`` are compiled functions; arrays come here)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ferrox import _ferrox
from ferrox._convert import _invalid, numbers


def _broadcast(*coefficients: Any, names: Any = "abcd") -> tuple[np.ndarray, np.ndarray]:
    arrays = [numbers(x, name) for x, name in zip(coefficients, names, strict=True)]
    try:
        shape = np.broadcast_shapes(*(x.shape for x in arrays))
    except ValueError:
        shapes = ", ".join(f"`{name}` {x.shape}" for name, x in zip(names, arrays, strict=True))
        message = f"the arguments must broadcast together; their shapes are {shapes}"
        raise _invalid(message) from None
    # A single value stays single (the core repeats it); only arrays that
    # really differ in shape are expanded.
    columns = [
        x.reshape(1) if x.size == 1 else np.ascontiguousarray(np.broadcast_to(x, shape)).reshape(-1)
        for x in arrays
    ]
    roots, counts = _ferrox.cubic_roots_columns(*columns)
    return roots.reshape(shape + (3,)), counts.reshape(shape)


def _y_root(x0: Any, y0: Any) -> tuple[np.ndarray, np.ndarray]:
    """``cubic_y_root`` on arrays: x0·y³ + 1.5·y − y0 = 0, solved as
    ``cubic_roots(x0, 0, 1.5, -y0)``, each argument checked by its name."""
    return _broadcast(x0, 0.0, 1.5, -numbers(y0, "y0"), names=("x0", "b", "c", "y0"))
