package io.sparkrnn.core.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Beam search over a {@link StepModel}, because the likeliest sequence is rarely the one that
 * picks the likeliest word at every step; width 1 with no length penalty is greedy decoding.
 *
 * <p>Each step expands every open hypothesis by every token. All candidates of a step have the
 * same length, so ranking them by log-probability ranks them by score too. The best
 * {@code width} candidates that do not end stay open; a candidate that ends is set aside as
 * finished if it ranks among the best {@code width} candidates of its step (so width 1 finishes
 * exactly where greedy decoding stops, and a width at least the number of possible sequences
 * searches them all). Finished hypotheses are ranked by score = logProb / length^lengthPenalty,
 * length counting the end token.
 *
 * <p>Stopping rule: the search ends once the k best finished hypotheses (k = 1 for
 * {@link #decode}) can no longer be overtaken. An open hypothesis with log-probability L, as
 * log-probabilities are at most 0, can only finish with some L' &le; L at a length m &le;
 * maxLength, so it scores at most L' / m^a &le; L / maxLength^a (for a &ge; 0, dividing a
 * non-positive number by the largest denominator gives the largest value). With a = 0 this is
 * L itself, the usual rule that a finished hypothesis at least as likely as every open one
 * wins; with a &gt; 0 a longer hypothesis may still overtake, and the bound waits for it. The
 * search stops when the k-th finished score is at least the best open bound, when nothing is
 * open, or after maxLength tokens, where the open hypotheses compete as they are, flagged as not
 * ended. Waiting for {@code width} finished hypotheses instead would return the same k best,
 * only later: whatever finishes after the stop scores no more than the bound. The bound relies
 * on the model's log-probabilities being at most 0.
 *
 * <p>Each decode calls {@code start(1)}, then {@code next} once per step: first with parents
 * {0} and the start token, then with one row per open hypothesis, best first, each naming the
 * row of the previous call it continues and the token it read. Per step it allocates a few
 * arrays of at most {@code width} entries; the rows-times-vocabulary candidates go through a
 * fixed heap ({@link Candidates}).
 */
public final class BeamSearch {
    private final int width;
    private final int maxLength;
    private final double lengthPenalty;
    private final int startToken;
    private final int endToken;

    /**
     * @param width         how many hypotheses stay open, and how high an ending one must rank in its step
     * @param maxLength     the most tokens a hypothesis holds, the end token included
     * @param lengthPenalty the exponent a &ge; 0 of the length that divides a finished log-probability
     * @param startToken    fed in the first step, never returned
     * @param endToken      ends a hypothesis, never returned
     */
    public BeamSearch(int width, int maxLength, double lengthPenalty, int startToken, int endToken) {
        if (width < 1 || maxLength < 1 || !(lengthPenalty >= 0) || Double.isInfinite(lengthPenalty)
                || startToken < 0 || endToken < 0) {
            throw new IllegalArgumentException("width " + width + " and maxLength " + maxLength
                    + " must be at least 1, lengthPenalty " + lengthPenalty + " finite and at least 0, tokens "
                    + startToken + " and " + endToken + " not negative");
        }
        this.width = width;
        this.maxLength = maxLength;
        this.lengthPenalty = lengthPenalty;
        this.startToken = startToken;
        this.endToken = endToken;
    }

    /** Greedy decoding: the likeliest token at every step. */
    public static BeamSearch greedy(int maxLength, int startToken, int endToken) {
        return new BeamSearch(1, maxLength, 0, startToken, endToken);
    }

    /** The best hypothesis. */
    public Hypothesis decode(StepModel model) {
        List<Hypothesis> best = decodeTop(model, 1);
        if (best.isEmpty()) {
            throw new IllegalStateException("the model gave every token a log-probability of -infinity");
        }
        return best.get(0);
    }

    /** The k best hypotheses, best first; fewer only when the model allows fewer sequences. */
    public List<Hypothesis> decodeTop(StepModel model, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        return new Search(model, k).run();
    }

    /** The ranking score of a hypothesis of {@code length} tokens, the end token included. */
    public double score(double logProb, int length) {
        return logProb / Math.pow(length, lengthPenalty);
    }

    /** One decode's working state, so that a BeamSearch can be shared. */
    private final class Search {
        private final StepModel model;
        private final int k;
        /** The kept hypotheses as a tree: row j after d tokens ends with tokens[d-1][j], after row parents[d-1][j]. */
        private final int[][] tokens = new int[maxLength][];
        private final int[][] parents = new int[maxLength][];
        private double[] logProbs = {0};
        /** The best {@code width} candidates of a step that do not end. */
        private final Candidates open = new Candidates(width);
        /** The k best finished hypotheses, best first, each as its row after a number of tokens. */
        private final double[] poolScore;
        private final double[] poolLogProb;
        private final int[] poolDepth;
        private final int[] poolRow;
        private final boolean[] poolEnded;
        private int poolSize;

        Search(StepModel model, int k) {
            this.model = model;
            this.k = k;
            poolScore = new double[k];
            poolLogProb = new double[k];
            poolDepth = new int[k];
            poolRow = new int[k];
            poolEnded = new boolean[k];
        }

        List<Hypothesis> run() {
            double boundDivisor = Math.pow(maxLength, lengthPenalty);
            int[] inParents = {0};
            int[] inTokens = {startToken};
            model.start(1);
            for (int step = 0; step < maxLength; step++) {
                float[][] out = model.next(inParents.clone(), inTokens.clone());
                int vocabulary = check(out, inParents.length);
                expand(out, vocabulary);
                finish(out, step);
                keepOpen(step);
                int kept = tokens[step].length;
                if (step == maxLength - 1) {
                    for (int j = 0; j < kept; j++) {
                        offer(score(logProbs[j], maxLength), logProbs[j], maxLength, j, false);
                    }
                    break;
                }
                if (kept == 0 || poolSize == k && poolScore[k - 1] >= logProbs[0] / boundDivisor) {
                    break;
                }
                inParents = parents[step];
                inTokens = tokens[step];
            }
            List<Hypothesis> out = new ArrayList<>(poolSize);
            for (int i = 0; i < poolSize; i++) {
                out.add(new Hypothesis(path(poolDepth[i], poolRow[i]), poolLogProb[i], poolScore[i], poolEnded[i]));
            }
            return out;
        }

        private int check(float[][] out, int rows) {
            if (out == null || out.length != rows || out[0] == null) {
                throw new IllegalStateException("the model returned " + (out == null ? "null" : out.length + " rows")
                        + " for " + rows + " hypotheses");
            }
            int vocabulary = out[0].length;
            for (float[] row : out) {
                if (row == null || row.length != vocabulary) {
                    throw new IllegalStateException("the model's rows differ in length: " + vocabulary + " and "
                            + (row == null ? "null" : row.length));
                }
            }
            if (endToken >= vocabulary) {
                throw new IllegalStateException("end token " + endToken + " outside the vocabulary of " + vocabulary);
            }
            return vocabulary;
        }

        /** Keeps the best candidates that do not end; impossible tokens (-infinity) are skipped. */
        private void expand(float[][] out, int vocabulary) {
            open.clear();
            for (int r = 0; r < out.length; r++) {
                float[] row = out[r];
                double base = logProbs[r];
                for (int t = 0; t < vocabulary; t++) {
                    float lp = row[t];
                    if (t == endToken || lp == Float.NEGATIVE_INFINITY) {
                        continue;
                    }
                    if (lp != lp) {
                        throw new IllegalStateException("the model returned NaN for token " + t + " in row " + r);
                    }
                    open.offer(base + lp, r, t);
                }
            }
        }

        /** Sets aside the rows' ending candidates that rank among the step's best {@code width} candidates. */
        private void finish(float[][] out, int step) {
            for (int r = 0; r < out.length; r++) {
                float lp = out[r][endToken];
                if (lp != lp) {
                    throw new IllegalStateException("the model returned NaN for the end token in row " + r);
                }
                if (lp == Float.NEGATIVE_INFINITY) {
                    continue;
                }
                double s = logProbs[r] + lp;
                int ahead = open.ahead(s, r, endToken);
                for (int o = 0; o < out.length && ahead < width; o++) {
                    ahead += o != r && Candidates.better(logProbs[o] + out[o][endToken], o, endToken, s, r, endToken)
                            ? 1 : 0;
                }
                if (ahead < width) {
                    offer(score(s, step + 1), s, step, r, true);
                }
            }
        }

        /** The kept candidates, best first, become the next step's rows. */
        private void keepOpen(int step) {
            open.sort();
            int n = open.size();
            tokens[step] = new int[n];
            parents[step] = new int[n];
            logProbs = new double[n];
            System.arraycopy(open.tokens, 0, tokens[step], 0, n);
            System.arraycopy(open.rows, 0, parents[step], 0, n);
            System.arraycopy(open.logProbs, 0, logProbs, 0, n);
        }

        /** Keeps a finished hypothesis if it is among the k best so far; an earlier one wins a tie. */
        private void offer(double score, double logProb, int depth, int row, boolean ended) {
            if (poolSize == k && !(score > poolScore[k - 1])) {
                return;
            }
            int i = poolSize == k ? k - 1 : poolSize++;
            for (; i > 0 && score > poolScore[i - 1]; i--) {
                poolScore[i] = poolScore[i - 1];
                poolLogProb[i] = poolLogProb[i - 1];
                poolDepth[i] = poolDepth[i - 1];
                poolRow[i] = poolRow[i - 1];
                poolEnded[i] = poolEnded[i - 1];
            }
            poolScore[i] = score;
            poolLogProb[i] = logProb;
            poolDepth[i] = depth;
            poolRow[i] = row;
            poolEnded[i] = ended;
        }

        private int[] path(int depth, int row) {
            int[] out = new int[depth];
            for (int d = depth - 1; d >= 0; d--) {
                out[d] = tokens[d][row];
                row = parents[d][row];
            }
            return out;
        }
    }
}
