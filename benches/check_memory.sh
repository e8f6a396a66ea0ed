#!/usr/bin/env bash
# `ferrox check` on a large CSV table (7,000,000 rows of x, sd, n; about
# 91 MB): time and peak memory of the CSV and the aligned-table outputs.
#     bash benches/check_memory.sh    (after `cargo build --release -p ferrox-cli`)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-7000000}
table=$(mktemp --suffix=.csv)
trap 'rm -f "$table"' EXIT
python3 - "$table" "$ROWS" <<'PY'
import random, sys
random.seed(1)
with open(sys.argv[1], "w") as f:
    f.write("x,sd,n\n")
    for _ in range(int(sys.argv[2])):
        f.write(f"{random.randint(100, 700) / 100:.2f},{random.randint(50, 200) / 100:.2f},{random.randint(10, 99)}\n")
PY
ls -l "$table" | awk '{print "table:", $5, "bytes"}'
for format in csv table; do
  /usr/bin/time -v target/release/ferrox check "$table" --format "$format" 2>&1 >/dev/null \
    | grep -E "Maximum resident|Elapsed" | sed "s/^/[$format] /"
done
