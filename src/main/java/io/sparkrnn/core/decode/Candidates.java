package io.sparkrnn.core.decode;

/**
 * The best candidates of one beam-search step, kept in a heap over three parallel arrays with
 * the worst at the root: a step looks at rows times vocabulary candidates (tens of thousands)
 * and keeps a handful, so it must not allocate per candidate. Ordered by log-probability, then
 * by the earlier row, then by the smaller token, so ties resolve the same way every run.
 */
final class Candidates {
    final double[] logProbs;
    final int[] rows;
    final int[] tokens;
    private int size;

    Candidates(int capacity) {
        logProbs = new double[capacity];
        rows = new int[capacity];
        tokens = new int[capacity];
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    /** Keeps the candidate if there is room or it beats the worst kept. */
    void offer(double logProb, int row, int token) {
        if (size < logProbs.length) {
            int i = size++;
            put(i, logProb, row, token);
            while (i > 0 && worse(i, (i - 1) / 2)) {
                swap(i, (i - 1) / 2);
                i = (i - 1) / 2;
            }
        } else if (better(logProb, row, token, logProbs[0], rows[0], tokens[0])) {
            put(0, logProb, row, token);
            siftDown();
        }
    }

    /** How many kept candidates rank ahead of the given one. */
    int ahead(double logProb, int row, int token) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            n += better(logProbs[i], rows[i], tokens[i], logProb, row, token) ? 1 : 0;
        }
        return n;
    }

    /** Orders the kept candidates best first (after which they are no longer a heap: clear before offering). */
    void sort() {
        for (int i = 1; i < size; i++) {
            for (int j = i; j > 0 && worse(j - 1, j); j--) {
                swap(j, j - 1);
            }
        }
    }

    /** Higher log-probability first; on a tie the earlier row, then the smaller token. */
    static boolean better(double s1, int r1, int t1, double s2, int r2, int t2) {
        return s1 > s2 || s1 == s2 && (r1 < r2 || r1 == r2 && t1 < t2);
    }

    private void siftDown() {
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                return;
            }
            if (c + 1 < size && worse(c + 1, c)) {
                c++;
            }
            if (!worse(c, i)) {
                return;
            }
            swap(i, c);
            i = c;
        }
    }

    private boolean worse(int i, int j) {
        return better(logProbs[j], rows[j], tokens[j], logProbs[i], rows[i], tokens[i]);
    }

    private void put(int i, double logProb, int row, int token) {
        logProbs[i] = logProb;
        rows[i] = row;
        tokens[i] = token;
    }

    private void swap(int i, int j) {
        double s = logProbs[i];
        int r = rows[i];
        int t = tokens[i];
        put(i, logProbs[j], rows[j], tokens[j]);
        put(j, s, r, t);
    }
}
