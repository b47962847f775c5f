package io.sparkrnn.core.train;

/**
 * Training produced a loss or parameters that are not finite numbers. Nothing after that point
 * is worth keeping, so the job stops instead of averaging NaN into the model and saving it;
 * the checkpoints written before stay as they are.
 */
public final class TrainingDiverged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDiverged(String message) {
        super(message);
    }
}
