package io.sparkrnn.core.train;

import io.sparkrnn.core.config.Checkpoint;
import io.sparkrnn.core.config.Training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The epochs of a fit, from wherever its state says it stands: averaging rounds on Spark, the
 * task's evaluation after every epoch, and a checkpoint every {@code checkpoint.every-rounds}
 * rounds and after every evaluation, until the configured epochs are done or the time limit is
 * reached. A fresh fit and a resumed one go through the same code; only the starting state
 * differs. Every job trains through this loop.
 */
public final class TrainingLoop {
    /** The checkpoint entry holding the {@link TrainingState}. */
    public static final String STATE = "state.json";
    /** The checkpoint entry holding the network being trained. */
    public static final String MODEL = ModelBytes.MODEL_FILE;
    /** The checkpoint entry holding the {@link WeightAverage}, when the fit keeps one. */
    public static final String AVERAGE = "weight-average.bin";
    /** The checkpoint entry holding the run's configuration. */
    public static final String CONFIG = "config.conf";

    /** The task's evaluation after an epoch (complete, or cut short by the time limit). */
    @FunctionalInterface
    public interface EpochEnd {
        void epochDone(int epoch, TrainingState state) throws IOException;
    }

    /** The task's own entries of a checkpoint (its evaluation history, its vocabulary, ...). */
    @FunctionalInterface
    public interface TaskEntries {
        Map<String, byte[]> entries() throws IOException;
    }

    /** What a checkpoint holds to continue a fit: the state, the network's bytes, the weight average's. */
    public record Saved(TrainingState state, byte[] model, byte[] average) {
    }

    private final Fit fit;
    private final BatchFiles train;
    private final Training training;
    private final Checkpoint checkpoint;
    private final CheckpointStore store;
    private final String configText;
    private final TrainingProgress progress;
    private final EpochEnd epochEnd;
    private final TaskEntries taskEntries;
    /** Position, time and evaluation; its round history is brought up to date from {@link #rounds} when needed. */
    private TrainingState state;
    /** Every round so far, appended to in place: copying it into the state each round would cost O(rounds^2). */
    private final List<RoundStats> rounds = new ArrayList<>();
    private double checkpointSeconds;

    /**
     * @param store where checkpoints go (unused when {@code checkpoint} is {@link Checkpoint#NONE})
     */
    public TrainingLoop(Fit fit, BatchFiles train, Training training, Checkpoint checkpoint, CheckpointStore store,
                        String configText, TrainingProgress progress, EpochEnd epochEnd, TaskEntries taskEntries) {
        this.fit = fit;
        this.train = train;
        this.training = training;
        this.checkpoint = checkpoint;
        this.store = store;
        this.configText = configText;
        this.progress = progress;
        this.epochEnd = epochEnd;
        this.taskEntries = taskEntries;
    }

    /** The state to resume from in a checkpoint written by this loop. */
    public static Saved saved(CheckpointStore.Checkpoint c) throws IOException {
        TrainingState s = TrainingState.fromJson(new String(c.entry(STATE), StandardCharsets.UTF_8), c.uri());
        return new Saved(s, c.entry(MODEL), c.entries().get(AVERAGE));
    }

    /** Seconds spent writing checkpoints. */
    public double checkpointSeconds() {
        return checkpointSeconds;
    }

    /** Trains from {@code start} until the epochs are done or the time limit is reached; returns the final state. */
    public TrainingState run(TrainingState start) throws IOException {
        state = start;
        rounds.clear();
        rounds.addAll(start.rounds());
        fit.resumeAt(start.trainingSeconds());
        double limit = training.timeLimitMinutes() * 60;
        int firstEpoch = start.nextEpoch();
        boolean stopped = false;
        for (int epoch = firstEpoch; epoch <= training.epochs() && !stopped; epoch++) {
            int firstRound = epoch == firstEpoch ? start.nextRound() : 0;
            List<RoundStats> done = fit.epoch(train, epoch, firstRound, limit, this::roundDone);
            int epochNumber = epoch;
            int epochRounds = (int) rounds.stream().filter(r -> r.epoch() == epochNumber).count();
            stopped = epochRounds < start.roundsInEpoch();
            if (epochRounds == 0 || (done.isEmpty() && state.isEvaluated(epoch))) {
                break;
            }
            epochEnd.epochDone(epoch, current());
            state = state.evaluated();
            checkpoint();
        }
        return current();
    }

    private void roundDone(RoundStats r) {
        rounds.add(r);
        state = state.withPosition(r.epoch(), r.round(), fit.trainingSeconds());
        progress.roundDone(r);
        int every = checkpoint.everyRounds();
        if (every > 0 && r.round() % every == 0 && r.round() < r.roundsInEpoch()) {
            checkpoint();
        }
    }

    /** The state with the round history up to date. */
    private TrainingState current() {
        state = state.withRounds(rounds);
        return state;
    }

    private void checkpoint() {
        if (!checkpoint.enabled()) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            TrainingState s = current();
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put(STATE, s.toJson().getBytes(StandardCharsets.UTF_8));
            entries.put(MODEL, ModelBytes.toBytes(fit.network()));
            if (fit.average() != null) {
                entries.put(AVERAGE, fit.average().toBytes());
            }
            entries.put(CONFIG, configText.getBytes(StandardCharsets.UTF_8));
            entries.putAll(taskEntries.entries());
            store.save(s.epoch(), s.roundsDone(), entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint: " + e.getMessage(), e);
        }
        checkpointSeconds += (System.nanoTime() - t0) / 1e9;
    }
}
