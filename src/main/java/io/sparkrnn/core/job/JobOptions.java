package io.sparkrnn.core.job;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options every training command shares (a picocli mixin), so that all jobs are
 * configured, overridden, checked and documented the same way.
 */
public final class JobOptions {
    @Option(names = "--conf", paramLabel = "FILE", description = "Job configuration file (HOCON).")
    public Path conf;

    @Option(names = "--output", paramLabel = "URI",
            description = "Output folder (file:, hdfs:, s3a: or a local path). Must be empty unless "
                + "output.overwrite is set.")
    public String output;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --set training.epochs=3 (repeatable).")
    public List<String> overrides = new ArrayList<>();

    @Option(names = "--dry-run", description = "Validate and print the resolved configuration, then stop.")
    public boolean dryRun;

    @Option(names = "--config-reference", description = "Print every configuration key with its default.")
    public boolean reference;
}
