package io.sparkrnn.lm;

import io.sparkrnn.core.report.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrnn.core.config.ConfigReader;
import io.sparkrnn.core.train.RoundStats;

/**
 * {@code metrics.json}: the numbers a pipeline or a person checks after a run. Losses are mean
 * cross-entropy in nats per token on the validation part; {@code bits_per_char} divides the
 * same total by validation characters; baselines are scored on the same targets.
 */
public final class MetricsJson {
    private MetricsJson() {
    }

    public static ObjectNode render(RunSummary run) {
        ObjectNode root = Json.object();
        root.put("level", ConfigReader.configName(run.config().data().level()));
        root.put("vocabulary_size", run.vocabularySize());
        EpochMetrics last = run.last();
        ObjectNode validation = root.putObject("validation");
        validation(validation, last);
        validation.put("tokens", last.validationTokens());
        baselines(root.putObject("baselines"), run.baselines());
        root.put("beats_bigram", run.beatsBigram());
        Json.put(root, "improvement_over_bigram_nats", run.baselines().bigramNats() - last.validationLoss());
        train(root.putObject("train"), run);
        epochs(root.putArray("epochs"), run);
        rounds(root.putArray("rounds"), run);
        if (!run.gradientFlow().isEmpty()) {
            gradientFlow(root.putObject("gradient_flow"), run);
        }
        return root;
    }

    private static void baselines(ObjectNode baselines, Baselines b) {
        Json.put(baselines, "uniform_nats", b.uniformNats());
        Json.put(baselines, "unigram_nats", b.unigramNats());
        Json.put(baselines, "bigram_nats", b.bigramNats());
        Json.put(baselines, "unigram_accuracy", b.unigramAccuracy());
        Json.put(baselines, "bigram_accuracy", b.bigramAccuracy());
        baselines.put("unigram_method", "add-one smoothed counts of training targets");
        baselines.put("bigram_method", "Witten-Bell interpolation with the unigram, training targets");
    }

    private static void train(ObjectNode train, RunSummary run) {
        Json.put(train, "chars_per_second", run.charactersPerSecond());
        Json.put(train, "tokens_per_second", run.tokensPerSecond());
        train.put("tokens", run.trainedTokens());
        Json.put(train, "seconds", run.trainingSeconds());
        train.put("rounds", run.rounds().size());
        train.put("epochs_completed", run.epochs().stream().filter(EpochMetrics::complete).count());
        train.put("stopped_by_time_limit", run.stoppedByTimeLimit());
        Json.put(train, "final_loss_nats", run.last().trainLoss());
        train.put("workers", run.workers());
    }

    private static void epochs(ArrayNode epochs, RunSummary run) {
        for (EpochMetrics m : run.epochs()) {
            ObjectNode e = epochs.addObject();
            e.put("epoch", m.epoch());
            e.put("complete", m.complete());
            e.put("rounds", m.rounds());
            Json.put(e, "train_loss_nats", m.trainLoss());
            validation(e.putObject("validation"), m);
            e.put("trained_tokens", m.trainedTokens());
            Json.put(e, "training_seconds", m.trainingSeconds());
            Json.put(e, "evaluation_seconds", m.evaluationSeconds());
            e.put("sample", m.sample());
        }
    }

    private static void rounds(ArrayNode rounds, RunSummary run) {
        for (RoundStats r : run.rounds()) {
            ObjectNode o = rounds.addObject();
            o.put("epoch", r.epoch());
            o.put("round", r.round());
            o.put("tokens", run.tokens(r));
            Json.put(o, "seconds", r.seconds());
            Json.put(o, "loss_nats", r.loss());
            Json.put(o, "elapsed_training_seconds", r.elapsedTrainingSeconds());
        }
    }

    private static void gradientFlow(ObjectNode flow, RunSummary run) {
        flow.put("measure", "mean L2 norm of dL_T/dx_k, the last step's loss backpropagated to the one-hot input "
                + "of the k-th step of validation windows, by distance T - k");
        ArrayNode distance = flow.putArray("distance");
        for (int d = 0; d < run.gradientFlow().get(0).norms().length; d++) {
            distance.add(d);
        }
        for (var p : run.gradientFlow()) {
            ArrayNode norms = flow.putArray(p.label().replace(' ', '_'));
            for (double v : p.norms()) {
                norms.add(v);
            }
        }
    }

    private static void validation(ObjectNode node, EpochMetrics m) {
        Json.put(node, "loss_nats", m.validationLoss());
        Json.put(node, "bits_per_char", m.bitsPerCharacter());
        Json.put(node, "perplexity", m.perplexity());
        Json.put(node, "accuracy", m.accuracy());
        if (m.unaveragedLoss() != null) {
            Json.put(node, "last_round_weights_loss_nats", m.unaveragedLoss());
        }
    }
}
