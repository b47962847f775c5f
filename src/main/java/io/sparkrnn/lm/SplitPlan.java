package io.sparkrnn.lm;

import java.io.Serializable;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Where each Spark partition of the corpus lies in the whole text, and where the text is cut
 * into training and validation parts, counted in Unicode code points. Each partition can then
 * hand out its share of either part without seeing any other partition, so the corpus is never
 * gathered in one place and validation text never reaches training.
 *
 * <p>A corpus line is its text followed by one line break (Spark's reader removes line
 * terminators, so CRLF and LF files give the same tokens).
 */
public final class SplitPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] partitionStarts;
    private final long total;
    private final long splitAt;
    private final boolean lowercase;

    /**
     * @param partitionCodePoints code points of each partition, line breaks included
     * @param validationFraction  share of the corpus, from its end, held out for validation
     */
    public SplitPlan(long[] partitionCodePoints, double validationFraction, boolean lowercase) {
        this.partitionStarts = new long[partitionCodePoints.length];
        long sum = 0;
        for (int i = 0; i < partitionCodePoints.length; i++) {
            partitionStarts[i] = sum;
            sum += partitionCodePoints[i];
        }
        this.total = sum;
        this.splitAt = total - Math.round(total * validationFraction);
        this.lowercase = lowercase;
    }

    /** Code points in the whole corpus. */
    public long total() {
        return total;
    }

    /** Global code-point position of the first validation character. */
    public long splitAt() {
        return splitAt;
    }

    /** Code points in one side. */
    public long size(Side side) {
        return side == Side.TRAIN ? splitAt : total - splitAt;
    }

    /** The text of a line as the model sees it (lower-cased if configured), without its break. */
    public static String normalize(String line, boolean lowercase) {
        return lowercase ? line.toLowerCase(Locale.ROOT) : line;
    }

    /**
     * Calls {@code out} with the pieces of text of partition {@code partition} that belong to
     * {@code side}, in order. Pieces end at line breaks or at the split point.
     */
    public void forEachSegment(int partition, Iterator<String> lines, Side side, Consumer<String> out) {
        forEachSegment(partition, lines, (s, text) -> {
            if (s == side) {
                out.accept(text);
            }
        });
    }

    /** Calls {@code out} with every piece of text of a partition and the side it belongs to. */
    public void forEachSegment(int partition, Iterator<String> lines, BiConsumer<Side, String> out) {
        Cursor cursor = cursor(partition);
        while (lines.hasNext()) {
            cursor.next(lines.next(), out);
        }
    }

    /** Walks the lines of one partition, one at a time, keeping track of the position. */
    public Cursor cursor(int partition) {
        return new Cursor(partitionStarts[partition]);
    }

    /** Position-keeping reader of one partition's lines; see {@link #cursor}. */
    public final class Cursor {
        private long position;

        private Cursor(long start) {
            this.position = start;
        }

        /** Hands the next line's text (with its break) to {@code out}, cut at the split point. */
        public void next(String rawLine, BiConsumer<Side, String> out) {
            String line = normalize(rawLine, lowercase) + "\n";
            long length = line.codePointCount(0, line.length());
            long end = position + length;
            if (end <= splitAt) {
                out.accept(Side.TRAIN, line);
            } else if (position >= splitAt) {
                out.accept(Side.VALIDATION, line);
            } else {
                int cut = line.offsetByCodePoints(0, (int) (splitAt - position));
                out.accept(Side.TRAIN, line.substring(0, cut));
                out.accept(Side.VALIDATION, line.substring(cut));
            }
            position = end;
        }
    }
}
