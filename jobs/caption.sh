#!/usr/bin/env bash
# Captions every image of a folder with a model from jobs/train-caption.sh.
#   jobs/caption.sh --model URI --images URI --output URI [--beam-width N] [--overwrite] [launcher options]
# Runs through spark-submit when it is on the PATH, otherwise through the embedded Spark.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
for a in "$@"; do
  if [[ "$a" == "-h" || "$a" == "--help" ]]; then launcher_help; break; fi
done
run_spark_job io.sparkrnn.caption.Caption "$@"
