"""The README's figures are measurements: each speed or time it states
(``484–852x faster``, ``0.31–0.43 s``, ``in 0.01 s``) must appear, as
written, in docs/performance.md, next to the command that measured it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLAIM = re.compile(r"\d[\d.,–]*(?:x faster| ms\b| s\b)")


def test_every_figure_in_the_readme_was_measured():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    measured = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    claims = CLAIM.findall(readme)
    assert len(claims) >= 3, claims
    missing = [claim for claim in claims if claim not in measured]
    assert not missing, f"README figures not in docs/performance.md: {missing}"
