package io.sparkrnn.lm;

/**
 * The state of a run after an epoch (or after the last, partial epoch when a time limit
 * stopped training): mean training loss of its rounds and the model's validation scores.
 *
 * @param tokensPerCharacter validation tokens per validation character, to express the loss
 *                           per character whatever the token level (1 for characters)
 * @param unaveragedLoss     with a weight average (training.average-rounds), the validation loss
 *                           of the last round's parameters beside the average's
 *                           {@code validationLoss}; null without one
 */
public record EpochMetrics(int epoch, int rounds, int roundsInEpoch, double trainLoss,
                           double validationLoss, double accuracy, long validationTokens,
                           double tokensPerCharacter, long trainedTokens, double trainingSeconds,
                           double evaluationSeconds, String sample, Double unaveragedLoss) {

    /** Without a weight average. */
    public EpochMetrics(int epoch, int rounds, int roundsInEpoch, double trainLoss, double validationLoss,
                        double accuracy, long validationTokens, double tokensPerCharacter, long trainedTokens,
                        double trainingSeconds, double evaluationSeconds, String sample) {
        this(epoch, rounds, roundsInEpoch, trainLoss, validationLoss, accuracy, validationTokens, tokensPerCharacter,
                trainedTokens, trainingSeconds, evaluationSeconds, sample, null);
    }

    public double bitsPerCharacter() {
        return validationLoss * tokensPerCharacter / Math.log(2);
    }

    public double perplexity() {
        return Math.exp(validationLoss);
    }

    /** Whether the epoch ran all its rounds. */
    public boolean complete() {
        return rounds == roundsInEpoch;
    }
}
