package io.sparkrnn.data;

import java.io.Serializable;

/**
 * Cuts a token stream of {@code tokens} tokens into training windows of {@code length + 1}
 * tokens (inputs 0..length-1, next-token targets 1..length), stepping by {@code length}, so
 * every target appears in exactly one window. The remainder does not get lost: the last
 * window is moved back to end on the last token, and {@link #scoredFrom} says which of its
 * targets are new, so evaluation counts every target once.
 */
public final class WindowPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long tokens;
    private final int length;
    private final long windows;

    /**
     * @param tokens         tokens in the stream (at least 2)
     * @param sequenceLength the configured T; streams shorter than T + 1 get one shorter window
     */
    public WindowPlan(long tokens, int sequenceLength) {
        if (tokens < 2) {
            throw new IllegalArgumentException("a stream of " + tokens + " token(s) has no next-token target");
        }
        this.tokens = tokens;
        this.length = (int) Math.min(sequenceLength, tokens - 1);
        long targets = tokens - 1;
        this.windows = (targets + length - 1) / length;
    }

    public long tokens() {
        return tokens;
    }

    /** Time steps per window (T, or fewer for a very short stream). */
    public int length() {
        return length;
    }

    public long windows() {
        return windows;
    }

    /** Global position of the first token of window {@code k}. */
    public long start(long k) {
        return k < windows - 1 ? k * length : tokens - 1 - length;
    }

    /** First time step of window {@code k} whose target no earlier window has. */
    public int scoredFrom(long k) {
        return k < windows - 1 ? 0 : (int) ((windows - 1) * length - start(k));
    }

    /**
     * Calls {@code out} with each window that holds the token at {@code position}
     * (at most three: the window it starts or continues, the one it ends, and the last).
     */
    public void windowsOf(long position, WindowVisitor out) {
        long k = Math.min(position / length, windows - 1);
        long first = Math.max(0, k - 1);
        for (long w = first; w <= k; w++) {
            visit(w, position, out);
        }
        if (windows - 1 > k) {
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
