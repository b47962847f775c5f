package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * What the captioning task's data tools (scenes, emoji, the Keras converter) share as picocli
 * commands: the tool's work returns the summary it prints, and bad input ends with the message
 * on standard error and exit code 3, as the jobs' own command lines do; so each tool writes only
 * its options and its {@link #run()}.
 */
abstract class DataTool implements Callable<Integer> {
    /** Does the tool's work; returns the summary printed. */
    abstract String run() throws IOException;

    @Override
    public final Integer call() throws IOException {
        try {
            System.out.print(run());
            return 0;
        } catch (DataException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        }
    }
}
