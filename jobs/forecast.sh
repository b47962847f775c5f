#!/usr/bin/env bash
# Forecasts the next steps of every series with a model from jobs/train-forecast.sh.
#   jobs/forecast.sh --model URI --input URI --output URI [--overwrite] [launcher options]
# Runs through spark-submit when it is on the PATH, otherwise through the embedded Spark.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
for a in "$@"; do
  if [[ "$a" == "-h" || "$a" == "--help" ]]; then launcher_help; break; fi
done
run_spark_job io.sparkrnn.forecast.Forecast "$@"
