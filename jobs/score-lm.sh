#!/usr/bin/env bash
# Scores a trained language model on a text, with several amounts of preceding context.
#   jobs/score-lm.sh --model runs/quickstart --input FILE [--from-fraction 0.9] [--sequence-length 50] [--context 0,50]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
run_local_tool io.sparkrnn.lm.ScoreText "$@"
