#!/usr/bin/env bash
# Time and peak memory, whole process, of the CLOSURE cases of
# docs/performance.md: bash benches/closure_cli.sh (after `cargo build --release`).
set -euo pipefail
cd "$(dirname "$0")/.."
cli=target/release/ferrox
errors=(--error-mean 0.05 --error-sd 0.05)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
run() {
  local label=$1
  shift
  /usr/bin/time -f "$label: %e s, peak %M KB" "$cli" closure "$@" >/dev/null
}
cargo build -q --release -p ferrox-benches --example closure_timing
/usr/bin/time -f "list all 1,267,612 samples of (3.5, 1.2, 100, 1-7) in memory: %e s, peak %M KB" \
  target/release/examples/closure_timing list >/dev/null
run "summarise the same samples without listing them" --mean 3.5 --sd 1.2 --n 100 --min 1 --max 7 "${errors[@]}" --format csv
run "stream them to a CSV file" --mean 3.5 --sd 1.2 --n 100 --min 1 --max 7 "${errors[@]}" --out "$out"
run "count (4, 1.5, 300, 1-7)" --mean 4 --sd 1.5 --n 300 --min 1 --max 7 "${errors[@]}" --count
run "count (5.5, 2.1, 200, 1-10)" --mean 5.5 --sd 2.1 --n 200 --min 1 --max 10 "${errors[@]}" --count
run "count (50.5, 20, 1000, 1-100), expected to stop" --mean 50.5 --sd 20 --n 1000 --min 1 --max 100 "${errors[@]}" --count || true
