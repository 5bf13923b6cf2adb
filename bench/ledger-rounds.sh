#!/usr/bin/env bash
# Runs LedgerBenchmark's appending benchmarks in rounds, one JMH run per store and size with its
# benchmarks back to back, and prints the median of each benchmark's iterations (a batch of 256
# appends; the live-state lookups after an append, timed alone, in µs) with the ratios of 4 and 16
# appenders' throughput to one appender's, per round, then their medians over rounds.
# On a shared machine whose disk and CPUs are busy with other work, one iteration can take ten
# times another; medians of iterations taken seconds apart are the figures to trust, and JMH's
# means over trials taken minutes apart are not. Needs bench/target/benchmarks.jar (mvn -B verify)
# and, for the PostgreSQL store, TIERS_TEST_POSTGRES_URL (…_USER, …_PASSWORD).
# Usage: bench/ledger-rounds.sh [rounds] [stores] [sizes], e.g. bench/ledger-rounds.sh 3 file,postgresql 1000,1000000
set -euo pipefail
rounds=${1:-3}
stores=${2:-file,postgresql}
sizes=${3:-1000,1000000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
jar="$out/benchmarks.jar"
cp "$(dirname "$0")/target/benchmarks.jar" "$jar" # a build meanwhile does not change what runs
benchmarks='LedgerBenchmark.(appendOneAppender|appendFourAppenders|appendSixteenAppenders|liveStateAfterOwnAppend|liveStateAfterAnotherAppended)$'
for round in $(seq 1 "$rounds"); do
  for store in ${stores//,/ }; do
    for size in ${sizes//,/ }; do
      java -jar "$jar" "$benchmarks" -p store="$store" -p events="$size" -wi 3 -i 10 -f 1 \
          -rf json -rff "$out/$round-$store-$size.json" >"$out/$round-$store-$size.log" 2>&1
      echo "round $round, $store, $size events: done (load $(cut -d' ' -f1 /proc/loadavg))" >&2
    done
  done
done
python3 - "$out" <<'EOF'
import glob, json, os, statistics, sys
rows = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    round_, store, size = os.path.basename(path)[:-5].split("-")
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 1)[1]
        metrics = [(name, r["primaryMetric"])]
        metrics += [(name + ":" + k, m) for k, m in r.get("secondaryMetrics", {}).items()]
        for key, m in metrics:
            raw = [x for fork in m["rawData"] for x in fork]
            rows.setdefault((store, int(size)), {}).setdefault(key, []).append((int(round_), statistics.median(raw)))
batch = 256
for (store, size), b in sorted(rows.items()):
    print(f"\n{store}, {size:,} events: median ms per batch of {batch} appends, by round")
    for name, values in sorted(b.items()):
        med = statistics.median(v for _, v in values)
        line = f"  {name:44s} " + "  ".join(f"{v:8.1f}" for _, v in sorted(values)) + f"   median {med:8.1f}"
        print(line + (" µs per lookup" if ":" in name else f" ms = {batch / med * 1000:7.0f} appends/s"))
    one = dict(b["appendOneAppender"])
    def ratios(name, f):
        per = [f(one[r], v) for r, v in sorted(b[name]) if r in one]
        return "  ".join(f"{x:6.2f}" for x in per) + f"   median {statistics.median(per):6.2f}"
    print("  4 appenders / 1 (throughput)   " + ratios("appendFourAppenders", lambda o, v: o / v))
    print("  16 appenders / 1 (throughput)  " + ratios("appendSixteenAppenders", lambda o, v: o / v))
EOF
