#!/usr/bin/env bash
# Which cells learn a dependency L steps back: a copy task at each lag for each cell.
#   jobs/long-dependency.sh [--cells rnn,lstm,gru] [--lags 10,50,100] [--updates 2000] [--hidden 64]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
run_local_tool io.sparkrnn.demo.LongDependencyBench "$@"
