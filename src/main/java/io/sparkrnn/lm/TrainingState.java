package io.sparkrnn.lm;

import io.sparkrnn.core.train.RoundStats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a training run stands, saved in every checkpoint: the epoch and the averaging rounds of
 * it already trained, the time spent, the history the report draws, and the layout of the
 * exported data the position refers to. The batch order of an epoch is a function of the seed
 * and the epoch ({@link RoundSchedule}), so (epoch, rounds done) is the exact position in the
 * data, provided the resumed run exports the same batch files: {@code trainPartitions},
 * {@code trainFiles} and {@code workers} let it check that.
 *
 * @param epoch        the epoch the last trained round belongs to (1-based; 1 before any)
 * @param roundsDone   rounds of {@code epoch} trained so far
 * @param roundsInEpoch rounds in a full epoch
 * @param rounds       every averaging round so far
 * @param epochs       the evaluation after every epoch so far (one per epoch number)
 */
public record TrainingState(int epoch, int roundsDone, int roundsInEpoch, double trainingSeconds,
                            double evaluationSeconds, double samplingSeconds, int workers, int trainPartitions,
                            long trainFiles, long trainWindows, long seed, List<RoundStats> rounds,
                            List<EpochMetrics> epochs) {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public TrainingState {
        rounds = List.copyOf(rounds);
        epochs = List.copyOf(epochs);
    }

    /** The state of a run before its first round. */
    public static TrainingState start(int roundsInEpoch, int workers, int trainPartitions, long trainFiles,
                                      long trainWindows, long seed) {
        return new TrainingState(1, 0, roundsInEpoch, 0, 0, 0, workers, trainPartitions, trainFiles, trainWindows,
                seed, List.of(), List.of());
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
    public TrainingState withRound(RoundStats round, double trainingSeconds) {
        List<RoundStats> r = new ArrayList<>(rounds);
        r.add(round);
        return withRounds(r).withPosition(round.epoch(), round.round(), trainingSeconds);
    }

    /** At a new position, the history unchanged (no copy). */
    public TrainingState withPosition(int atEpoch, int atRoundsDone, double atTrainingSeconds) {
        return new TrainingState(atEpoch, atRoundsDone, roundsInEpoch, atTrainingSeconds, evaluationSeconds,
                samplingSeconds, workers, trainPartitions, trainFiles, trainWindows, seed, rounds, epochs);
    }

    /** With this round history. */
    public TrainingState withRounds(List<RoundStats> history) {
        return new TrainingState(epoch, roundsDone, roundsInEpoch, trainingSeconds, evaluationSeconds,
                samplingSeconds, workers, trainPartitions, trainFiles, trainWindows, seed, history, epochs);
    }

    /** After an evaluation; it replaces an earlier one of the same epoch (a resumed partial epoch). */
    public TrainingState withEpoch(EpochMetrics metrics, double evalSeconds, double sampleSeconds) {
        List<EpochMetrics> e = new ArrayList<>(epochs);
        e.removeIf(m -> m.epoch() == metrics.epoch());
        e.add(metrics);
        return new TrainingState(epoch, roundsDone, roundsInEpoch, trainingSeconds, evaluationSeconds + evalSeconds,
                samplingSeconds + sampleSeconds, workers, trainPartitions, trainFiles, trainWindows, seed, rounds, e);
    }

    /** The rounds of one epoch. */
    public List<RoundStats> roundsOf(int epochNumber) {
        return rounds.stream().filter(r -> r.epoch() == epochNumber).toList();
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TrainingState fromJson(String json, String origin) {
        try {
            return MAPPER.readValue(json, TrainingState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + ": not a training state written by this job: "
                    + e.getOriginalMessage(), e);
        }
    }
}
