#!/usr/bin/env bash
# ferrox scan over a folder of papers (default 1,000, cycled from the scan
# corpus in testdata/papers): papers per second and peak memory, for all
# formats mixed and for the PDF and HTML files statcheck reads; then, where
# statcheck is installed, statcheck's checkdir on those same files in the
# same run, and each tool's count of APA results per file.
#     bash benches/scan_folder.sh            (PAPERS=200 for a shorter run)
set -euo pipefail
cd "$(dirname "$0")/.."
PAPERS=${PAPERS:-1000}
cargo build --release -q -p ferrox-cli
CLI=$PWD/target/release/ferrox
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/mixed" "$work/pdfhtml" "$work/pdf"
mapfile -t all < <(ls testdata/papers/paper-*)
mapfile -t pdfhtml < <(ls testdata/papers/paper-*.pdf testdata/papers/paper-*.html)
mapfile -t pdf < <(ls testdata/papers/paper-*.pdf)
for ((i = 0; i < PAPERS; i++)); do
  f=${all[i % ${#all[@]}]}
  cp "$f" "$work/mixed/$(printf %04d "$i")-$(basename "$f")"
  f=${pdfhtml[i % ${#pdfhtml[@]}]}
  cp "$f" "$work/pdfhtml/$(printf %04d "$i")-$(basename "$f")"
  f=${pdf[i % ${#pdf[@]}]}
  cp "$f" "$work/pdf/$(printf %04d "$i")-$(basename "$f")"
done
run() { # label, command...: seconds and peak memory from /usr/bin/time -v
  local label=$1
  shift
  /usr/bin/time -v "$@" 2> "$work/time" > "$work/$label.out"
  local secs mb
  secs=$(grep "Elapsed (wall clock)" "$work/time" | awk '{print $NF}' | awk -F: '{print ($1 * 60) + $2}')
  mb=$(grep "Maximum resident" "$work/time" | awk '{print int($NF / 1024)}')
  printf "%-32s %6.2f s  %7.1f papers/s  %5d MB peak\n" "$label" "$secs" \
    "$(echo "$PAPERS / $secs" | bc -l)" "$mb"
}
echo "== $PAPERS papers, $(nproc) cores =="
run "ferrox scan (mixed)" "$CLI" scan "$work/mixed" --format csv
run "ferrox scan (PDF + HTML)" "$CLI" scan "$work/pdfhtml" --format csv
run "ferrox scan (PDF, 1 core)" env RAYON_NUM_THREADS=1 "$CLI" scan "$work/pdf" --format csv
if Rscript -e 'if (!exists("checkdir") && !requireNamespace("statcheck", quietly = TRUE)) quit(status = 1)' \
  > /dev/null 2>&1; then
  run "statcheck checkdir (PDF + HTML)" Rscript benches/scan_statcheck.R "$work/pdfhtml" "$work/statcheck.csv"
  tail -n 1 "$work/statcheck checkdir (PDF + HTML).out"
  python3 - "$work/ferrox scan (PDF + HTML).out" "$work/statcheck.csv" <<'PY'
import collections, csv, os, sys
ferrox = collections.Counter(
    os.path.basename(r["file"]) for r in csv.DictReader(open(sys.argv[1])) if r["test"] == "p-value"
)
statcheck = {r["source"]: int(r["results"]) for r in csv.DictReader(open(sys.argv[2]))}
statcheck = {k.removesuffix(".pdf").removesuffix(".html"): v for k, v in statcheck.items()}
ferrox = {k.removesuffix(".pdf").removesuffix(".html"): v for k, v in ferrox.items()}
fewer = [k for k, v in statcheck.items() if ferrox.get(k, 0) < v]
print(f"APA results found: ferrox {sum(ferrox.values())}, statcheck {sum(statcheck.values())}")
print(f"files where statcheck found more than ferrox: {len(fewer)} {fewer[:5]}")
PY
else
  echo "statcheck is not installed here: only ferrox was timed"
fi
