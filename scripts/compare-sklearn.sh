#!/usr/bin/env bash
# Our side of the README's comparison with scikit-learn (scripts/compare-sklearn.py writes the
# splits): for each table, `train --data NAME-train.csv` with no other flag but --seed 1, 2, 3,
# then `predict` on NAME-test.csv; prints each seed's held-out accuracy (or R²) and the median.
# Usage: bash scripts/compare-sklearn.sh [FOLDER] (default: the folder compare-sklearn.py uses)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-${TMPDIR:-/tmp}/neuro-pool-sklearn}
node scripts/build.mjs >/dev/null
printf '%-15s %-28s %s\n' 'data set' 'held out, seeds 1 2 3' 'median   train s (median)'
for name in iris wine breast_cancer penguins diabetes penguins_mass; do
  [ -f "$dir/$name-train.csv" ] || { echo "$dir/$name-train.csv: missing; run scripts/compare-sklearn.py first" >&2; exit 2; }
  results=() secs=()
  for seed in 1 2 3; do
    model="$dir/$name-$seed.json"
    start=$(date +%s%N)
    node dist/train.js --data "$dir/$name-train.csv" --out "$model" --seed "$seed" --quiet >/dev/null
    secs+=("$(( ($(date +%s%N) - start) / 1000000 ))")
    out=$(node dist/predict.js --model "$model" --data "$dir/$name-test.csv")
    results+=("$(echo "$out" | sed -n -e 's/^accuracy: *\([0-9.]*\)%.*/\1%/p' -e 's/^R²: *//p')")
  done
  median=$(printf '%s\n' "${results[@]}" | sort -g | sed -n 2p)
  sec=$(printf '%s\n' "${secs[@]}" | sort -n | sed -n 2p)
  printf '%-15s %-28s %-8s %.1f\n' "$name" "${results[*]}" "$median" "$(echo "$sec / 1000" | bc -l)"
done
