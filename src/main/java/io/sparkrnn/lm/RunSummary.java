package io.sparkrnn.lm;

import io.sparkrnn.core.train.RoundStats;

import java.util.List;
import java.util.Locale;

/**
 * Everything a finished language-model run reports of its own: what it trained on (corpus,
 * vocabulary), how training went (rounds, epochs) and where it ended (final validation against
 * the baselines, the vanishing-gradient profiles). The skeleton writes it as metrics.json, the
 * {@code task} section of run.json and the sections of report.html.
 *
 * @param resumedFrom  the checkpoint this process continued from ("" for a run in one go)
 * @param gradientFlow the vanishing-gradient profiles: every cell at initialisation and this
 *                     model trained (empty for embedding inputs and for a resumed run's start)
 */
public record RunSummary(LmConfig config, int vocabularySize, CorpusStats corpus, Baselines baselines,
                         List<EpochMetrics> epochs, List<RoundStats> rounds, int workers, boolean stoppedByTimeLimit,
                         String resumedFrom, List<GradientFlow.Profile> gradientFlow) {

    public RunSummary {
        epochs = List.copyOf(epochs);
        rounds = List.copyOf(rounds);
        gradientFlow = List.copyOf(gradientFlow);
    }

    public EpochMetrics last() {
        return epochs.get(epochs.size() - 1);
    }

    public double trainingSeconds() {
        return rounds.isEmpty() ? 0 : rounds.get(rounds.size() - 1).elapsedTrainingSeconds();
    }

    /** Tokens of a round: its sequences times the training sequence length. */
    public long tokens(RoundStats r) {
        return r.examples() * corpus.sequenceLength();
    }

    public long trainedTokens() {
        return rounds.stream().mapToLong(this::tokens).sum();
    }

    public double tokensPerSecond() {
        return trainedTokens() / Math.max(trainingSeconds(), 1e-9);
    }

    /** Training characters per token (1 at character level). */
    public double charactersPerTrainToken() {
        return (double) corpus.trainCharacters() / corpus.trainTokens();
    }

    public double charactersPerSecond() {
        return tokensPerSecond() * charactersPerTrainToken();
    }

    public boolean beatsBigram() {
        return last().validationLoss() < baselines.bigramNats();
    }

    /** What the run achieved, in one line. */
    public String outcome() {
        return String.format(Locale.ROOT, "validation %.4f nats/token, bigram baseline %.4f", last().validationLoss(),
                baselines.bigramNats());
    }
}
