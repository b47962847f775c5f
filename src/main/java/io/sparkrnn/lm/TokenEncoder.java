package io.sparkrnn.lm;

import java.io.Serializable;
import java.util.function.IntConsumer;

/** Turns text into vocabulary ids: a {@link Tokenizer} and a {@link Vocabulary} together. */
public record TokenEncoder(Tokenizer tokenizer, Vocabulary vocabulary) implements Serializable {
    /**
     * Calls {@code out} with the id of each token of {@code text}.
     *
     * @throws IllegalArgumentException for a token the vocabulary does not know and cannot
     *                                  map to {@link Vocabulary#UNKNOWN}
     */
    public void encode(CharSequence text, IntConsumer out) {
        tokenizer.tokenize(text, token -> {
            int id = vocabulary.id(token);
            if (id < 0) {
                throw new IllegalArgumentException("the token '" + token + "' (U+"
                        + Integer.toHexString(token.codePointAt(0)).toUpperCase(java.util.Locale.ROOT)
                        + ") is not in the vocabulary of " + vocabulary.size() + " tokens");
            }
            out.accept(id);
        });
    }
}
