#!/usr/bin/env bash
# SPRITE from Python: ferrox against pysprite in one script, then each side
# alone under /usr/bin/time -v for its peak memory.
#     bash benches/sprite.sh   (after `make bench-python`)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv-bench/bin/python}
"$PY" benches/sprite_python.py
for side in ferrox pysprite; do
  /usr/bin/time -v "$PY" benches/sprite_python.py --only "$side" 2>&1 \
    | grep -E "Maximum resident" | sed "s/^/[$side] /"
done
