#!/usr/bin/env bash
# Stages the R package for a source tarball that builds offline, as CRAN
# requires: the core crate packaged inside the package (no path leaves it),
# every crate vendored and compressed, their authors and licences listed.
#
#     bash bindings-r/tools/stage.sh [OUTDIR]    (default target/r-package)
#
# Then `R CMD build OUTDIR/ferrox` makes the tarball.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/target/r-package}
stage=$out/ferrox
rm -rf "$out"
mkdir -p "$stage"

tar -C "$root/bindings-r" --exclude=./src/rust/target --exclude='*.o' --exclude='*.so' \
  --exclude=./src/.cargo -cf - . | tar -C "$stage" -xf -

# The core crate as crates.io would get it (a self-contained manifest).
(cd "$root" && cargo package -p ferrox --allow-dirty --no-verify --quiet)
crate=$(ls "$root"/target/package/ferrox-*.crate | sort | tail -1)
mkdir -p "$stage/src/rust/ferrox-core"
tar -xzf "$crate" -C "$stage/src/rust/ferrox-core" --strip-components=1
# Only the library is built here: drop the tests and their dev-dependencies.
rm -rf "$stage/src/rust/ferrox-core/tests" "$stage/src/rust/ferrox-core/Cargo.toml.orig" \
  "$stage/src/rust/ferrox-core/.cargo_vcs_info.json"
python3 "$root/bindings-r/tools/library_only.py" "$stage/src/rust/ferrox-core/Cargo.toml"
sed -i 's|path = "../../../crates/core"|path = "ferrox-core"|' "$stage/src/rust/Cargo.toml"
if ! grep -q 'path = "ferrox-core"' "$stage/src/rust/Cargo.toml"; then
  echo "stage.sh: the R crate's dependency on the core is not where this script looks" >&2
  echo "(path = \"../../../crates/core\" in bindings-r/src/rust/Cargo.toml); update the script" >&2
  exit 1
fi

# The reference tables the tests replay, and the PDF in publishers' symbol
# fonts they scan, travel with the package.
mkdir -p "$stage/tests/testthat/reference" "$stage/tests/testthat/publisher"
cp "$root"/testdata/reference/*.csv "$stage/tests/testthat/reference/"
cp "$root"/testdata/publisher/*.pdf "$stage/tests/testthat/publisher/"

# Every dependency, vendored (those no supported platform builds reduced to
# their manifests) and compressed; cargo reads them through the config the
# build copies next to src/.
(
  cd "$stage/src/rust"
  cargo vendor --locked --versioned-dirs --quiet vendor >/dev/null
  mkdir -p "$stage/inst"
  python3 "$root/bindings-r/tools/authors.py" vendor >"$stage/inst/AUTHORS"
  python3 "$root/bindings-r/tools/trim_vendor.py" vendor
  printf '[source.crates-io]\nreplace-with = "vendored-sources"\n\n[source.vendored-sources]\ndirectory = "rust/vendor"\n' >vendor-config.toml
  XZ_OPT=-9e tar -cJf vendor.tar.xz vendor
  rm -rf vendor
)
echo "staged $stage"
