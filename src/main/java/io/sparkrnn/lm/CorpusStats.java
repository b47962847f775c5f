package io.sparkrnn.lm;

import java.util.List;

/**
 * What the job read and how it was divided: the input files with their sizes, the corpus in
 * lines and characters, invalid UTF-8 found, and the training / validation parts in
 * characters, tokens and windows. Reported in {@code run.json} and the report.
 */
public record CorpusStats(List<InputFile> inputs, int partitions, long lines, long characters,
                          long replacementCharacters, long trainCharacters, long validationCharacters,
                          long trainTokens, long validationTokens, long unknownTrainTokens,
                          long trainWindows, long validationWindows, long trainBatchFiles,
                          long validationBatchFiles, int sequenceLength) {

    /** One input file and its size in bytes. */
    public record InputFile(String path, long bytes) {
    }

    public long inputBytes() {
        return inputs.stream().mapToLong(InputFile::bytes).sum();
    }
}
