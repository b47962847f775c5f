package io.sparkrnn.core.config;

import java.io.Serializable;

/** The shared {@code output} section (see {@code core/config/output.conf}). */
public record Output(String path, String workDir, boolean keepWork, boolean overwrite, boolean trainingStats)
        implements OutputSettings, Serializable {

    /** Reads the section; {@code output.path} is required (set by {@code --output}). */
    public static Output read(ConfigReader r) {
        String path = r.string("output.path").trim();
        if (path.isEmpty()) {
            r.missing("output.path", "expected the output folder (give --output URI)");
        }
        return new Output(path, r.string("output.work-dir").trim(), r.bool("output.keep-work"),
                r.bool("output.overwrite"), r.bool("output.training-stats"));
    }
}
