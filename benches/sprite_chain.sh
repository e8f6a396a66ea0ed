#!/usr/bin/env bash
# The uniform chain on the cases counting cannot reach: 1,000 distinct
# samples each from Python (ferrox.sprite, seed 1) and from the CLI under
# /usr/bin/time -v for its peak memory.
#     bash benches/sprite_chain.sh   (after `make python` and a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
CLI=${CLI:-target/release/ferrox}
cases=("34.2 8.1 150 18 80" "50.5 20.3 300 0 100" "3.21 1.43 2000 1 7")
for case in "${cases[@]}"; do
  read -r mean sd n lo hi <<<"$case"
  "$PY" -c "
import time, ferrox
start = time.perf_counter()
r = ferrox.sprite('$mean', '$sd', $n, $lo, $hi, n_samples=1000, seed=1)
print('python $mean $sd $n $lo-$hi:', r.method, f'{time.perf_counter() - start:.2f} s')
"
  /usr/bin/time -v "$CLI" sprite --mean "$mean" --sd "$sd" --n "$n" --min "$lo" --max "$hi" \
    --samples 1000 --seed 1 --format csv 2>&1 >/dev/null \
    | grep -E "Elapsed|Maximum resident" | sed "s/^/[cli $mean $sd $n] /"
done
