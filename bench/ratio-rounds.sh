#!/usr/bin/env bash
# Runs the report reader and its baselines in alternating single-fork rounds and prints the
# ratios of each round, then their medians. On a shared machine whose speed drifts by tens of
# percent from minute to minute, a ratio between runs taken seconds apart is the figure to trust;
# one JMH run per benchmark, minutes apart, is not. Needs bench/target/benchmarks.jar
# (mvn -B verify). Usage: bench/ratio-rounds.sh [rounds] [generated|corpus]
set -euo pipefail
rounds=${1:-5}
input=${2:-generated}
jar="$(dirname "$0")/target/benchmarks.jar"
benchmarks=(readThroughWoodstox tiersReader dom4jWalk)
ratios=$(mktemp)
trap 'rm -f "$ratios"' EXIT
for round in $(seq 1 "$rounds"); do
  declare -A score=()
  for benchmark in "${benchmarks[@]}"; do
    score[$benchmark]=$(java -jar "$jar" "TestReportReaderBenchmark.$benchmark\$" -p input="$input" \
        -wi 2 -w 2s -i 3 -r 2s -f 1 2>/dev/null | awk -v b="$benchmark" '$1 ~ b"$" && $3 == "avgt" {print $5}')
  done
  floor=${score[readThroughWoodstox]} reader=${score[tiersReader]} dom4j=${score[dom4jWalk]}
  printf 'round %d (load %s): floor %s ms, reader %s ms, dom4j %s ms -> reader/floor %s, dom4j/reader %s\n' \
      "$round" "$(cut -d' ' -f1 /proc/loadavg)" "$floor" "$reader" "$dom4j" \
      "$(awk -v a="$reader" -v b="$floor" 'BEGIN {printf "%.2f", a / b}')" \
      "$(awk -v a="$dom4j" -v b="$reader" 'BEGIN {printf "%.2f", a / b}')"
  awk -v r="$reader" -v f="$floor" -v d="$dom4j" 'BEGIN {printf "%.4f %.4f\n", r / f, d / r}' >>"$ratios"
done
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
echo "median over $rounds rounds: reader/floor $(cut -d' ' -f1 "$ratios" | median), dom4j/reader $(cut -d' ' -f2 "$ratios" | median)"
