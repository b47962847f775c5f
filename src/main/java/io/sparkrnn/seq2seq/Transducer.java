package io.sparkrnn.seq2seq;

import io.sparkrnn.core.job.ModelTool;
import io.sparkrnn.core.job.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Entry point of the transduce tool ({@code jobs/transduce.sh}): the output of a model trained
 * by {@code jobs/train-seq2seq.sh} for every line of the input (a spelling's pronunciation).
 */
@Command(name = "transduce", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {
            "Transduces every line of --input (one source a line; of a line with a tab, the text before it) with a "
                + "model trained by jobs/train-seq2seq.sh, on Spark: each line is cut into tokens as in training "
                + "(its seq2seq.json) and decoded by beam search on the executors. Writes outputs/ (Parquet) and "
                + "outputs-csv/ (source, output, log_probability), rejected/ (lines without a token), run.json and "
                + "_SUCCESS."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done; the output folder holds _SUCCESS",
            "1:failed (see the message)",
            "2:bad command line",
            "3:unusable model, input or output location"})
public final class Transducer implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "URI",
            description = "Output folder of a jobs/train-seq2seq.sh run (model.zip, seq2seq.json).")
    String model;

    @Option(names = "--input", required = true, paramLabel = "URI",
            description = "Text file, folder or glob of the sources, one a line, on any Hadoop file system.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "URI", description = "Folder for the outputs.")
    String output;

    @Option(names = "--beam-width", paramLabel = "N",
            description = "Hypotheses kept by beam search (1 = greedy); default: the model's decode.beam-width.")
    Integer beamWidth;

    @Option(names = "--overwrite", description = "Replace the contents of a non-empty --output folder.")
    boolean overwrite;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Transducer()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (beamWidth != null && beamWidth < 1) {
            System.err.println("--beam-width: expected 1 or more, not " + beamWidth);
            return 2;
        }
        return ModelTool.run("spark-rnn transduce",
                storage -> TransduceJob.Model.load(storage, storage.qualify(model)),
                (sc, loaded) -> {
                    Seq2SeqConfig.Decode saved = loaded.saved().decode();
                    Seq2SeqConfig.Decode decode = beamWidth == null ? saved
                            : new Seq2SeqConfig.Decode(beamWidth, saved.lengthPenalty(), saved.maxLength());
                    TransduceJob.run(sc, loaded, input, output, decode, overwrite);
                });
    }
}
