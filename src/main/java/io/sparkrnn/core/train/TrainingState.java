package io.sparkrnn.core.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sparkrnn.core.report.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a fit stands, saved in every checkpoint: the epoch and the averaging rounds of it
 * already trained, the time spent, every round so far, the last epoch evaluated, and the
 * layout of the exported data the position refers to. The batch order of an epoch is a function
 * of the seed and the epoch ({@link RoundSchedule}), so (epoch, rounds done) is the exact
 * position in the data, provided the resumed run exports the same batch files:
 * {@code exportPartitions}, {@code files} and {@code workers} let it check that.
 *
 * @param epoch           the epoch the last trained round belongs to (1-based; 1 before any)
 * @param roundsDone      rounds of {@code epoch} trained so far
 * @param evaluatedEpoch  the epoch whose end was last evaluated (0 = none)
 * @param evaluatedRounds rounds of it trained when it was
 */
public record TrainingState(int epoch, int roundsDone, int roundsInEpoch, double trainingSeconds, int workers,
                            int exportPartitions, long files, long examples, long seed, int evaluatedEpoch,
                            int evaluatedRounds, List<RoundStats> rounds) {

    public TrainingState {
        rounds = List.copyOf(rounds);
    }

    /** The state of a fit before its first round, over these exported files. */
    public static TrainingState start(int roundsInEpoch, int workers, BatchFiles files, long seed) {
        return new TrainingState(1, 0, roundsInEpoch, 0, workers, files.exportPartitions(), files.files(),
                files.examples(), seed, 0, 0, List.of());
    }

    /** The epoch training continues with: this one unless all its rounds are done. */
    public int nextEpoch() {
        return roundsDone < roundsInEpoch ? epoch : epoch + 1;
    }

    /** The round (0-based) of {@link #nextEpoch()} training continues with. */
    public int nextRound() {
        return roundsDone < roundsInEpoch ? roundsDone : 0;
    }

    /** After one more round (copies the history: the training loop keeps its own list instead). */
    public TrainingState withRound(RoundStats round) {
        List<RoundStats> r = new ArrayList<>(rounds);
        r.add(round);
        return withRounds(r).withPosition(round.epoch(), round.round(), round.elapsedTrainingSeconds());
    }

    /** At a new position, the history unchanged (no copy). */
    public TrainingState withPosition(int atEpoch, int atRoundsDone, double atTrainingSeconds) {
        return new TrainingState(atEpoch, atRoundsDone, roundsInEpoch, atTrainingSeconds, workers, exportPartitions,
                files, examples, seed, evaluatedEpoch, evaluatedRounds, rounds);
    }

    /** With this round history. */
    public TrainingState withRounds(List<RoundStats> history) {
        return new TrainingState(epoch, roundsDone, roundsInEpoch, trainingSeconds, workers, exportPartitions, files,
                examples, seed, evaluatedEpoch, evaluatedRounds, history);
    }

    /** After the end of the current epoch was evaluated. */
    public TrainingState evaluated() {
        return new TrainingState(epoch, roundsDone, roundsInEpoch, trainingSeconds, workers, exportPartitions, files,
                examples, seed, epoch, roundsDone, rounds);
    }

    /** Whether {@code e} was evaluated with every round of it trained so far. */
    public boolean isEvaluated(int e) {
        return evaluatedEpoch == e && (e != epoch || evaluatedRounds == roundsDone);
    }

    /** The rounds of one epoch. */
    public List<RoundStats> roundsOf(int epochNumber) {
        return rounds.stream().filter(r -> r.epoch() == epochNumber).toList();
    }

    public String toJson() {
        try {
            return Json.STATE.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TrainingState fromJson(String json, String origin) {
        try {
            return Json.STATE.readValue(json, TrainingState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + ": not a training state written by this job: "
                    + e.getOriginalMessage(), e);
        }
    }
}
