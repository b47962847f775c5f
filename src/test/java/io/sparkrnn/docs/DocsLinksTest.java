package io.sparkrnn.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README and the guides link to each other; every relative link must reach a file of the
 * project and, when it names a section, a heading of that file (GitHub's anchors: lower case,
 * punctuation dropped, spaces as hyphens).
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]*)(?:#([^)\\s]+))?\\)");

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").trim().replace(' ', '-');
    }

    private static List<String> anchors(Path page) throws IOException {
        return Files.readAllLines(page).stream().filter(l -> l.startsWith("#"))
                .map(l -> anchor(l.replaceFirst("^#+\\s*", ""))).toList();
    }

    @Test
    void everyRelativeLinkReachesItsFileAndSection() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http:") || target.startsWith("https:")) {
                    continue;
                }
                Path file = target.isEmpty() ? page : page.resolveSibling(target).normalize();
                if (!Files.exists(file)) {
                    broken.add(page + ": " + m.group() + " (no file " + file + ")");
                } else if (m.group(2) != null && !anchors(file).contains(m.group(2))) {
                    broken.add(page + ": " + m.group() + " (no heading #" + m.group(2) + " in " + file + ")");
                }
            }
        }
        assertEquals(List.of(), broken, broken.size() + " broken link(s)");
    }

    @Test
    void anchorsAreGitHubs() {
        assertEquals("what-every-run-writes", anchor("What every run writes"));
        assertEquals("training-distributed-training-with-parameter-averaging",
                anchor("`training`: distributed training with parameter averaging"));
        assertTrue(anchor("Tiny Shakespeare in an hour").endsWith("hour"), anchor("Tiny Shakespeare in an hour"));
    }
}
