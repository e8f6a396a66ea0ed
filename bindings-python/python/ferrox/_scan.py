"""Papers in, report out: ``ferrox.scan``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import _ferrox
from ._frames import frame_library, new_frame
from ._stats import _settings

_WHOLE = ("page", "paragraph", "table", "row", "column", "n")


def scan(
    source: Any,
    *,
    frame: str = "pandas",
    alpha: float = 0.05,
    p_equal_alpha_significant: bool = True,
    p_truncation: bool = False,
    one_tailed: bool = False,
    rounding: str = "up_or_down",
    threshold: float = 5,
    symmetric: bool = False,
) -> Any:
    """Read papers and check every number in them that can be checked.

    Finds APA test results (p-values recomputed), means with SDs (GRIM,
    GRIMMER, DEBIT, and CLOSURE where a scale is stated) and percentages
    (against their count or n), in text and tables, in PDF, HTML, DOCX,
    JATS XML or plain text (told by content, not by name).

    Args:
        source: A path (``str`` or ``os.PathLike``) to a paper or to a
            folder of papers (read recursively, in parallel); a list of
            paths; the bytes of one document; or a paper's text (a ``str``
            that is not an existing path).
        frame: ``"pandas"`` or ``"polars"``.
        alpha, p_equal_alpha_significant, p_truncation, one_tailed, rounding,
            threshold, symmetric: As in :func:`check_p`.

    Returns:
        A DataFrame with one row per finding and test, in the columns of
        ``ferrox.SCAN_COLUMNS``: where the finding is (``file``, ``page``,
        ``paragraph``, ``table``, ``row``, ``column``), what it is
        (``kind``, ``found``), the ``n`` used and ``n_source``,
        ``confidence`` (``sure``, or ``guessed`` when n came from elsewhere),
        ``scale``, ``test``, ``consistent``, ``verdict``, ``reason``,
        ``consistent_values``, ``snippet``, and ``error`` (a file that could
        not be read is one row with its error).

    >>> report = scan("Participants (N = 28) rated it M = 5.19, SD = 1.20.")
    >>> report[["found", "n", "test", "verdict"]].values.tolist()
    [['M = 5.19, SD = 1.20', 28, 'GRIMMER', 'inconsistent']]
    """
    frame = frame_library(frame)
    settings = _settings(
        rounding, threshold, symmetric, alpha, p_equal_alpha_significant, p_truncation, one_tailed
    )
    if isinstance(source, (bytes, bytearray, memoryview)):
        columns = _ferrox.scan_bytes(bytes(source), "", settings)
    elif isinstance(source, str) and not _is_path(source):
        columns = _ferrox.scan_bytes(source.encode("utf-8"), "", settings)
    else:
        columns = _ferrox.scan_paths(_paths(source), settings)
    return _frame(frame, columns)


def scan_report(source: Any, title: str | None = None) -> str:
    """The scan of papers as one self-contained HTML page: a summary of
    each test's findings, then every finding in its context with the
    verdict, the reason and what would have been consistent.

    Args:
        source: A path to a paper or a folder, or a list of them.
        title: The page's title (default: what was scanned).

    >>> import pathlib, tempfile
    >>> paper = pathlib.Path(tempfile.mkdtemp()) / "paper.txt"
    >>> _ = paper.write_text("It differed, t(27) = 2.20, p = .36.")
    >>> "decision error" in scan_report(paper)
    True
    """
    paths = _paths(source)
    title = title or f"ferrox scan of {', '.join(paths)}"
    return _ferrox.scan_html(
        paths, title, _settings("up_or_down", 5, False, 0.05, True, False, False)
    )


def _is_path(text: str) -> bool:
    return "\n" not in text and len(text) < 4096 and os.path.exists(text)


def _paths(source: Any) -> list[str]:
    items = source if isinstance(source, (list, tuple)) else [source]
    paths = []
    for item in items:
        if not isinstance(item, (str, os.PathLike)):
            raise TypeError(f"expected a path, bytes or text, got {type(item).__name__}")
        paths.append(os.fspath(Path(item)))
    return paths


def _frame(library: str, columns: dict[str, Any]) -> Any:
    if library == "pandas":
        import pandas as pd

        data = pd.DataFrame(columns)
        for name in _WHOLE:
            data[name] = data[name].astype("Int64")
        data["consistent"] = data["consistent"].astype("boolean")
        return data
    return new_frame(library, columns)
