package io.sparkrnn.caption;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrnn.core.io.DataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The emoji of emoji-datasource's {@code emoji.json} as captioned images. A base emoji's caption
 * is its Unicode name ({@code name}) in lower case, "RED APPLE" giving "red apple"; where the
 * entry has no name, its first short name with underscores as spaces. A skin-tone variant
 * (under {@code skin_variations}, keyed by the modifiers' code points) is captioned as Unicode's
 * emoji-test.txt names it: the base name, ": " (", " when the name already has a colon, as in
 * "kiss: man, man"), then the CLDR names of its tones joined by ", ", a tone named once when
 * both people have it ("kiss: man, man, light skin tone"). Every image of one base emoji has
 * the base's {@code unified} code as its group, so that no emoji has variants on both sides of
 * a split.
 */
public final class EmojiCatalog {
    /** CLDR short names of the five skin-tone modifiers. */
    public static final Map<String, String> TONES = Map.of("1F3FB", "light skin tone", "1F3FC",
            "medium-light skin tone", "1F3FD", "medium skin tone", "1F3FE", "medium-dark skin tone", "1F3FF",
            "dark skin tone");

    private EmojiCatalog() {
    }

    /** One image: its file name in the image folder, its caption, its group (the base's code). */
    public record Image(String file, String caption, String group) {
    }

    /**
     * A base emoji and its images, the base's first.
     *
     * @param rank the position in the package's {@code sort_order} (0 first), file order on ties
     */
    public record Emoji(int rank, String unified, String category, List<Image> images) {
    }

    /** Every emoji of the file, in {@code sort_order} (entries without one last, in file order). */
    public static List<Emoji> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (JacksonException e) {
            throw new DataException(file + ": not valid JSON (" + e.getOriginalMessage() + "); expected "
                    + "emoji-datasource's emoji.json, an array of emoji objects");
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isArray()) {
            throw new DataException(file + ": expected emoji-datasource's emoji.json, a JSON array of emoji objects");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            entries.add(new Entry(i, root.get(i).path("sort_order").asInt(Integer.MAX_VALUE), root.get(i)));
        }
        entries.sort(Comparator.comparingInt(Entry::sortOrder).thenComparingInt(Entry::position));
        List<Emoji> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(emoji(file, out.size(), e));
        }
        return out;
    }

    private record Entry(int position, int sortOrder, JsonNode node) {
    }

    private static Emoji emoji(Path file, int rank, Entry e) {
        JsonNode n = e.node();
        String where = file + ": entry " + e.position() + (n.hasNonNull("unified") ? " (" + n.get("unified").asText()
                + ")" : "");
        if (!n.isObject()) {
            throw new DataException(where + ": expected an emoji object, found " + n.getNodeType());
        }
        String unified = text(n, "unified", where);
        String caption = baseCaption(n, where);
        List<Image> images = new ArrayList<>();
        images.add(new Image(imageName(n, where), caption, unified));
        JsonNode variations = n.path("skin_variations");
        for (Iterator<Map.Entry<String, JsonNode>> it = variations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> v = it.next();
            String at = where + ", skin variation " + v.getKey();
            images.add(new Image(imageName(v.getValue(), at), variantCaption(caption, v.getKey(), at), unified));
        }
        return new Emoji(rank, unified, n.path("category").asText(""), List.copyOf(images));
    }

    /** The caption of a base emoji: {@code name} in lower case, else the first short name. */
    static String baseCaption(JsonNode n, String where) {
        String name = n.path("name").asText("").strip();
        if (!name.isEmpty()) {
            return name.toLowerCase(Locale.ROOT);
        }
        String shortName = n.path("short_names").path(0).asText(n.path("short_name").asText("")).strip();
        if (shortName.isEmpty()) {
            throw new DataException(where + ": neither 'name' nor 'short_names' gives the emoji a caption");
        }
        return shortName.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /** "father christmas: light skin tone"; "kiss: man, man, light skin tone, dark skin tone". */
    static String variantCaption(String base, String key, String where) {
        Set<String> tones = new LinkedHashSet<>();
        for (String code : key.toUpperCase(Locale.ROOT).split("-")) {
            String tone = TONES.get(code);
            if (tone == null) {
                throw new DataException(where + ": '" + code + "' is not a skin-tone modifier; expected codes of "
                        + String.join(", ", TONES.keySet().stream().sorted().toList()) + " joined by '-'");
            }
            tones.add(tone);
        }
        return base + (base.contains(":") ? ", " : ": ") + String.join(", ", tones);
    }

    private static String imageName(JsonNode n, String where) {
        String name = text(n, "image", where);
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new DataException(where + ": image '" + name + "' is not a plain file name");
        }
        return name;
    }

    private static String text(JsonNode n, String field, String where) {
        String v = n.path(field).asText("").strip();
        if (v.isEmpty()) {
            throw new DataException(where + ": no '" + field + "'; every emoji and skin variation of emoji.json "
                    + "has one");
        }
        return v;
    }
}
