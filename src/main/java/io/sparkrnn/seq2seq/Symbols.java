package io.sparkrnn.seq2seq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.report.Json;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokens of one side of the pairs (the letters of the spellings, or the phonemes), numbered
 * once from the training pairs and kept with the model: three reserved ids first ({@code <end>}
 * ends a target and pads, {@code <start>} begins the decoder's input, {@code <unk>} stands for a
 * token training never saw), then the tokens by falling count, ties alphabetical, so that the
 * same pairs always give the same ids.
 */
public final class Symbols implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String END = "<end>";
    public static final String START = "<start>";
    public static final String UNKNOWN = "<unk>";
    public static final int END_ID = 0;
    public static final int START_ID = 1;
    public static final int UNKNOWN_ID = 2;

    private final List<String> tokens;
    private final long[] counts;
    private transient Map<String, Integer> ids;

    private Symbols(List<String> tokens, long[] counts) {
        this.tokens = List.copyOf(tokens);
        this.counts = counts.clone();
    }

    /** Numbers the tokens counted in the training pairs. */
    public static Symbols of(Map<String, Long> tokenCounts) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(tokenCounts.entrySet());
        sorted.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        List<String> tokens = new ArrayList<>(List.of(END, START, UNKNOWN));
        long[] counts = new long[sorted.size() + 3];
        for (Map.Entry<String, Long> e : sorted) {
            if (tokens.contains(e.getKey())) {
                throw new DataException("the token '" + e.getKey() + "' is reserved; pairs must not contain it");
            }
            counts[tokens.size()] = e.getValue();
            tokens.add(e.getKey());
        }
        return new Symbols(tokens, counts);
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

    /** The id of a token, {@link #UNKNOWN_ID} for one training never saw. */
    public int id(String token) {
        if (ids == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < tokens.size(); i++) {
                m.put(tokens.get(i), i);
            }
            ids = m;
        }
        return ids.getOrDefault(token, UNKNOWN_ID);
    }

    /** The ids of tokens. */
    public int[] encode(List<String> sequence) {
        int[] out = new int[sequence.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(sequence.get(i));
        }
        return out;
    }

    /** The tokens of ids. */
    public List<String> decode(int[] sequence) {
        List<String> out = new ArrayList<>(sequence.length);
        for (int id : sequence) {
            out.add(tokens.get(id));
        }
        return out;
    }

    /** How many of {@code sequence}'s tokens training never saw. */
    public int unknown(List<String> sequence) {
        int n = 0;
        for (String t : sequence) {
            if (id(t) == UNKNOWN_ID) {
                n++;
            }
        }
        return n;
    }

    ObjectNode toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode t = root.putArray("tokens");
        ArrayNode c = root.putArray("counts");
        for (int i = 0; i < tokens.size(); i++) {
            t.add(tokens.get(i));
            c.add(counts[i]);
        }
        return root;
    }

    /** Reads {@link #toJson()}; {@code source} names the file and key in the message when it is not one. */
    static Symbols fromJson(JsonNode root, String source) {
        JsonNode t = root.path("tokens");
        JsonNode c = root.path("counts");
        if (!t.isArray() || !c.isArray() || t.size() != c.size() || t.size() < 3
                || !END.equals(t.get(END_ID).asText()) || !START.equals(t.get(START_ID).asText())
                || !UNKNOWN.equals(t.get(UNKNOWN_ID).asText())) {
            throw new DataException(source + " is not a token list (expected \"tokens\" starting with " + END + ", "
                    + START + ", " + UNKNOWN + " and as many \"counts\")");
        }
        List<String> tokens = new ArrayList<>();
        long[] counts = new long[t.size()];
        for (int i = 0; i < t.size(); i++) {
            tokens.add(t.get(i).asText());
            counts[i] = c.get(i).asLong();
        }
        return new Symbols(tokens, counts);
    }
}
