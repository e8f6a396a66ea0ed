"""The version lives in one place, the workspace's Cargo.toml; the places
that must repeat it follow it.

    python3 tools/version.py          check that every place agrees (make lint)
    python3 tools/version.py 0.2.0    set the version everywhere

The Python package takes it from Cargo.toml through maturin; R's
DESCRIPTION, the R crate's manifest and the workspace's dependency on the
core repeat it because their formats need it written out."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKSPACE = ROOT / "Cargo.toml"
# (file, pattern whose group 1 is the version)
COPIES = [
    (WORKSPACE, r'(?m)^ferrox = \{ path = "crates/core", version = "([^"]+)" \}'),
    (ROOT / "bindings-r/src/rust/Cargo.toml", r'(?m)^version = "([^"]+)"'),
    (ROOT / "bindings-r/DESCRIPTION", r"(?m)^Version: (\S+)"),
]
SOURCE = r'(?ms)^\[workspace\.package\].*?^version = "([^"]+)"'


def version_in(path: Path, pattern: str) -> re.Match:
    match = re.search(pattern, path.read_text(encoding="utf-8"))
    if match is None:
        sys.exit(f"{path.relative_to(ROOT)}: no version found where it should be")
    return match


def set_version(new: str) -> None:
    for path, pattern in [(WORKSPACE, SOURCE), *COPIES]:
        text = path.read_text(encoding="utf-8")
        match = version_in(path, pattern)
        text = text[: match.start(1)] + new + text[match.end(1) :]
        path.write_text(text, encoding="utf-8")


def check() -> None:
    source = version_in(WORKSPACE, SOURCE).group(1)
    wrong = [
        f"{path.relative_to(ROOT)} has {found}"
        for path, pattern in COPIES
        if (found := version_in(path, pattern).group(1)) != source
    ]
    if wrong:
        sys.exit(
            f"the version is {source} in Cargo.toml, but "
            + "; ".join(wrong)
            + "; run python3 tools/version.py "
            + source
        )
    print(f"version {source} everywhere")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        set_version(sys.argv[1])
    check()
