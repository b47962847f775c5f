package io.sparkrnn.core.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time by phase of a job, in the order the phases ran: each {@link #end} closes the
 * phase that began at the previous one. What run.json's {@code phase_seconds} and the report's
 * timings table show.
 */
public final class Phases {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long start = System.nanoTime();

    /** Starts timing from now (what ran since the last {@link #end} is not counted). */
    public void restart() {
        start = System.nanoTime();
    }

    /** Ends the phase that began at the last {@link #end} or {@link #restart}, under {@code name}. */
    public void end(String name) {
        long now = System.nanoTime();
        add(name, (now - start) / 1e9);
        start = now;
    }

    /** Adds seconds measured elsewhere (training inside a phase, checkpoint writing). */
    public void add(String name, double s) {
        seconds.merge(name, s, Double::sum);
    }

    public Map<String, Double> seconds() {
        return Map.copyOf(seconds);
    }

    /** The phases in the order they ran. */
    public Map<String, Double> inOrder() {
        return new LinkedHashMap<>(seconds);
    }
}
