package io.sparkrnn.lm;

import java.io.Serializable;

/**
 * The counting baselines a language model has to beat, scored on exactly the validation
 * targets the model is scored on: uniform guessing, a unigram model (add-one smoothing) and a
 * bigram model (Witten-Bell interpolation with the unigram), both counted on the training
 * targets. Losses are mean nats per token; accuracies are top-1.
 */
public record Baselines(double uniformNats, double unigramNats, double bigramNats,
                        double unigramAccuracy, double bigramAccuracy, long tokens) implements Serializable {
}
