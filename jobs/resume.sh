#!/usr/bin/env bash
# Continues an unfinished language-model run from its latest checkpoint.
#   jobs/resume.sh --output URI [--conf FILE] [--set key=value ...] [launcher options]
# The same as `jobs/train-lm.sh --resume ...`: the configuration comes from the checkpoint
# unless --conf is given, and only training.epochs, training.time-limit-minutes, eval.*,
# output.* and checkpoint.* may change.
set -euo pipefail
exec "$(dirname "$0")/train-lm.sh" --resume "$@"
