"""Empties the vendored crates that no supported platform compiles, and
drops the tests, benchmarks and examples of the others.

    python3 trim_vendor.py VENDOR_DIR    (run in the crate that was vendored)

`cargo vendor` copies every crate in the lock file, including those only
some other platform or a cfg such as `loom` needs (Windows import
libraries for 32-bit and MSVC targets, a model checker and its tracing
stack). Cargo still reads their manifests to resolve the lock file but
never builds them, so each keeps a manifest with its name, version,
features and dependencies, and loses its sources, build script and extra
targets. The crates compiled for any of PLATFORMS (`cargo tree`, normal
and build dependencies) keep their library, build script and manifest;
their `tests/`, `benches/` and `examples/` folders, which a dependency's
build never reads, go (with their checksums), which keeps the source
tarball under CRAN's 5 MB.
"""

import hashlib
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
        elif re.match(r"^links\s*=", line):
            continue
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


UNBUILT = ("tests", "benches", "examples")


def trim(crate: Path) -> None:
    """Drops the folders a dependency's build never reads; the manifest
    loses the targets that pointed into them, and its checksum is renewed."""
    gone = [crate / name for name in UNBUILT if (crate / name).is_dir()]
    if not gone:
        return
    for folder in gone:
        shutil.rmtree(folder)
    manifest = crate / "Cargo.toml"
    kept, section = [], ""
    for line in manifest.read_text().splitlines():
        if line.strip().startswith("["):
            section = line.strip()
        if not EXTRA_TARGETS.match(section):
            kept.append(line)
    manifest.write_text("\n".join(kept) + "\n")
    checksum_file = crate / ".cargo-checksum.json"
    checksum = json.loads(checksum_file.read_text())
    files = {
        name: digest
        for name, digest in checksum["files"].items()
        if not name.startswith(tuple(f"{folder}/" for folder in UNBUILT))
    }
    files["Cargo.toml"] = hashlib.sha256(manifest.read_bytes()).hexdigest()
    checksum_file.write_text(json.dumps({"files": files, "package": checksum["package"]}))


def main() -> None:
    vendor = Path(sys.argv[1])
    keep = compiled()
    for crate in sorted(vendor.iterdir()):
        if crate.name in keep:
            trim(crate)
        else:
            stub(crate)


if __name__ == "__main__":
    main()
