#!/usr/bin/env bash
# The lecture's "hello" example for each recurrent cell: per input letter, the probability of
# every next letter.   jobs/hello.sh [--cells lstm,gru,rnn] [--steps 300]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
run_local_tool io.sparkrnn.demo.Hello "$@"
