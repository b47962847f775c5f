package io.sparkrnn.core.job;

import io.sparkrnn.core.report.BuildInfo;
import picocli.CommandLine;

/** The {@code --version} line of every command: the project's version as built. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[]{"spark-rnn " + BuildInfo.projectVersion()};
    }
}
