"""Lists the vendored Rust crates with their authors and licences, for the
R package's inst/AUTHORS: python3 authors.py VENDOR_DIR."""

import sys
from pathlib import Path

import tomllib

vendor = Path(sys.argv[1])
print("The R package ferrox bundles these Rust crates (name, version, licence, authors):\n")
for manifest in sorted(vendor.glob("*/Cargo.toml")):
    package = tomllib.loads(manifest.read_text(encoding="utf-8"))["package"]
    authors = ", ".join(package.get("authors", [])) or "see the crate's repository"
    licence = package.get("license", "see the crate's licence file")
    print(f"- {package['name']} {package['version']} ({licence}): {authors}")
