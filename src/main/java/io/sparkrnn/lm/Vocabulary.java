package io.sparkrnn.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The token set of a model and the id of each token, with the training counts it was built
 * from. The model's input and output layers are indexed by these ids, so the vocabulary is
 * saved beside every model ({@code vocabulary.json}) and is needed to generate text.
 */
public final class Vocabulary implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Stands for every word not in a word-level vocabulary. */
    public static final String UNKNOWN = "<unk>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LmConfig.Level level;
    private final List<String> tokens;
    private final long[] counts;
    private final Map<String, Integer> ids;
    private final int unknownId;

    public Vocabulary(LmConfig.Level level, List<String> tokens, long[] counts) {
        if (tokens.size() != counts.length) {
            throw new IllegalArgumentException("tokens and counts differ in length");
        }
        this.level = level;
        this.tokens = List.copyOf(tokens);
        this.counts = counts.clone();
        this.ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (ids.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate token '" + tokens.get(i) + "'");
            }
        }
        this.unknownId = ids.getOrDefault(UNKNOWN, -1);
    }

    public LmConfig.Level level() {
        return level;
    }

    public int size() {
        return tokens.size();
    }

    public String token(int id) {
        return tokens.get(id);
    }

    public List<String> tokens() {
        return tokens;
    }

    public long count(int id) {
        return counts[id];
    }

    public boolean hasUnknown() {
        return unknownId >= 0;
    }

    /** The id of a token: its own, the unknown token's, or -1 when neither exists. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id != null ? id : unknownId;
    }

    /** Text of a token sequence: characters concatenated, or words joined with spaces. */
    public String decode(List<Integer> sequence) {
        StringBuilder sb = new StringBuilder();
        String previous = "\n";
        for (int id : sequence) {
            String t = tokens.get(id);
            if (level == LmConfig.Level.WORD && needsSpace(previous, t)) {
                sb.append(' ');
            }
            sb.append(t);
            previous = t;
        }
        return sb.toString();
    }

    private static boolean needsSpace(String previous, String next) {
        if (previous.equals("\n") || next.equals("\n")) {
            return false;
        }
        boolean nextIsWord = Character.isLetterOrDigit(next.codePointAt(0)) || next.equals(UNKNOWN);
        boolean prevIsOpening = previous.equals("(") || previous.equals("[") || previous.equals("\"");
        return nextIsWord && !prevIsOpening || next.equals("(") || next.equals("[") || next.equals("&");
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("level", level.name().toLowerCase(Locale.ROOT));
        root.put("size", tokens.size());
        ArrayNode t = root.putArray("tokens");
        tokens.forEach(t::add);
        ArrayNode c = root.putArray("counts");
        for (long n : counts) {
            c.add(n);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Vocabulary fromJson(String json, String source) {
        try {
            JsonNode root = JSON.readTree(json);
            LmConfig.Level level = LmConfig.Level.valueOf(root.path("level").asText("").toUpperCase(Locale.ROOT));
            List<String> tokens = new ArrayList<>();
            root.path("tokens").forEach(n -> tokens.add(n.asText()));
            long[] counts = new long[tokens.size()];
            JsonNode c = root.path("counts");
            for (int i = 0; i < counts.length; i++) {
                counts[i] = c.path(i).asLong(0);
            }
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("no tokens");
            }
            return new Vocabulary(level, tokens, counts);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not a vocabulary file: " + e.getMessage(), e);
        }
    }
}
