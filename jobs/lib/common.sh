# Shared by the jobs/*.sh launchers: locate the project, build it when needed, and start a
# job through a real spark-submit or through the embedded Spark of the project's own
# dependencies. Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGET="$ROOT/target"

die() {
  echo "error: $*" >&2
  exit 2
}

# to_mb SIZE: a Spark memory size (4g, 1536m, 2048 = MiB) in MiB, or nothing if malformed.
to_mb() {
  local v=${1,,}
  case "$v" in
    *[0-9]g) echo $(( ${v%g} * 1024 )) ;;
    *[0-9]m) echo "${v%m}" ;;
    *[0-9]) [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" || true ;;
  esac
}

# native_memory_flags HEAP_MB OFFHEAP_MB: ND4J's off-heap limits for a JVM with that heap.
# javacpp.maxbytes caps ND4J's native buffers; maxphysicalbytes caps the whole process (heap,
# native buffers and the JVM's own 512 MiB or so), above which ND4J fails with a clear message
# instead of the container manager killing the JVM.
native_memory_flags() {
  echo "-Dorg.bytedeco.javacpp.maxbytes=${2}m -Dorg.bytedeco.javacpp.maxphysicalbytes=$(( $1 + $2 + 512 ))m"
}

# Builds target/ (application jars, class path and JVM flags of the embedded Spark) when it
# is missing or older than the sources.
ensure_built() {
  local jar
  jar=$(cluster_jar)
  if [[ -n "$jar" && -f "$TARGET/embedded-classpath.txt" && -f "$TARGET/launcher/jvm-flags.txt" ]] \
      && [[ -z "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$jar" -type f -print -quit)" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "Maven (mvn) is needed to build the project on first use; install it or put it on the PATH"
  echo "Building spark-rnn (first use or sources changed; the first build downloads dependencies)..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package) >&2 || die "the build failed (run 'mvn -DskipTests package' in $ROOT to see why)"
}

# The built jars, or nothing before the first build (no error: set -e and pipefail are on).
cluster_jar() {
  local jars=("$TARGET"/spark-rnn-*-cluster.jar)
  [[ -f "${jars[0]}" ]] && echo "${jars[0]}" || true
}

thin_jar() {
  local j
  for j in "$TARGET"/spark-rnn-*.jar; do
    [[ -f "$j" && "$j" != *-cluster.jar ]] && { echo "$j"; return 0; }
  done
  true
}

# A private copy of the packaged classes for this run: a build beside a running job (mvn test
# recompiles target/classes, a later launch may rebuild the jars) cannot pull classes from under
# it. Copies older than a day are removed.
run_jar() {
  if [[ -z "${RUN_JAR:-}" ]]; then
    local dir="$TARGET/launch"
    mkdir -p "$dir"
    find "$dir" -name 'spark-rnn-run-*.jar' -mmin +1440 -delete 2>/dev/null || true
    RUN_JAR="$dir/spark-rnn-run-$$.jar"
    cp "$(thin_jar)" "$RUN_JAR"
  fi
  echo "$RUN_JAR"
}

embedded_classpath() {
  local cp="$(run_jar):$(cat "$TARGET/embedded-classpath.txt")"
  [[ -n "${HADOOP_CONF_DIR:-}" ]] && cp="$HADOOP_CONF_DIR:$cp"
  echo "$cp"
}

# Native math: one OpenMP thread per Spark task is fastest for recurrent layers
# (docs/performance.md); keep the user's choice if set.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

# openblas_coretype: the OpenBLAS kernel family for this machine's processor, from its flags.
# ND4J 1.0.0-M2 bundles OpenBLAS 0.3.19, which does not recognise processors newer than itself
# and then runs its slowest (SSE3) kernels: on an AVX-512 machine matrix products ran 3 to 5
# times slower (docs/performance.md). A value the user exports is kept; on a remote cluster
# it is passed to the executors only when the user sets it, since their processors may differ.
openblas_coretype() {
  local flags
  flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null | cut -d: -f2) "
  if [[ "$flags" == *" avx512f "* && "$flags" == *" avx512bw "* && "$flags" == *" avx512dq "* \
        && "$flags" == *" avx512vl "* ]]; then
    echo SkylakeX
  elif [[ "$flags" == *" avx2 "* && "$flags" == *" fma "* ]]; then
    echo Haswell
  fi
}
USER_OPENBLAS_CORETYPE="${OPENBLAS_CORETYPE:-}"
if [[ -z "$USER_OPENBLAS_CORETYPE" ]]; then
  OPENBLAS_CORETYPE=$(openblas_coretype)
  [[ -n "$OPENBLAS_CORETYPE" ]] && export OPENBLAS_CORETYPE || unset OPENBLAS_CORETYPE
fi
JOB_JAVA_PROPS="-Dlog4j2.configurationFile=file:$ROOT/conf/log4j2.properties"

# run_spark_job MAIN_CLASS [launcher options] [job arguments]
# Launcher options: --master URL, --driver-memory SIZE, --executor-memory SIZE,
# --executor-cores N, --num-executors N, --spark-conf KEY=VALUE (repeatable).
run_spark_job() {
  local main=$1; shift
  local master="" driver_memory="" executor_memory="" offheap=""
  local -a spark_args=() job_args=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --master) [[ $# -ge 2 ]] || die "--master needs a URL"; master=$2; shift 2 ;;
      --driver-memory) [[ $# -ge 2 ]] || die "--driver-memory needs a size"; driver_memory=$2; spark_args+=("$1" "$2"); shift 2 ;;
      --executor-memory) [[ $# -ge 2 ]] || die "--executor-memory needs a size"; executor_memory=$2; spark_args+=("$1" "$2"); shift 2 ;;
      --native-memory) [[ $# -ge 2 ]] || die "--native-memory needs a size"; offheap=$2; shift 2 ;;
      --executor-cores|--num-executors)
        [[ $# -ge 2 ]] || die "$1 needs a value"; spark_args+=("$1" "$2"); shift 2 ;;
      --spark-conf) [[ $# -ge 2 && "$2" == *=* ]] || die "--spark-conf needs KEY=VALUE"; spark_args+=(--conf "$2"); shift 2 ;;
      *) job_args+=("$1"); shift ;;
    esac
  done
  # Memory: heap as given (Spark's default 1g for executors, 6g for the embedded driver, which
  # also runs the tasks on a local master); ND4J's native memory as much again unless
  # --native-memory says otherwise, reserved in the executors' memory overhead (docs/cluster.md, "Memory").
  local driver_mb executor_mb offheap_mb driver_offheap_mb
  driver_mb=$(to_mb "${driver_memory:-6g}"); [[ -n "$driver_mb" ]] || die "--driver-memory: '$driver_memory' is not a size such as 4g or 1536m"
  executor_mb=$(to_mb "${executor_memory:-1g}"); [[ -n "$executor_mb" ]] || die "--executor-memory: '$executor_memory' is not a size such as 4g or 1536m"
  offheap_mb=$(to_mb "${offheap:-${executor_mb}m}"); [[ -n "$offheap_mb" ]] || die "--native-memory: '$offheap' is not a size such as 4g or 1536m"
  driver_offheap_mb=$(to_mb "${offheap:-${driver_mb}m}")
  ensure_built
  # The project's defaults first, so that the user's --spark-conf settings win.
  spark_args=(--conf "spark.executorEnv.OMP_NUM_THREADS=$OMP_NUM_THREADS"
              --conf "spark.executor.extraJavaOptions=$(native_memory_flags "$executor_mb" "$offheap_mb")"
              --conf "spark.executor.memoryOverhead=$(( offheap_mb + 384 ))m"
              ${spark_args[@]+"${spark_args[@]}"})
  [[ -n "$USER_OPENBLAS_CORETYPE" ]] && spark_args=(--conf "spark.executorEnv.OPENBLAS_CORETYPE=$USER_OPENBLAS_CORETYPE" "${spark_args[@]}")
  JOB_JAVA_PROPS="$JOB_JAVA_PROPS $(native_memory_flags "$driver_mb" "$driver_offheap_mb")"

  if [[ -z "${SPARK_RNN_EMBEDDED:-}" ]] && command -v spark-submit >/dev/null; then
    [[ -n "$master" ]] && spark_args+=(--master "$master")
    exec spark-submit --class "$main" "${spark_args[@]}" --driver-java-options "$JOB_JAVA_PROPS" \
      "$(cluster_jar)" ${job_args[@]+"${job_args[@]}"}
  fi

  # Embedded Spark: Spark's own SparkSubmit from the project's dependencies, in one JVM. On a
  # local master the driver runs the tasks from its own class path; executors elsewhere get the
  # application jar with DL4J inside, as from a real spark-submit.
  master=${master:-local[*]}
  local app_jar
  if [[ "$master" == local* ]]; then app_jar=$(run_jar); else app_jar=$(cluster_jar); fi
  if [[ "$master" == local* || "$master" == spark://127.0.0.1* || "$master" == spark://localhost* ]]; then
    export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  fi
  exec java $(cat "$TARGET/launcher/jvm-flags.txt") -Xmx"${driver_mb}m" $JOB_JAVA_PROPS \
    ${SPARK_RNN_JAVA_OPTS:-} -cp "$(embedded_classpath)" org.apache.spark.deploy.SparkSubmit \
    --class "$main" --master "$master" "${spark_args[@]}" "$app_jar" ${job_args[@]+"${job_args[@]}"}
}

# run_local_tool MAIN_CLASS [arguments]: a project tool that needs no Spark cluster.
run_local_tool() {
  local main=$1; shift
  ensure_built
  exec java $(cat "$TARGET/launcher/jvm-flags.txt") -Xmx"${TOOL_MEMORY:-2g}" $JOB_JAVA_PROPS \
    ${SPARK_RNN_JAVA_OPTS:-} -cp "$(embedded_classpath)" "$main" "$@"
}

launcher_help() {
  cat <<'TXT'
Launcher options (before or among the job's options):
  --master URL             Spark master (default: spark-submit's default when spark-submit is
                           on the PATH, otherwise the embedded Spark with local[*]; the
                           embedded Spark runs local[...] and spark://host:port masters)
  --driver-memory SIZE     driver heap (embedded default: 6g; on a local master the
                           driver also runs the tasks)
  --executor-memory SIZE   executor heap (Spark's default: 1g)
  --native-memory SIZE     ND4J's native (off-heap) memory per JVM, reserved in
                           spark.executor.memoryOverhead (default: as much as the heap)
  --executor-cores N, --num-executors N
                           passed to spark-submit
  --spark-conf KEY=VALUE   any Spark setting (repeatable)
Environment: SPARK_RNN_EMBEDDED=1 uses the embedded Spark even when spark-submit is on the
PATH; OMP_NUM_THREADS (default 1) sets native threads per task; OPENBLAS_CORETYPE (default:
from this machine's processor, e.g. SkylakeX or Haswell) the matrix-product kernels, passed to
remote executors only when set by you; HADOOP_CONF_DIR is read for
hdfs:// and s3a:// settings.

TXT
}
