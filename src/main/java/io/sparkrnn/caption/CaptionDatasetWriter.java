package io.sparkrnn.caption;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import io.sparkrnn.core.io.DataException;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder a captioning data tool writes, in the layout the captioning job reads: the images
 * under {@code images/} and {@code captions.csv} with the header {@code image,caption,group,split}
 * ({@code image} relative to {@code images/}; several rows may name one image). Written with the
 * CSV writer of Spark's own parser (univocity), so that a caption with a comma or a quote is
 * quoted as Spark reads it back. An existing output is refused unless overwriting is asked
 * for, since images of an earlier run left beside a new table would be read as part of it.
 */
public final class CaptionDatasetWriter {
    /** The table's columns, in order. */
    public static final List<String> HEADER = List.of("image", "caption", "group", "split");
    /** The table's file name in the output folder. */
    public static final String CAPTIONS = "captions.csv";
    /** The images' folder in the output folder. */
    public static final String IMAGES = "images";

    /** One row of the table; {@code split} is train, validation, test or empty (the job splits by group). */
    public record Row(String image, String caption, String group, String split) {
    }

    private final Path output;

    private CaptionDatasetWriter(Path output) {
        this.output = output;
    }

    /**
     * Creates {@code output/images}; with {@code overwrite} an earlier {@code images/} and table are
     * removed first.
     *
     * @throws DataException when the output holds a table or images and overwrite is not set
     */
    public static CaptionDatasetWriter create(Path output, boolean overwrite) throws IOException {
        Path images = output.resolve(IMAGES);
        Path table = output.resolve(CAPTIONS);
        if (Files.exists(table) || Files.exists(images)) {
            if (!overwrite) {
                throw new DataException(output + " already holds " + (Files.exists(table) ? CAPTIONS : IMAGES + "/")
                        + "; choose another --output or pass --overwrite to replace it");
            }
            Files.deleteIfExists(table);
            deleteTree(images);
        }
        Files.createDirectories(images);
        return new CaptionDatasetWriter(output);
    }

    /** The folder the images go to. */
    public Path images() {
        return output.resolve(IMAGES);
    }

    /** A file beside the table (held-out.txt, NOTICE.txt). */
    public Path file(String name) {
        return output.resolve(name);
    }

    /** Writes the table; returns its path. */
    public Path writeCaptions(List<Row> rows) throws IOException {
        Path table = output.resolve(CAPTIONS);
        CsvWriterSettings settings = new CsvWriterSettings();
        settings.getFormat().setLineSeparator("\n");
        settings.setQuoteEscapingEnabled(true);
        try (Writer w = Files.newBufferedWriter(table, StandardCharsets.UTF_8)) {
            CsvWriter csv = new CsvWriter(w, settings);
            csv.writeHeaders(HEADER);
            for (Row r : rows) {
                csv.writeRow(r.image(), r.caption(), r.group(), r.split());
            }
            csv.close();
        }
        return table;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
