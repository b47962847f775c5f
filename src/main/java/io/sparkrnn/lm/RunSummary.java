package io.sparkrnn.lm;

import io.sparkrnn.core.train.RoundStats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a finished language-model run reports: what ran (configuration, versions,
 * Spark), on what (corpus), how it went (rounds, epochs, phase timings) and where it ended
 * (final validation against the baselines). The source of metrics.json, run.json and the
 * HTML report.
 *
 * @param resumedFrom the checkpoint this process continued from ("" for a run in one go)
 * @param gradientFlow the vanishing-gradient profiles: every cell at initialisation and this
 *                     model trained (empty for embedding inputs and for a resumed run's start)
 */
public record RunSummary(LmConfig config, String configText, int vocabularySize, CorpusStats corpus,
                         Baselines baselines, List<EpochMetrics> epochs, List<RoundStats> rounds,
                         Map<String, Double> phases, Instant started, Instant finished,
                         Map<String, String> versions, Map<String, String> spark, int workers,
                         boolean stoppedByTimeLimit, String resumedFrom,
                         List<io.sparkrnn.lm.GradientFlow.Profile> gradientFlow) {

    public RunSummary {
        epochs = List.copyOf(epochs);
        rounds = List.copyOf(rounds);
        phases = Map.copyOf(phases);
        versions = Map.copyOf(versions);
        spark = Map.copyOf(spark);
        gradientFlow = List.copyOf(gradientFlow);
    }

    public EpochMetrics last() {
        return epochs.get(epochs.size() - 1);
    }

    public double wallSeconds() {
        return Duration.between(started, finished).toMillis() / 1000.0;
    }

    public double trainingSeconds() {
        return rounds.isEmpty() ? 0 : rounds.get(rounds.size() - 1).elapsedTrainingSeconds();
    }

    public long trainedTokens() {
        return rounds.stream().mapToLong(RoundStats::tokens).sum();
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
}
