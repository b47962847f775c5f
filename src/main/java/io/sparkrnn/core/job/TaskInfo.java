package io.sparkrnn.core.job;

import java.util.List;

/**
 * How a task presents itself: its command ({@code train-lm}), what it is called in logs, the
 * Spark application name and report titles ({@code language model}), the paragraphs of its help
 * text, and an example job file for the message when {@code --conf} is missing.
 */
public record TaskInfo(String command, String name, List<String> description, String exampleConf) {
    public TaskInfo {
        description = List.copyOf(description);
    }

    /** "Language model", for titles. */
    public String title() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
