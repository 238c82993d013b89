#!/usr/bin/env bash
# Writes the six public tables of the second comparison with scikit-learn (docs/data.md) into a
# folder as CSV files, as a user would download them: diamonds (ggplot2), glass, Pima diabetes
# with its missing cells, Landsat satellite (mlbench), Auto MPG and Seattle weather (the
# vega-datasets npm package). Needs R with the ggplot2 and mlbench packages (Debian:
# apt install r-base-core r-cran-ggplot2 r-cran-mlbench) and npm; nothing in the project uses them.
# Usage: bash scripts/public-tables.sh [FOLDER]
set -euo pipefail
dir=$(realpath -m "${1:-${TMPDIR:-/tmp}/neuro-pool-public}")
mkdir -p "$dir"
Rscript -e '
  library(mlbench); data(Glass); data(PimaIndiansDiabetes2); data(Satellite)
  out <- commandArgs(TRUE)[1]
  write.csv(as.data.frame(ggplot2::diamonds), file.path(out, "diamonds.csv"), row.names = FALSE)
  write.csv(Glass, file.path(out, "glass.csv"), row.names = FALSE, quote = FALSE)
  write.csv(PimaIndiansDiabetes2, file.path(out, "pima.csv"), row.names = FALSE)
  write.csv(Satellite, file.path(out, "satellite.csv"), row.names = FALSE)
' "$dir"
tmp=$(mktemp -d)
(cd "$tmp" && npm pack --silent vega-datasets@3.2.1 >/dev/null && tar xzf vega-datasets-3.2.1.tgz)
cp "$tmp/package/data/seattle-weather.csv" "$dir/"
# Auto MPG as UCI has it: the model year a number, missing cells NA, the car's name last.
node -e '
  const rows = require(process.argv[1]);
  const cols = ["Miles_per_Gallon", "Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Year", "Origin", "Name"];
  const cell = (r, c) => (r[c] == null ? "NA" : c === "Year" ? String(r[c]).slice(0, 4) : /[",]/.test(r[c]) ? `"${r[c]}"` : String(r[c]));
  const lines = [cols.join(","), ...rows.map((r) => cols.map((c) => cell(r, c)).join(","))];
  require("node:fs").writeFileSync(process.argv[2], `${lines.join("\n")}\n`);
' "$tmp/package/data/cars.json" "$dir/auto-mpg.csv"
rm -rf "$tmp"
wc -l "$dir"/*.csv
