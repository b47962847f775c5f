#!/usr/bin/env bash
# Measures the driver's peak heap of the language-model job on a 1 MB and a 100 MB corpus, with
# the executors in their own JVMs (a local standalone cluster from jobs/cluster.sh), so the
# figure is the driver's alone. The 100 MB corpus is Tiny Shakespeare and War and Peace from
# ../shared/data/text, repeated (real text; repetition does not change what the driver holds).
#   bench/driver-memory.sh [SHARED_TEXT_DIR]
# Prints one line per corpus; the runs go to runs/bench-driver-memory/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TEXT=${1:-$ROOT/../shared/data/text}
WORK=$ROOT/runs/bench-driver-memory
export SPARK_RNN_CLUSTER_DIR=$WORK/cluster SPARK_RNN_EMBEDDED=1
mkdir -p "$WORK"

small=$TEXT/tinyshakespeare.txt
large=$WORK/corpus-100mb.txt
if [[ ! -f "$large" ]]; then
  : > "$large.tmp"
  while (( $(stat -c %s "$large.tmp") < 100 * 1000 * 1000 )); do
    cat "$TEXT/warpeace.txt" "$TEXT/tinyshakespeare.txt" >> "$large.tmp"
  done
  mv "$large.tmp" "$large"
fi

port=$(( 20000 + RANDOM % 20000 ))
"$ROOT/jobs/cluster.sh" start --workers 2 --cores 1 --memory 3g --port "$port" --ui-port $(( port + 1 ))
trap '"$ROOT/jobs/cluster.sh" stop' EXIT

for corpus in "$small" "$large"; do
  name=$(basename "$corpus" .txt)
  rm -rf "$WORK/$name"
  # Two minutes of training: the corpus passes through every pipeline stage and one evaluation.
  "$ROOT/jobs/train-lm.sh" --master "spark://127.0.0.1:$port" --driver-memory 2g --executor-memory 2g \
    --conf "$ROOT/conf/lm-quickstart.conf" --output "$WORK/$name" \
    --set data.input="$corpus" --set training.time-limit-minutes=2 --set training.batch-size-per-worker=64 \
    --set data.sequence-length=100 --set output.training-stats=false > "$WORK/$name.log" 2>&1
  json=$WORK/$name/run.json
  field() { grep -o "\"$1\" : [0-9.]*" "$json" | head -n 1 | awk '{print $3}'; }
  printf '%8.1f MB corpus: driver peak heap %7.1f MiB of %.0f MiB, wall %.0f s, %s partitions\n' \
    "$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN{print b/1e6}')" \
    "$(awk -v b="$(field heap_peak_bytes)" 'BEGIN{print b/1048576}')" \
    "$(awk -v b="$(field heap_max_bytes)" 'BEGIN{print b/1048576}')" \
    "$(field wall_seconds)" "$(field partitions)"
done
