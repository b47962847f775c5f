package io.sparkrnn.lm;

import io.sparkrnn.core.io.Storage;
import io.sparkrnn.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A word-level model with an embedding input on the sample, Elman RNN cells and truncated
 * BPTT: the other branch of every choice the character test does not take.
 */
class WordLevelJobIT {
    @TempDir
    Path tmp;

    @Test
    void wordModelWithEmbeddingLearnsAndGeneratesWords() throws Exception {
        Path conf = tmp.resolve("words.conf");
        Files.writeString(conf, "data { input = \"data-samples/tinyshakespeare-head.txt\", level = word, "
                + "sequence-length = 40, max-vocab = 3000, min-count = 2, lowercase = true }\n"
                + "model { cell = rnn, layers = 2, hidden-size = 96, embedding-size = 48, dropout = 0.1, tbptt-length = 20 }\n"
                + "training { epochs = 2, batch-size-per-worker = 16, learning-rate = 0.005, gradient-clip-mode = norm }\n"
                + "eval { sample-length = 30 }\n"
                + "output.training-stats = false\n");
        Path out = tmp.resolve("run");
        LmConfig config = LmConfig.LOADER.load(conf, out.toString(), List.of());
        RunSummary run = LanguageModelJob.run(config, SharedSpark.context());

        assertTrue(run.vocabularySize() <= 3000, "vocabulary " + run.vocabularySize());
        assertTrue(run.corpus().unknownTrainTokens() > 0, "words seen once become <unk>");
        double loss = run.last().validationLoss();
        assertTrue(loss < run.baselines().unigramNats(), "validation loss " + loss
                + " nats/word should be below the unigram baseline " + run.baselines().unigramNats()
                + " (bigram " + run.baselines().bigramNats() + ")");
        assertTrue(run.corpus().trainTokens() < run.corpus().trainCharacters() / 3,
                "words are tokens: " + run.corpus().trainTokens() + " tokens for "
                        + run.corpus().trainCharacters() + " characters");
        assertFalse(Files.exists(out.resolve("training-stats.html")), "statistics were switched off");
        assertTrue(Files.exists(out.resolve("_SUCCESS")));

        ModelStore.Loaded loaded = ModelStore.load(Storage.local(), out.resolve("model.zip").toString());
        Vocabulary vocabulary = loaded.vocabulary();
        assertEquals(Vocabulary.UNKNOWN, vocabulary.token(0));
        assertFalse(TextGenerator.takesOneHot(loaded.net()), "the network starts with an embedding");
        String text = new TextGenerator(loaded.net(), vocabulary, false).generate("the king", 20, 0.8, new Random(3));
        assertTrue(text.split("\\s+").length >= 5, "twenty words: '" + text + "'");
    }
}
