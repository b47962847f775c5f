package io.sparkrnn.core.io;

import java.io.Serializable;

/** An input file as the job found it: its qualified path and its size in bytes, for provenance. */
public record InputFile(String path, long bytes) implements Serializable {
}
