#!/usr/bin/env bash
# JMH benchmarks of the engine's hot paths (progress parsing, history append, trend query + chart,
# compose parse + plan) and the heap check of the trend query over 100,000 builds in -Xmx64m.
# Prints each figure next to its goal and writes benchmarks/target/jmh-summary.md.
#
#   scripts/jmh.sh            full run (about 10 minutes on 2 cores; the first run also writes the
#                             10,000- and 100,000-build histories it queries, reused afterwards)
#   scripts/jmh.sh --smoke    proves everything runs (one short iteration, small sizes), ~1 minute
#   scripts/jmh.sh -- ARGS    extra JMH arguments, e.g. -- -prof gc
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=false
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=true ;;
    --) shift; extra=("$@"); break ;;
    *) echo "usage: scripts/jmh.sh [--smoke] [-- JMH args]" >&2; exit 2 ;;
  esac
  shift
done

mvn -B -ntp -q -pl benchmarks -am install -DskipTests -DskipITs
cd benchmarks
jar=target/morgan-jmh.jar
if $smoke; then
  jmh=(-f 1 -wi 0 -i 1 -w 1s -r 1s -p builds=1000 -p logBytes=1000000 -p services=200)
  heap_builds=1000
else
  jmh=(-f 1 -wi 3 -i 5 -w 2s -r 3s)
  heap_builds=100000
fi

echo "jmh: preparing the histories the trend benchmarks query (first run only)"
java -cp "$jar" dev.morganbuild.benchmarks.TrendHeap target "$heap_builds" 1 >/dev/null
$smoke || java -cp "$jar" dev.morganbuild.benchmarks.TrendHeap target 10000 1 >/dev/null

java -jar "$jar" "${jmh[@]}" -rf json -rff target/jmh-result.json ${extra[@]+"${extra[@]}"} \
  'dev.morganbuild.benchmarks.*Benchmark'

echo "jmh: trend query over $heap_builds builds in a JVM limited to 64 MiB of heap"
java -Xmx64m -cp "$jar" dev.morganbuild.benchmarks.TrendHeap target "$heap_builds" 5 | tee target/trend-heap.txt

java -cp "$jar" dev.morganbuild.benchmarks.Summary target/jmh-result.json target/trend-heap.txt target/jmh-summary.md
echo "jmh: summary written to benchmarks/target/jmh-summary.md"
