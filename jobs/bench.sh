#!/usr/bin/env bash
# Training throughput, measured in one run: DL4J's LSTM layer and the project's fused layer,
# in one process and on Spark with parameter averaging, the corpus export, and the machine's
# matrix-product bound.   jobs/bench.sh [--seconds 40] [--hidden 256] [--cell lstm] [--json bench.json]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
TOOL_MEMORY="${TOOL_MEMORY:-6g}" run_local_tool io.sparkrnn.bench.Bench "$@"
