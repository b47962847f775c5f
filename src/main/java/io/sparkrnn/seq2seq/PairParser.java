package io.sparkrnn.seq2seq;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one input line into a {@link Pair}, or says why it cannot: the two layouts users bring,
 * a dictionary in CMUdict's own format ({@code word(2) P H OW N Z}, comments after {@code ;;;})
 * and a table of {@code source <TAB> target}. Serializable and free of Spark, so the same
 * parser runs on the executors and in the unit tests. A line is never dropped without a
 * {@link Parsed} that says what it was.
 */
public final class PairParser implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern CMU_HEADWORD = Pattern.compile("(.+?)(?:\\((\\d+)\\))?");

    /** The input layouts. */
    public enum Format { CMUDICT, TSV }

    /** How a side of a pair is cut into tokens. */
    public enum Tokens { CHARACTERS, SPACES }

    private final Format format;
    private final Tokens sourceTokens;
    private final Tokens targetTokens;
    private final boolean lowercase;

    public PairParser(Format format, Tokens sourceTokens, Tokens targetTokens, boolean lowercase) {
        this.format = format;
        this.sourceTokens = sourceTokens;
        this.targetTokens = targetTokens;
        this.lowercase = lowercase;
    }

    /** What a line held: a pair, nothing (blank or comment), or a problem a user can act on. */
    public record Parsed(Pair pair, boolean comment, String problem) implements Serializable {
        static Parsed of(Pair pair) {
            return new Parsed(pair, false, null);
        }

        static Parsed nothing() {
            return new Parsed(null, true, null);
        }

        static Parsed bad(String problem) {
            return new Parsed(null, false, problem);
        }

        /** Whether the line was blank or a comment. */
        public boolean skipped() {
            return comment;
        }
    }

    /** Parses a line; lineNumber (from 1) ranks a TSV key's targets in input order. */
    public Parsed parse(String line, long lineNumber) {
        String text = line.strip();
        if (text.isEmpty()) {
            return Parsed.nothing();
        }
        return format == Format.CMUDICT ? cmudict(text) : tsv(line, lineNumber);
    }

    private Parsed cmudict(String text) {
        if (text.startsWith(";;;")) {
            return Parsed.nothing();
        }
        int comment = text.indexOf(" #");
        String entry = comment >= 0 ? text.substring(0, comment).strip() : text;
        String[] fields = entry.split("\\s+");
        if (fields.length < 2) {
            return Parsed.bad("expected a word and its phonemes separated by spaces (\"word(2) P H OW N Z\"), got no "
                    + "phonemes");
        }
        Matcher m = CMU_HEADWORD.matcher(fields[0]);
        if (!m.matches()) {
            return Parsed.bad("expected a word, optionally followed by a variant number in parentheses, got '"
                    + fields[0] + "'");
        }
        String word = lowercase ? m.group(1).toLowerCase(Locale.ROOT) : m.group(1);
        long variant = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
        List<String> phonemes = List.of(fields).subList(1, fields.length);
        return Parsed.of(new Pair(word, tokens(word, sourceTokens), phonemes, variant));
    }

    private Parsed tsv(String line, long lineNumber) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
            return Parsed.bad("expected a source and a target separated by a tab, found no tab");
        }
        if (line.indexOf('\t', tab + 1) >= 0) {
            return Parsed.bad("expected one tab between source and target, found more");
        }
        String source = line.substring(0, tab).strip();
        String target = line.substring(tab + 1).strip();
        if (lowercase) {
            source = source.toLowerCase(Locale.ROOT);
            target = target.toLowerCase(Locale.ROOT);
        }
        List<String> s = tokens(source, sourceTokens);
        List<String> t = tokens(target, targetTokens);
        if (s.isEmpty() || t.isEmpty()) {
            return Parsed.bad("expected tokens on both sides of the tab, the " + (s.isEmpty() ? "source" : "target")
                    + " is empty");
        }
        return Parsed.of(new Pair(source, s, t, lineNumber));
    }

    static List<String> tokens(String text, Tokens how) {
        List<String> out = new ArrayList<>();
        if (how == Tokens.SPACES) {
            for (String t : text.strip().split("\\s+")) {
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        } else {
            text.strip().codePoints().filter(c -> !Character.isWhitespace(c))
                    .forEach(c -> out.add(new String(Character.toChars(c))));
        }
        return out;
    }
}
