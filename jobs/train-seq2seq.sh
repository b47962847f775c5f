#!/usr/bin/env bash
# Trains an encoder-decoder on pairs of token sequences (e.g. spelling -> pronunciation) on Spark and scores it on held-out words.
#   jobs/train-seq2seq.sh --conf FILE --output URI [--set key=value ...] [launcher options]
# Runs through spark-submit when it is on the PATH, otherwise through the embedded Spark.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
for a in "$@"; do
  if [[ "$a" == "-h" || "$a" == "--help" ]]; then launcher_help; break; fi
done
run_spark_job io.sparkrnn.seq2seq.TrainSeq2Seq "$@"
