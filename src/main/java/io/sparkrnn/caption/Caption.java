package io.sparkrnn.caption;

import io.sparkrnn.core.job.ModelTool;
import io.sparkrnn.core.job.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Entry point of the caption tool ({@code jobs/caption.sh}): captions every image of a folder
 * with a model trained by {@code jobs/train-caption.sh}.
 */
@Command(name = "caption", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {
            "Captions every image (PNG, JPEG, GIF, BMP) under --images with a model trained by "
                + "jobs/train-caption.sh, on Spark: each image is prepared as in training (its captioner.json) and "
                + "captioned by beam search on the executors. Writes captions/ (Parquet) and captions-csv/ (image, "
                + "caption, log_probability), rejected/ (images that cannot be read), run.json and _SUCCESS."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done; the output folder holds _SUCCESS",
            "1:failed (see the message)",
            "2:bad command line",
            "3:unusable model, images or output location"})
public final class Caption implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "URI",
            description = "Output folder of a jobs/train-caption.sh run (model.zip, captioner.json, config.conf).")
    String model;

    @Option(names = "--images", required = true, paramLabel = "URI",
            description = "Folder (or glob) of the images to caption, on any Hadoop file system.")
    String images;

    @Option(names = "--output", required = true, paramLabel = "URI", description = "Folder for the captions.")
    String output;

    @Option(names = "--beam-width", paramLabel = "N",
            description = "Hypotheses kept by beam search (1 = greedy); default: the model's decode.beam-width.")
    Integer beamWidth;

    @Option(names = "--overwrite", description = "Replace the contents of a non-empty --output folder.")
    boolean overwrite;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Caption()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (beamWidth != null && beamWidth < 1) {
            System.err.println("--beam-width: expected 1 or more, not " + beamWidth);
            return 2;
        }
        return ModelTool.run("spark-rnn caption",
                storage -> CaptionImagesJob.Captioner.load(storage, storage.qualify(model)),
                (sc, captioner) -> {
                    CaptionConfig.Decode saved = captioner.config().decode();
                    CaptionConfig.Decode decode = beamWidth == null ? saved
                            : new CaptionConfig.Decode(beamWidth, saved.lengthPenalty(), saved.maxLength());
                    CaptionImagesJob.run(sc, captioner, images, output, decode, overwrite);
                });
    }
}
