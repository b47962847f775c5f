package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.job.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Entry point of {@code jobs/fetch-caption-data.sh emoji}: real images with real captions from
 * the emoji-datasource-twitter package, the Twemoji graphics at 64x64 captioned with their
 * Unicode names ({@link EmojiCatalog} says how). One row per image found in the image folder;
 * entries whose image is missing and images no entry names are counted and reported, never
 * dropped silently. {@code --every N} keeps every N-th base emoji of the package's sort order
 * with all its variants, which spreads a small sample over all the categories.
 */
@Command(name = "emoji-captions", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Copies the emoji images named by emoji.json to OUTPUT/images/ and writes OUTPUT/captions.csv "
            + "(image,caption,group,split; caption = the lower-case Unicode name, skin tones as CLDR names them; "
            + "group = the base emoji's code; split empty) and OUTPUT/NOTICE.txt (the Twemoji attribution)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the data set was written", "2:bad command line", "3:unusable input or output"})
public final class EmojiCaptions extends DataTool {
    /** The attribution the Twemoji licence (CC-BY 4.0) asks for, written beside every table. */
    public static final String NOTICE = """
            Images: Twemoji by Twitter, Inc and other contributors, CC-BY 4.0
            (https://creativecommons.org/licenses/by/4.0/), https://github.com/twitter/twemoji;
            this copy from the npm package emoji-datasource-twitter (img/twitter/64/), which takes
            them from the maintained fork https://github.com/jdecked/twemoji. Copied unchanged.
            Captions: the Unicode names in emoji.json of emoji-datasource
            (https://github.com/iamcal/emoji-data), MIT licence, Copyright (c) 2013 Cal Henderson;
            lower-cased, skin tones named with the CLDR short names, by io.sparkrnn.caption.EmojiCaptions.
            """;
    private static final int EXAMPLES = 5;

    @Option(names = "--emoji-json", required = true, description = "emoji.json of emoji-datasource.")
    Path emojiJson;
    @Option(names = "--images", required = true, description = "The folder of the images: img/twitter/64.")
    Path images;
    @Option(names = "--output", required = true, description = "Folder to write.")
    Path output;
    @Option(names = "--every", description = "Keep every N-th base emoji in sort order, with its variants "
            + "(default: ${DEFAULT-VALUE}, all).")
    int every = 1;
    @Option(names = "--overwrite", description = "Replace the images and table of an earlier run in --output.")
    boolean overwrite;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmojiCaptions()).execute(args));
    }

    /** Writes the data set; returns the report printed. */
    @Override
    String run() throws IOException {
        if (every < 1) {
            throw new DataException("--every: " + every + "; expected 1 (all) or more");
        }
        List<EmojiCatalog.Emoji> emoji = EmojiCatalog.read(emojiJson);
        Set<String> files = pngFiles(images);
        CaptionDatasetWriter out = CaptionDatasetWriter.create(output, overwrite);
        List<CaptionDatasetWriter.Row> rows = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Set<String> named = new HashSet<>();
        Set<String> copied = new HashSet<>();
        Map<String, Integer> byCategory = new TreeMap<>();
        int selected = 0;
        for (EmojiCatalog.Emoji e : emoji) {
            e.images().forEach(i -> named.add(i.file()));
            if (e.rank() % every != 0) {
                continue;
            }
            selected++;
            for (EmojiCatalog.Image i : e.images()) {
                if (!files.contains(i.file())) {
                    missing.add(i.file() + " (" + i.caption() + ")");
                    continue;
                }
                if (copied.add(i.file())) {
                    Files.copy(images.resolve(i.file()), out.images().resolve(i.file()));
                }
                rows.add(new CaptionDatasetWriter.Row(i.file(), i.caption(), i.group(), ""));
                byCategory.merge(e.category().isEmpty() ? "(none)" : e.category(), 1, Integer::sum);
            }
        }
        Set<String> unnamed = new TreeSet<>(files);
        unnamed.removeAll(named);
        Path table = out.writeCaptions(rows);
        Files.writeString(out.file("NOTICE.txt"), NOTICE, StandardCharsets.UTF_8);
        long groups = rows.stream().map(CaptionDatasetWriter.Row::group).distinct().count();
        return String.format(Locale.ROOT, "emoji.json: %,d base emoji; kept %,d (every %d in sort order)%n"
                + "wrote %,d rows (%,d groups) to %s, images to %s%n"
                + "rows by category: %s%n"
                + "entries without an image file in %s: %,d%s%n"
                + "images in %s without an entry: %,d%s%n",
                emoji.size(), selected, every, rows.size(), groups, table, out.images(), byCategory, images,
                missing.size(), examples(missing), images, unnamed.size(), examples(new ArrayList<>(unnamed)));
    }

    private static String examples(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", items.subList(0, Math.min(EXAMPLES, items.size())));
        return " (" + shown + (items.size() > EXAMPLES ? ", ..." : "") + ")";
    }

    /** The PNG files of the folder (other files are not images of the set). */
    private static Set<String> pngFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": no such folder (expected the 64x64 images, img/twitter/64 of "
                    + "emoji-datasource-twitter)");
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".png"))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }
}
