#!/usr/bin/env bash
# A standalone Spark cluster on this machine, from the project's own jars: one master and N
# workers on 127.0.0.1, for trying cluster submission (executors in their own JVMs, the
# application jar shipped to them) without a Spark installation.
#   jobs/cluster.sh start [--workers N] [--cores C] [--memory SIZE] [--port P] [--ui-port P]
#   jobs/cluster.sh status
#   jobs/cluster.sh stop
# Then: jobs/train-lm.sh --master spark://127.0.0.1:7077 --conf ... --output ...
# State, logs and the workers' folders go to runs/cluster (SPARK_RNN_CLUSTER_DIR to change).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
STATE=${SPARK_RNN_CLUSTER_DIR:-$ROOT/runs/cluster}

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() {  # wait_for FILE PATTERN COUNT SECONDS WHAT
  local i
  for ((i = 0; i < $4 * 5; i++)); do
    if [[ -f "$1" ]] && (( $(grep -c -- "$2" "$1" || true) >= $3 )); then return 0; fi
    sleep 0.2
  done
  echo "error: $5 did not come up within $4 s; see $1" >&2
  tail -n 20 "$1" >&2 || true
  return 1
}

start() {
  local workers=1 cores=2 memory=4g port=7077 ui_port=8080
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --workers) workers=$2; shift 2 ;;
      --cores) cores=$2; shift 2 ;;
      --memory) memory=$2; shift 2 ;;
      --port) port=$2; shift 2 ;;
      --ui-port) ui_port=$2; shift 2 ;;
      *) die "cluster.sh start: unknown option '$1' (see jobs/cluster.sh --help)" ;;
    esac
  done
  [[ "$workers" =~ ^[1-9][0-9]*$ ]] || die "--workers must be a positive integer, was '$workers'"
  [[ "$cores" =~ ^[1-9][0-9]*$ ]] || die "--cores must be a positive integer, was '$cores'"
  [[ "$memory" =~ ^[1-9][0-9]*[mMgG]$ ]] || die "--memory must be a size such as 4g or 1536m, was '$memory'"
  if alive "$STATE/master.pid"; then
    die "a cluster is already running (master pid $(cat "$STATE/master.pid")); run 'jobs/cluster.sh stop' first"
  fi
  ensure_built
  rm -rf "$STATE"
  mkdir -p "$STATE/spark-home/jars"
  # Workers start executors as `java -cp $SPARK_HOME/jars/*`: the folder a Spark installation has.
  tr ':' '\n' < "$TARGET/embedded-classpath.txt" | while read -r jar; do
    [[ -n "$jar" ]] && ln -s "$jar" "$STATE/spark-home/jars/$(basename "$jar")"
  done
  export SPARK_HOME="$STATE/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1
  local flags
  flags="$(cat "$TARGET/launcher/jvm-flags.txt") -Xmx512m -Dlog4j2.configurationFile=file:$ROOT/conf/log4j2-cluster.properties"
  # shellcheck disable=SC2086
  nohup java $flags -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "$ui_port" > "$STATE/master.log" 2>&1 &
  echo $! > "$STATE/master.pid"
  wait_for "$STATE/master.log" "I have been elected leader" 1 60 "the Spark master"
  local i
  for ((i = 1; i <= workers; i++)); do
    mkdir -p "$STATE/worker-$i"
    # shellcheck disable=SC2086
    nohup java $flags -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "$cores" --memory "$memory" --work-dir "$STATE/worker-$i" --webui-port 0 \
      "spark://127.0.0.1:$port" > "$STATE/worker-$i.log" 2>&1 &
    echo $! > "$STATE/worker-$i.pid"
  done
  wait_for "$STATE/master.log" "Registering worker" "$workers" 60 "the Spark workers"
  echo "spark://127.0.0.1:$port" > "$STATE/master-url"
  echo "Spark standalone cluster: master spark://127.0.0.1:$port (web UI http://127.0.0.1:$ui_port),"
  echo "$workers worker(s) of $cores core(s) and $memory each; logs in $STATE."
  echo "Submit with: jobs/train-lm.sh --master spark://127.0.0.1:$port --conf FILE --output URI"
}

stop() {
  local pid_file stopped=0
  for pid_file in "$STATE"/worker-*.pid "$STATE"/master.pid; do
    [[ -f "$pid_file" ]] || continue
    if alive "$pid_file"; then
      local pid
      pid=$(cat "$pid_file")
      # The workers' executors are their children: stop them too.
      pkill -TERM -P "$pid" 2>/dev/null || true
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
      stopped=$((stopped + 1))
    fi
    rm -f "$pid_file"
  done
  rm -f "$STATE/master-url"
  echo "Stopped $stopped cluster process(es)."
}

status() {
  local pid_file any=0
  for pid_file in "$STATE"/master.pid "$STATE"/worker-*.pid; do
    [[ -f "$pid_file" ]] || continue
    any=1
    if alive "$pid_file"; then state=running; else state="not running"; fi
    echo "$(basename "$pid_file" .pid): pid $(cat "$pid_file") $state"
  done
  if [[ $any == 0 ]]; then echo "No cluster started from $STATE."; return 1; fi
  [[ -f "$STATE/master-url" ]] && echo "master: $(cat "$STATE/master-url")"
  return 0
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
