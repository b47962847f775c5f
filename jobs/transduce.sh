#!/usr/bin/env bash
# Transduces every line of a text input (e.g. spellings to pronunciations) with a model from jobs/train-seq2seq.sh.
#   jobs/transduce.sh --model URI --input URI --output URI [--beam-width N] [--overwrite] [launcher options]
# Runs through spark-submit when it is on the PATH, otherwise through the embedded Spark.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
for a in "$@"; do
  if [[ "$a" == "-h" || "$a" == "--help" ]]; then launcher_help; break; fi
done
run_spark_job io.sparkrnn.seq2seq.Transducer "$@"
