package io.sparkrnn.caption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.report.Json;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words a captioner reads and writes, numbered once from the training captions and kept with
 * the model: three reserved tokens first ({@code <end>} also pads, {@code <start>} begins every
 * caption, {@code <unk>} stands for a word seen fewer than {@code data.min-count} times), then the
 * words by falling count (ties alphabetical), so the same captions always give the same ids. How
 * a caption becomes words is fixed here too ({@link #words}), for training and evaluation alike.
 */
public final class CaptionVocabulary implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String END = "<end>";
    public static final String START = "<start>";
    public static final String UNKNOWN = "<unk>";
    public static final int END_ID = 0;
    public static final int START_ID = 1;
    public static final int UNKNOWN_ID = 2;
    /** Punctuation cut from either end of a word ("flag:" is "flag"); a word of punctuation alone stays. */
    private static final String EDGE_PUNCTUATION = ",.:;!?()\"";

    private final List<String> tokens;
    private final long[] counts;
    private final boolean lowercase;
    private transient Map<String, Integer> ids;

    CaptionVocabulary(List<String> tokens, long[] counts, boolean lowercase) {
        this.tokens = List.copyOf(tokens);
        this.counts = counts.clone();
        this.lowercase = lowercase;
    }

    /** Numbers the words counted in the training captions; words below {@code minCount} become {@code <unk>}. */
    public static CaptionVocabulary of(Map<String, Long> wordCounts, int minCount, boolean lowercase) {
        List<Map.Entry<String, Long>> kept = new ArrayList<>(wordCounts.entrySet().stream()
                .filter(e -> e.getValue() >= minCount).toList());
        kept.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        long unknown = wordCounts.values().stream().filter(c -> c < minCount).mapToLong(Long::longValue).sum();
        List<String> tokens = new ArrayList<>(List.of(END, START, UNKNOWN));
        long[] counts = new long[kept.size() + 3];
        counts[UNKNOWN_ID] = unknown;
        for (Map.Entry<String, Long> e : kept) {
            counts[tokens.size()] = e.getValue();
            tokens.add(e.getKey());
        }
        return new CaptionVocabulary(tokens, counts, lowercase);
    }

    /** The words of a caption: split at white space, edge punctuation cut, lower-cased if configured. */
    public static List<String> words(String caption, boolean lowercase) {
        List<String> words = new ArrayList<>();
        String text = lowercase ? caption.toLowerCase(Locale.ROOT) : caption;
        for (String w : text.trim().split("\\s+")) {
            int from = 0;
            int to = w.length();
            while (from < to && EDGE_PUNCTUATION.indexOf(w.charAt(from)) >= 0) {
                from++;
            }
            while (to > from && EDGE_PUNCTUATION.indexOf(w.charAt(to - 1)) >= 0) {
                to--;
            }
            String word = from < to ? w.substring(from, to) : w;
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    public List<String> words(String caption) {
        return words(caption, lowercase);
    }

    public int size() {
        return tokens.size();
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public long count(int id) {
        return counts[id];
    }

    public boolean lowercase() {
        return lowercase;
    }

    /** The id of a word, {@link #UNKNOWN_ID} for one not in the vocabulary. */
    public int id(String word) {
        if (ids == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < tokens.size(); i++) {
                m.put(tokens.get(i), i);
            }
            ids = m;
        }
        return ids.getOrDefault(word, UNKNOWN_ID);
    }

    /** The ids of a caption's words, at most {@code maxLength}. */
    public int[] encode(String caption, int maxLength) {
        List<String> w = words(caption);
        int[] out = new int[Math.min(maxLength, w.size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(w.get(i));
        }
        return out;
    }

    /** The words of generated ids, as a caption. */
    public String decode(int[] ids) {
        StringBuilder s = new StringBuilder();
        for (int id : ids) {
            s.append(s.length() > 0 ? " " : "").append(tokens.get(id));
        }
        return s.toString();
    }

    public String toJson() throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("lowercase", lowercase);
        ArrayNode t = root.putArray("tokens");
        ArrayNode c = root.putArray("counts");
        for (int i = 0; i < tokens.size(); i++) {
            t.add(tokens.get(i));
            c.add(counts[i]);
        }
        return Json.MAPPER.writeValueAsString(root);
    }

    /** Reads {@link #toJson()}; {@code source} names the file in the message when it is not a vocabulary. */
    public static CaptionVocabulary fromJson(String json, String source) throws IOException {
        JsonNode root = Json.MAPPER.readTree(json);
        JsonNode t = root.path("tokens");
        JsonNode c = root.path("counts");
        if (!t.isArray() || !c.isArray() || t.size() != c.size() || t.size() < 3
                || !END.equals(t.get(END_ID).asText()) || !START.equals(t.get(START_ID).asText())) {
            throw new DataException(source + " is not a caption vocabulary (expected \"tokens\" starting with "
                    + END + ", " + START + ", " + UNKNOWN + " and as many \"counts\")");
        }
        List<String> tokens = new ArrayList<>();
        long[] counts = new long[t.size()];
        for (int i = 0; i < t.size(); i++) {
            tokens.add(t.get(i).asText());
            counts[i] = c.get(i).asLong();
        }
        return new CaptionVocabulary(tokens, counts, root.path("lowercase").asBoolean(true));
    }
}
