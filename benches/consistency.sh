#!/usr/bin/env bash
# GRIM and GRIMMER on 1,000,000 rows from Python, ferrox against scrutipy on
# the same DataFrame, then each side alone (and the DataFrame alone) under
# /usr/bin/time -v for its peak memory.    bash benches/consistency.sh   (after `make bench-python`)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv-bench/bin/python}
ROWS=${ROWS:-1000000}
"$PY" benches/consistency_python.py --rows "$ROWS"
for side in table ferrox scrutipy; do
  /usr/bin/time -v "$PY" benches/consistency_python.py --rows "$ROWS" --only "$side" 2>&1 \
    | grep -E "^(ferrox|scrutipy)|Maximum resident" | sed "s/^/[$side] /"
done
