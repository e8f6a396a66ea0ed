"""Empties the vendored crates that no supported platform compiles.

    python3 trim_vendor.py VENDOR_DIR    (run in the crate that was vendored)

`cargo vendor` copies every crate in the lock file, including those only
some other platform or a cfg such as `loom` needs (Windows import
libraries for 32-bit and MSVC targets, a model checker and its tracing
stack). Cargo still reads their manifests to resolve the lock file but
never builds them, so each keeps a manifest with its name, version,
features and dependencies, and loses its sources, build script and extra
targets. The crates compiled for any of PLATFORMS (`cargo tree`, normal
and build dependencies) are kept whole.
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

PLATFORMS = [
    "x86_64-unknown-linux-gnu",
    "aarch64-unknown-linux-gnu",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-gnu",
    "aarch64-pc-windows-gnullvm",
]

EXTRA_TARGETS = re.compile(r"^\[\[(bin|example|test|bench)\]\]$")


def compiled() -> set[str]:
    """`name-version` of every crate some platform builds."""
    names = set()
    for platform in PLATFORMS:
        tree = subprocess.run(
            ["cargo", "tree", "--locked", "--target", platform, "-e", "normal,build"]
            + ["--prefix", "none", "--format", "{p}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for line in tree.splitlines():
            name, version = line.split()[:2]
            names.add(f"{name}-{version.lstrip('v')}")
    return names


def stub_manifest(text: str) -> str:
    """The manifest without extra targets or build script, its library at
    src/lib.rs."""
    kept, section = [], ""
    for line in text.splitlines():
        if line.strip().startswith("["):
            section = line.strip()
        if EXTRA_TARGETS.match(section):
            continue
        if re.match(r"^build\s*=", line):
            kept.append("build = false")
        elif section == "[lib]" and re.match(r"^path\s*=", line):
            kept.append('path = "src/lib.rs"')
        else:
            kept.append(line)
    return "\n".join(kept) + "\n"


def stub(crate: Path) -> None:
    manifest = stub_manifest((crate / "Cargo.toml").read_text())
    checksum = json.loads((crate / ".cargo-checksum.json").read_text())
    shutil.rmtree(crate)
    (crate / "src").mkdir(parents=True)
    (crate / "src" / "lib.rs").write_text("")
    (crate / "Cargo.toml").write_text(manifest)
    # The package's checksum still matches the lock file; no file is checked.
    (crate / ".cargo-checksum.json").write_text(
        json.dumps({"files": {}, "package": checksum["package"]})
    )


def main() -> None:
    vendor = Path(sys.argv[1])
    keep = compiled()
    for crate in sorted(vendor.iterdir()):
        if crate.name not in keep:
            stub(crate)


if __name__ == "__main__":
    main()
