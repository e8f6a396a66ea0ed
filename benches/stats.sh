#!/usr/bin/env bash
# The p check from Python against statcheck (benches/stats_python.py), then
# each side alone under /usr/bin/time -v for its peak memory.
#     bash benches/stats.sh   (after `make python`)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" benches/stats_python.py
for side in ferrox text statcheck; do
  /usr/bin/time -v "$PY" benches/stats_python.py --only "$side" 2>&1 \
    | grep -E "^(ferrox|statcheck)|Maximum resident" | sed "s/^/[$side] /"
done
