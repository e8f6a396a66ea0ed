"""Uses an installed ferrox wheel, away from the source tree:
`make python-package` runs it in a fresh virtual environment."""

import pathlib

import ferrox
import numpy as np
import pandas as pd

source = pathlib.Path(__file__).resolve().parents[1]
installed = pathlib.Path(ferrox.__file__).resolve()
assert source not in installed.parents, f"ferrox was imported from the source tree: {installed}"
assert "site-packages" in installed.parts, installed

assert ferrox.grim("5.19", 28) is False
table = pd.DataFrame({"x": ["5.23", "3.6"], "sd": ["2.55", "1.99"], "n": [35, 40]})
tested = ferrox.grimmer_map(table)
assert tested["consistency"].tolist() == [False, True]
assert ferrox.debit("0.5", "0.53", 10) is True
errors = {"rounding_error_mean": "0.05", "rounding_error_sd": "0.005"}
assert ferrox.closure_count("3.5", "1.2", 50, 0, 7, **errors) == 7980
assert ferrox.matrix_power(np.array([[1, 1], [1, 0]]), 10)[0, 1] == 55
assert ferrox.cubic_y_root(-0.5, 1.0) == ((-2.0, 1.0, 1.0), 3)
try:
    ferrox.grim("5.19", 0)
except ferrox.FerroxError:
    pass
else:
    raise AssertionError("n = 0 should be refused")
print(f"ferrox {ferrox.__version__} wheel works from {installed.parent}")
