#!/usr/bin/env bash
# Trains a recurrent forecasting model over many time series on Spark and backtests it.
#   jobs/train-forecast.sh --conf FILE --output URI [--set key=value ...] [launcher options]
# Runs through spark-submit when it is on the PATH, otherwise through the embedded Spark.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
for a in "$@"; do
  if [[ "$a" == "-h" || "$a" == "--help" ]]; then launcher_help; break; fi
done
run_spark_job io.sparkrnn.forecast.TrainForecast "$@"
