package io.sparkrnn.lm;

import java.io.Serializable;

/**
 * Cuts a token stream of {@code tokens} tokens into windows that together score every
 * next-token target exactly once. A window has {@code context + length} steps (inputs, and
 * next-token targets one further) and windows start {@code length} tokens apart; window 0
 * scores all its steps, every later window only its last {@code length}, so the tokens it
 * scores are predicted after at least {@code context} tokens of the text before them, as when
 * the model runs over the text (context 0: training windows, each scored whole). The remainder
 * does not get lost: the last window is moved back to end on the last token, and
 * {@link #scoredFrom} says which of its targets are new.
 */
public final class WindowPlan implements Serializable {
    private static final long serialVersionUID = 2L;

    private final long tokens;
    private final int length;
    private final int stride;
    private final int context;
    private final long windows;

    /**
     * @param tokens         tokens in the stream (at least 2)
     * @param sequenceLength the configured T; streams shorter than T + 1 get one shorter window
     */
    public WindowPlan(long tokens, int sequenceLength) {
        this(tokens, sequenceLength, 0);
    }

    /**
     * @param context steps of preceding text each window but the first reads before the
     *                steps it scores (0 for none)
     */
    public WindowPlan(long tokens, int sequenceLength, int context) {
        if (tokens < 2) {
            throw new IllegalArgumentException("a stream of " + tokens + " token(s) has no next-token target");
        }
        long targets = tokens - 1;
        this.tokens = tokens;
        this.length = (int) Math.min((long) sequenceLength + context, targets);
        this.stride = sequenceLength;
        this.context = length - Math.min(sequenceLength, length);
        this.windows = Math.max(1, (targets - this.context + stride - 1) / stride);
    }

    public long tokens() {
        return tokens;
    }

    /** Time steps per window (context and scored steps; fewer for a very short stream). */
    public int length() {
        return length;
    }

    public long windows() {
        return windows;
    }

    /** Global position of the first token of window {@code k}. */
    public long start(long k) {
        return k < windows - 1 ? k * stride : tokens - 1 - length;
    }

    /** First time step of window {@code k} whose target no earlier window has. */
    public int scoredFrom(long k) {
        if (k == 0) {
            return 0;
        }
        if (k < windows - 1) {
            return context;
        }
        long scoredBefore = (windows - 1) * stride + context;
        return (int) (scoredBefore - start(k));
    }

    /**
     * Calls {@code out} with each window that holds the token at {@code position}: those of
     * the regular stride that reach it, and the last window.
     */
    public void windowsOf(long position, WindowVisitor out) {
        long last = Math.min(position / stride, windows - 1);
        long first = Math.max(0, Math.floorDiv(position - length + stride - 1, stride));
        for (long w = first; w <= last; w++) {
            visit(w, position, out);
        }
        if (windows - 1 > last) {
            visit(windows - 1, position, out);
        }
    }

    private void visit(long w, long position, WindowVisitor out) {
        long s = start(w);
        if (position >= s && position <= s + length) {
            out.visit(w, (int) (position - s));
        }
    }

    /** Receives a window index and the token's offset in that window. */
    @FunctionalInterface
    public interface WindowVisitor {
        void visit(long window, int offset);
    }
}
