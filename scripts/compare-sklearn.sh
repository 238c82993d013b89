#!/usr/bin/env bash
# Our side of the comparisons with scikit-learn (scripts/compare-sklearn.py writes the splits and
# tables.tsv): for each table, `train --data NAME-train.csv` with the flags its errors asked for
# (tables.tsv) and --seed 1, 2, 3, then `predict` on NAME-test.csv; prints each seed's held-out
# accuracy (or R²), the median and the median training time.
# Usage: bash scripts/compare-sklearn.sh [FOLDER] (default: the folder compare-sklearn.py uses)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-${TMPDIR:-/tmp}/neuro-pool-sklearn}
[ -f "$dir/tables.tsv" ] || { echo "$dir/tables.tsv: missing; run scripts/compare-sklearn.py first" >&2; exit 2; }
node scripts/build.mjs >/dev/null
printf '%-15s %-22s %-8s %s\n' 'data set' 'held out, seeds 1 2 3' 'median' 'train s (median)'
while IFS=$'\t' read -r name _label _kind flags; do
  [ "$flags" = - ] && flags=
  results=() secs=()
  for seed in 1 2 3; do
    model="$dir/$name-$seed.json"
    start=$(date +%s%N)
    # shellcheck disable=SC2086 # the flags are words
    node dist/train.js --data "$dir/$name-train.csv" $flags --out "$model" --seed "$seed" --quiet >/dev/null 2>"$dir/$name.err" ||
      { cat "$dir/$name.err" >&2; exit 1; }
    secs+=("$(( ($(date +%s%N) - start) / 1000000 ))")
    # Exit 1: some test rows were not predicted (a missing feature cell); the scores are the others'.
    out=$(node dist/predict.js --model "$model" --data "$dir/$name-test.csv" 2>"$dir/$name.err" || [ $? -eq 1 ]) ||
      { cat "$dir/$name.err" >&2; exit 1; }
    results+=("$(echo "$out" | sed -n -e 's/^accuracy: *\([0-9.]*\)%.*/\1%/p' -e 's/^R²: *//p')")
  done
  median=$(printf '%s\n' "${results[@]}" | sort -g | sed -n 2p)
  sec=$(printf '%s\n' "${secs[@]}" | sort -n | sed -n 2p)
  printf '%-15s %-22s %-8s %.1f\n' "$name" "${results[*]}" "$median" "$(echo "$sec / 1000" | bc -l)"
done < "$dir/tables.tsv"
