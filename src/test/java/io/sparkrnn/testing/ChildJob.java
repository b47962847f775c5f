package io.sparkrnn.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A job in its own JVM, for tests that kill a driver or need a Spark master the shared
 * in-process context cannot be (one SparkContext per JVM). It runs with this test JVM's
 * class path and flags, so it is the code under test, not a packaged copy.
 */
public final class ChildJob implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildJob(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with {@code args}; {@code systemProperties} are passed as -D
     * flags, {@code env} added to this JVM's environment; output goes to {@code log}.
     */
    public static ChildJob start(String mainClass, List<String> args, Map<String, String> systemProperties,
                                 Map<String, String> env, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-agentlib") && !flag.startsWith("-javaagent")) {
                cmd.add(flag);
            }
        }
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new ChildJob(pb.start(), log);
    }

    public Process process() {
        return process;
    }

    /** Waits until {@code condition} holds; fails if the job ends first or time runs out. */
    public void awaitWhileRunning(BooleanSupplier condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("the job ended (exit " + process.exitValue() + ") before " + what
                        + "; its log ends:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " after " + timeout + "; the log ends:\n" + tail());
            }
            Thread.sleep(200);
        }
    }

    /** Waits for the job to end and returns its exit code. */
    public int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("the job did not end within " + timeout + "; the log ends:\n" + tail());
        }
        return process.exitValue();
    }

    /** The last 60 lines of the job's output. */
    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
