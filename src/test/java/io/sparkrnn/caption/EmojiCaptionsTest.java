package io.sparkrnn.caption;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import io.sparkrnn.testing.ConsoleCapture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EmojiCaptions on a hand-made emoji.json in emoji-datasource's format, and the shipped sample. */
class EmojiCaptionsTest {
    private static final String JSON = """
            [
             {"name": "RED APPLE", "unified": "1F34E", "image": "1f34e.png", "sort_order": 30,
              "category": "Food & Drink"},
             {"name": null, "unified": "1F600", "image": "1f600.png", "short_names": ["grinning_face", "grinning"],
              "sort_order": 10, "category": "Smileys & Emotion"},
             {"name": "WAVING HAND SIGN", "unified": "1F44B", "image": "1f44b.png", "sort_order": 20,
              "category": "People & Body", "skin_variations": {
                "1F3FB": {"unified": "1F44B-1F3FB", "image": "1f44b-1f3fb.png"},
                "1F3FF": {"unified": "1F44B-1F3FF", "image": "1f44b-1f3ff.png"}}},
             {"name": "KISS: MAN, MAN", "unified": "1F468-200D-1F48B-200D-1F468", "image": "kiss-mm.png",
              "sort_order": 40, "category": "People & Body", "skin_variations": {
                "1F3FB-1F3FB": {"image": "kiss-mm-1.png"}, "1F3FB-1F3FE": {"image": "kiss-mm-2.png"}}}
            ]
            """;
    private static final List<String> IMAGES = List.of("1f34e.png", "1f600.png", "1f44b.png", "1f44b-1f3fb.png",
            "kiss-mm.png", "kiss-mm-1.png", "kiss-mm-2.png", "stray.png");

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private Path json;
    private Path images;

    @BeforeEach
    void handMade() throws IOException {
        json = Files.writeString(dir.resolve("emoji.json"), JSON);
        images = Files.createDirectories(dir.resolve("64"));
        for (String name : IMAGES) {
            Files.write(images.resolve(name), ("not really a PNG: " + name).getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(images.resolve("README.txt"), "not an image");
    }

    private int run(Path out, String... extra) {
        String[] args = Stream.concat(Stream.of("--emoji-json", json.toString(), "--images", images.toString(),
                "--output", out.toString()), Stream.of(extra)).toArray(String[]::new);
        return new CommandLine(new EmojiCaptions()).execute(args);
    }

    static List<String[]> rows(Path out) throws IOException {
        CsvParserSettings s = new CsvParserSettings();
        s.setNullValue("");
        List<String[]> all = new CsvParser(s).parseAll(Files.newBufferedReader(out.resolve("captions.csv")));
        assertArrayEquals(new String[]{"image", "caption", "group", "split"}, all.get(0), "header");
        return all.subList(1, all.size());
    }

    @Test
    void namesVariantsAndGroupsInSortOrder() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, run(out), console.err());
        List<String> got = rows(out).stream().map(r -> String.join(" | ", r)).toList();
        assertEquals(List.of(
                "1f600.png | grinning face | 1F600 | ",
                "1f44b.png | waving hand sign | 1F44B | ",
                "1f44b-1f3fb.png | waving hand sign: light skin tone | 1F44B | ",
                "1f34e.png | red apple | 1F34E | ",
                "kiss-mm.png | kiss: man, man | 1F468-200D-1F48B-200D-1F468 | ",
                "kiss-mm-1.png | kiss: man, man, light skin tone | 1F468-200D-1F48B-200D-1F468 | ",
                "kiss-mm-2.png | kiss: man, man, light skin tone, medium-dark skin tone | "
                    + "1F468-200D-1F48B-200D-1F468 | "),
                got, "rows");
        for (String name : IMAGES.subList(0, 7)) {
            assertArrayEquals(Files.readAllBytes(images.resolve(name)),
                    Files.readAllBytes(out.resolve("images/" + name)), name + " copied as it is");
        }
        assertFalse(Files.exists(out.resolve("images/stray.png")), "an image no entry names is not copied");
        assertTrue(Files.readString(out.resolve("NOTICE.txt")).contains("Twemoji by Twitter, Inc and other "
                + "contributors, CC-BY 4.0"), "the attribution");
    }

    @Test
    void missingImagesAndImagesWithoutAnEntryAreCountedAndNamed() {
        assertEquals(0, run(dir.resolve("out")), console.err());
        String report = console.out();
        assertTrue(report.contains("wrote 7 rows (4 groups)"), report);
        assertTrue(report.contains("without an image file in " + images + ": 1 (1f44b-1f3ff.png (waving hand sign: "
                + "dark skin tone))"), report);
        assertTrue(report.contains("without an entry: 1 (stray.png)"), report);
    }

    @Test
    void everySecondBaseEmojiInSortOrderKeepsItsVariants() throws IOException {
        Path out = dir.resolve("half");
        assertEquals(0, run(out, "--every", "2"), console.err());
        Set<String> groups = new TreeSet<>();
        rows(out).forEach(r -> groups.add(r[2]));
        assertEquals(Set.of("1F600", "1F34E"), groups, "groups at sort ranks 0 and 2");
        assertTrue(console.out().contains("kept 2 (every 2 in sort order)"), console.out());
    }

    @Test
    void badInputIsNamedWithWhatWasExpected() throws IOException {
        Files.writeString(json, "{\"emoji\": []}");
        assertEquals(3, run(dir.resolve("a")));
        String err = console.err();
        assertTrue(err.contains(json + ": expected emoji-datasource's emoji.json, a JSON array"), err);
        console.reset();
        Files.writeString(json, "[{\"name\": \"X\", \"unified\": \"1F44D\", \"image\": \"x.png\", "
                + "\"skin_variations\": {\"1F3FA\": {\"image\": \"y.png\"}}}]");
        assertEquals(3, run(dir.resolve("b")));
        assertTrue(console.err().contains("entry 0 (1F44D), skin variation 1F3FA: '1F3FA' is not a skin-tone "
                + "modifier"), console.err());
        console.reset();
        Files.writeString(json, "[{\"unified\": \"1F44D\", \"image\": \"x.png\"}]");
        assertEquals(3, run(dir.resolve("c")));
        assertTrue(console.err().contains("neither 'name' nor 'short_names'"), console.err());
        console.reset();
        Files.writeString(json, "[{\"name\": \"X\", \"unified\": \"1F44D\"}]");
        assertEquals(3, run(dir.resolve("d")));
        assertTrue(console.err().contains("entry 0 (1F44D): no 'image'"), console.err());
    }

    @Test
    void theShippedSampleIsWhatTheToolWritesAndEveryRowHasItsImage() throws IOException {
        Path sample = Path.of("data-samples/emoji-sample");
        List<String[]> rows = rows(sample);
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.list(sample.resolve("images"))) {
            list.forEach(p -> files.add(p.getFileName().toString()));
        }
        Set<String> named = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        rows.forEach(r -> {
            named.add(r[0]);
            groups.add(r[2]);
        });
        assertEquals(files, named, "images in the folder against images the table names");
        assertEquals(List.of(240, 120), List.of(rows.size(), groups.size()), "rows and groups of the sample");
        assertTrue(rows.stream().anyMatch(r -> r[1].equals("grinning face")), "the first emoji in sort order");
        assertTrue(Files.readString(sample.resolve("NOTICE.txt")).contains("CC-BY 4.0"), "the sample's NOTICE");
    }
}
