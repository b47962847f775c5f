package io.sparkrnn.core.io;

/**
 * Input that cannot be used as given (a missing path, an empty corpus, a corpus too short for
 * the configured sequences). The message names the input and what was expected; it is shown
 * to the user as it is, without a stack trace.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }
}
