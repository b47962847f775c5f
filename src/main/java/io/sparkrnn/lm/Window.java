package io.sparkrnn.lm;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One training or validation sequence: {@code T + 1} token ids (inputs are the first T,
 * targets the last T). While a corpus is cut, a window that spans two Spark partitions exists
 * as two pieces, each knowing some positions ({@code -1} marks an unknown one), that
 * {@link #merge} joins. A plain class, not a record, so Spark's Kryo serializer can move it.
 */
public final class Window implements Serializable {
    private static final long serialVersionUID = 1L;

    private long index;
    private int[] tokens;
    private int known;
    private int scoredFrom;

    public Window(long index, int size, int scoredFrom) {
        this.index = index;
        this.tokens = new int[size];
        Arrays.fill(tokens, -1);
        this.scoredFrom = scoredFrom;
    }

    /** For serializers. */
    Window() {
    }

    public static Window of(long index, int[] tokens, int scoredFrom) {
        Window w = new Window(index, tokens.length, scoredFrom);
        System.arraycopy(tokens, 0, w.tokens, 0, tokens.length);
        w.known = tokens.length;
        return w;
    }

    public long index() {
        return index;
    }

    /** Time steps (the number of targets). */
    public int length() {
        return tokens.length - 1;
    }

    public int token(int position) {
        return tokens[position];
    }

    /** First time step whose target is counted in evaluation (earlier ones repeat a window). */
    public int scoredFrom() {
        return scoredFrom;
    }

    public boolean complete() {
        return known == tokens.length;
    }

    void set(int position, int token) {
        if (tokens[position] < 0) {
            known++;
        }
        tokens[position] = token;
    }

    /** The union of two pieces of the same window. */
    public static Window merge(Window a, Window b) {
        if (a.index != b.index || a.tokens.length != b.tokens.length) {
            throw new IllegalArgumentException("pieces of different windows: " + a.index + ", " + b.index);
        }
        Window m = new Window(a.index, a.tokens.length, a.scoredFrom);
        for (int i = 0; i < a.tokens.length; i++) {
            int t = a.tokens[i] >= 0 ? a.tokens[i] : b.tokens[i];
            if (t >= 0) {
                m.set(i, t);
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return "Window#" + index + Arrays.toString(tokens);
    }
}
