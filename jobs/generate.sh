#!/usr/bin/env bash
# Prints text sampled from a trained language model (no Spark needed).
#   jobs/generate.sh --model URI [--prime TEXT] [--length N] [--temperature T] [--seed S]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
run_local_tool io.sparkrnn.lm.Generate "$@"
