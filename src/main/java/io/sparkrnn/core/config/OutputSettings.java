package io.sparkrnn.core.config;

/**
 * The {@code output} keys every job has: where the run goes, its working folder for exported
 * minibatches, and whether an existing run may be replaced. A job with output keys of its own
 * has its own record that implements this; the others use {@link Output}.
 */
public interface OutputSettings {
    String path();

    String workDir();

    boolean keepWork();

    boolean overwrite();

    boolean trainingStats();

    /** The folder for exported minibatches: {@code work-dir}, or {@code <path>/_work}. */
    default String resolvedWorkDir() {
        return workDir().isEmpty() ? stripSlash(path()) + "/_work" : stripSlash(workDir());
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
