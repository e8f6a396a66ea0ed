#!/usr/bin/env bash
# `ferrox scan` on long PDFs: 500 pages (the web page's limit) and 2,001
# (one past the command line's), each page a paragraph with two APA
# results and a mean and SD, under /usr/bin/time -v.
#     bash benches/scan_long.sh   (after a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=${CLI:-target/release/ferrox}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for pages in 500 2001; do
  cargo run -q --release -p ferrox-benches --example long_pdf -- "$pages" "$dir/long.pdf"
  /usr/bin/time -v "$CLI" scan "$dir/long.pdf" --format csv 2>"$dir/time" >"$dir/rows.csv"
  rows=$(($(wc -l <"$dir/rows.csv") - 1))
  echo "[$pages pages, $(du -k "$dir/long.pdf" | cut -f1) KB] $rows rows; first: $(sed -n 2p "$dir/rows.csv" | cut -c1-120)"
  grep -E "Elapsed|Maximum resident" "$dir/time" | sed "s/^/[$pages pages] /"
done
