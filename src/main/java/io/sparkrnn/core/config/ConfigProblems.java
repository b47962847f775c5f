package io.sparkrnn.core.config;

import java.util.List;

/**
 * Thrown when a job configuration cannot be used; carries every problem found, each naming
 * the key, the value, where it came from and what is allowed, so a user fixes them all in
 * one go instead of one per run.
 */
public final class ConfigProblems extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigProblems(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        StringBuilder sb = new StringBuilder("Invalid configuration (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                .append("):");
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        return sb.toString();
    }
}
