package io.sparkrnn.seq2seq;

import io.sparkrnn.core.table.Rejection;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Row;

/**
 * The Spark side of {@link PairParser}: input rows are {@code (line, file, position)}, as the
 * text source gives them with the file name and a position that grows through each file, and
 * every row comes out as a pair, a skipped line (blank or comment) or a {@link Rejection} that
 * names the file and the line's text, so that a refused line is counted and written, never lost.
 */
public final class ParsePairLines implements Function<Row, ParsePairLines.Line> {
    private static final long serialVersionUID = 1L;
    /** The rejection kind of a line that is not a pair. */
    public static final String NOT_A_PAIR = "not a pair";

    private final PairParser parser;

    public ParsePairLines(PairParser parser) {
        this.parser = parser;
    }

    /** One input line's outcome: exactly one of pair and rejection is set, or neither when skipped. */
    public record Line(Pair pair, Rejection rejection) implements java.io.Serializable {
        /** Whether the line held nothing to use or refuse (blank or a comment). */
        public boolean skipped() {
            return pair == null && rejection == null;
        }
    }

    @Override
    public Line call(Row row) {
        String text = row.getString(0);
        String file = row.getString(1);
        long position = row.getLong(2);
        PairParser.Parsed parsed = parser.parse(text, position + 1);
        if (parsed.pair() != null) {
            return new Line(parsed.pair(), null);
        }
        if (parsed.skipped()) {
            return new Line(null, null);
        }
        return new Line(null, new Rejection(file, NOT_A_PAIR, parsed.problem(), text));
    }
}
