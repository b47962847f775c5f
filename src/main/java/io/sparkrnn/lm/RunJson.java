package io.sparkrnn.lm;

import io.sparkrnn.core.report.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * The language model's own section of {@code run.json} (under {@code task}; the skeleton writes
 * the provenance every job shares): the corpus as it was read and split, and the training
 * throughput, so that a surprising loss can be traced to its data and two runs told apart.
 */
public final class RunJson {
    private RunJson() {
    }

    /** The language model's section of run.json: throughput and the corpus as read. */
    public static ObjectNode details(RunSummary run) {
        ObjectNode root = Json.object();
        root.put("vocabulary_size", run.vocabularySize());
        ObjectNode throughput = root.putObject("throughput");
        Json.put(throughput, "chars_per_second", run.charactersPerSecond());
        Json.put(throughput, "tokens_per_second", run.tokensPerSecond());

        CorpusStats c = run.corpus();
        ObjectNode corpus = root.putObject("corpus");
        corpus.put("partitions", c.partitions());
        corpus.put("lines", c.lines());
        corpus.put("characters", c.characters());
        corpus.put("invalid_utf8_replacement_characters", c.replacementCharacters());
        corpus.put("train_characters", c.trainCharacters());
        corpus.put("validation_characters", c.validationCharacters());
        corpus.put("train_tokens", c.trainTokens());
        corpus.put("validation_tokens", c.validationTokens());
        corpus.put("unknown_train_tokens", c.unknownTrainTokens());
        corpus.put("sequence_length", c.sequenceLength());
        corpus.put("train_windows", c.trainWindows());
        corpus.put("validation_windows", c.validationWindows());
        corpus.put("train_batch_files", c.trainBatchFiles());
        corpus.put("validation_batch_files", c.validationBatchFiles());
        return root;
    }
}
