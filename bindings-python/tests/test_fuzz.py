"""Every public function on values of any kind: wrong types, NaN, inf,
None, NA, huge and negative numbers, mismatched lengths, odd array
layouts. Each call returns or raises a ferrox error (or a TypeError for a
value of the wrong kind), never anything else: no panic, no crash.

`make test` runs a short pass; `FERROX_FUZZ_EXAMPLES=20000 make fuzz` a
long one."""

import math
import os
import tempfile

import ferrox
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Numbers given as reports warn that trailing zeros are lost: expected here.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning", "ignore::RuntimeWarning")

EXAMPLES = int(os.environ.get("FERROX_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

numbers = st.one_of(
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 2, 28, 50, 2**53 - 1, 2**53, -1, 0.5, 1e300]),
)
texts = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["5.19", "3.50", "1.2", "-0.0", "NA", "", "1e3", "5.23 (2.55)", "0.5"]),
)


def arrays():
    def layout(values, dtype, order, strided):
        with np.errstate(invalid="ignore", over="ignore"):
            array = np.asarray(values, dtype=float).astype(dtype)
        if strided and array.size:
            array = np.repeat(array, 2)[::2]
        return np.asarray(array, order=order)

    return st.builds(
        layout,
        st.lists(st.one_of(st.floats(-1e6, 1e6), st.just(math.nan)), max_size=5),
        st.sampled_from(["<f8", ">f8", "<f4", "<i8", ">i4", "<u2", "?", "O"]),
        st.sampled_from(["C", "F"]),
        st.booleans(),
    )


anything = st.one_of(
    st.none(),
    st.booleans(),
    numbers,
    texts,
    st.just(pd.NA),
    st.just(np.nan),
    st.lists(st.one_of(numbers, texts, st.none()), max_size=4),
    arrays(),
    st.builds(np.float32, st.floats(-1e3, 1e3, width=32)),
)

# What a call may raise: ferrox's errors, and TypeError for a value of the
# wrong kind where Python's own conversions refuse it first.
ALLOWED = (ferrox.FerroxError, ferrox.FerroxIOError, ferrox.FerroxMemoryError, TypeError)


def call(function, *args, **kwargs):
    try:
        function(*args, **kwargs)
    except ALLOWED:
        pass


SCALARS = {
    "grim": lambda a: call(ferrox.grim, a[0], a[1], items=a[2], percent=a[3] is True),
    "grimmer": lambda a: call(ferrox.grimmer, a[0], a[1], a[2], items=a[3]),
    "debit": lambda a: call(ferrox.debit, a[0], a[1], a[2]),
    "closure_count": lambda a: call(ferrox.closure_count, a[0], a[1], a[2], a[3], a[4]),
    "closure_exists": lambda a: call(ferrox.closure_exists, a[0], a[1], a[2], a[3], a[4]),
    "closure_summary": lambda a: call(ferrox.closure_summary, a[0], a[1], a[2], a[3], a[4]),
    "closure": lambda a: call(
        ferrox.closure, a[0], a[1], a[2], a[3], a[4], stop_after=a[5], max_memory_mb=a[6]
    ),
    "closure_batches": lambda a: call(
        lambda *x, **k: list(ferrox.closure_batches(*x, **k)),
        a[0],
        a[1],
        a[2],
        a[3],
        a[4],
        batch_size=a[5],
    ),
    "sprite": lambda a: call(
        ferrox.sprite, a[0], a[1], a[2], a[3], a[4], n_samples=a[5], seed=a[6]
    ),
    "cubic_roots": lambda a: call(ferrox.cubic_roots, a[0], a[1], a[2], a[3]),
    "cubic_y_root": lambda a: call(ferrox.cubic_y_root, a[0], a[1]),
    "matrix_power": lambda a: call(ferrox.matrix_power, a[0], a[1], overflow=a[2]),
    "split_parens": lambda a: call(ferrox.split_parens, a[0]),
    "check_p": lambda a: call(ferrox.check_p, a[0], a[1], a[2], df1=a[3], df2=a[4], alpha=a[5]),
    "check_p_text": lambda a: call(ferrox.check_p, a[0]),
    "check_text": lambda a: call(ferrox.check_text, a[0]),
    "parse_result": lambda a: call(ferrox.parse_result, a[0]),
    "find_results": lambda a: call(ferrox.find_results, a[0]),
    "grim_u": lambda a: call(ferrox.grim_u, a[0], a[1], a[2], p=a[3], ties=a[4] is True),
    "t_from_summary": lambda a: call(
        ferrox.t_from_summary, a[0], a[1], a[2], a[3], a[4], a[5], test="welch", t=a[6]
    ),
    "grim_total": lambda a: call(ferrox.grim_total, a[0], a[1], items=a[2]),
    "grim_probability": lambda a: call(ferrox.grim_probability, a[0], a[1], percent=a[2] is True),
    "grim_granularity": lambda a: call(ferrox.grim_granularity, a[0], a[1]),
    "grim_items": lambda a: call(ferrox.grim_items, a[0], a[1]),
    "sd_binary": lambda a: call(ferrox.sd_binary_0_n, a[0], a[1]),
    "sd_binary_mean_n": lambda a: call(ferrox.sd_binary_mean_n, a[0], a[1]),
    "decimal_places": lambda a: call(ferrox.decimal_places, a[0]),
    "scan": lambda a: call(ferrox.scan, str(a[0]).encode(), frame=a[1]),
}


def bounded(args):
    """Keep CLOSURE and SPRITE small enough to answer at once: an n or a
    scale of arbitrary size is the hardening tests' business."""
    small = [a if not isinstance(a, int | float) or abs(a) <= 60 else 7 for a in args]
    return small


@pytest.mark.parametrize("name", sorted(SCALARS))
def test_any_arguments_give_an_answer_or_a_ferrox_error(name):
    @FUZZ
    @given(st.lists(anything, min_size=7, max_size=7))
    def run(args):
        if name.startswith(("closure", "sprite")):
            args = bounded(args)
        SCALARS[name](args)

    run()


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            ["x", "sd", "n", "items", "consistency", "probability", "reason"]
            + ["test", "value", "df1", "df2", "p", "result", "u", "n1", "n2", "m1", "sd1"]
        ),
        st.lists(st.one_of(numbers, texts, st.none(), st.just(pd.NA)), min_size=2, max_size=2),
        min_size=1,
    )
)
def test_tables_of_anything(columns):
    frame = pd.DataFrame(columns)
    functions = (ferrox.grim_map, ferrox.grimmer_map, ferrox.debit_map, ferrox.audit)
    functions += (ferrox.p_map, ferrox.grim_u_map, ferrox.t_from_summary_map)
    for function in functions:
        call(function, frame)


def test_closure_write_to_a_folder_that_cannot_be_written():
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "missing", "samples.csv")
        with pytest.raises(ferrox.FerroxIOError):
            ferrox.closure_write("3.5", "0.5", 12, 1, 5, path)
