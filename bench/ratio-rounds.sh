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
benchmarks=(readThroughWoodstox readThroughWoodstoxJdkDecoded tiersReader dom4jWalk)
ratios=$(mktemp)
trap 'rm -f "$ratios"' EXIT
for round in $(seq 1 "$rounds"); do
  declare -A score=()
  for benchmark in "${benchmarks[@]}"; do
    score[$benchmark]=$(java -jar "$jar" "TestReportReaderBenchmark.$benchmark\$" -p input="$input" \
        -wi 2 -w 2s -i 3 -r 2s -f 1 2>/dev/null | awk -v b="$benchmark" '$1 ~ b"$" && $3 == "avgt" {print $5}')
  done
  floor=${score[readThroughWoodstox]} decoded=${score[readThroughWoodstoxJdkDecoded]}
  reader=${score[tiersReader]} dom4j=${score[dom4jWalk]}
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.4f", a / b}'; }
  printf 'round %d (load %s): floor %s ms, JDK-decoded floor %s ms, reader %s ms, dom4j %s ms' \
      "$round" "$(cut -d' ' -f1 /proc/loadavg)" "$floor" "$decoded" "$reader" "$dom4j"
  printf ' -> reader/floor %s, reader/decoded floor %s, dom4j/reader %s\n' \
      "$(ratio "$reader" "$floor")" "$(ratio "$reader" "$decoded")" "$(ratio "$dom4j" "$reader")"
  echo "$(ratio "$reader" "$floor") $(ratio "$dom4j" "$reader") $(ratio "$reader" "$decoded")" >>"$ratios"
done
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
echo "median over $rounds rounds: reader/floor $(cut -d' ' -f1 "$ratios" | median)," \
    "reader/decoded floor $(cut -d' ' -f3 "$ratios" | median), dom4j/reader $(cut -d' ' -f2 "$ratios" | median)"
