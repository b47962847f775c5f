package io.sparkrnn.core.train;

/** Receives training progress as it happens (the console reporter, the run's history). */
public interface TrainingProgress {
    void roundDone(RoundStats round);
}
