package io.sparkrnn.core.train;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundScheduleTest {

    @ParameterizedTest(name = "{0} files, {1} workers x {2}")
    @CsvSource({"1,2,5", "10,2,5", "313,2,5", "97,3,4", "1000,8,1"})
    void eachEpochVisitsEveryFileOnceInRoundsOfWorkersTimesFrequency(long files, int workers, int frequency) {
        RoundSchedule s = new RoundSchedule(files, workers, frequency, 42, 3);
        Set<Long> seen = new HashSet<>();
        for (int r = 0; r < s.rounds(); r++) {
            List<Long> round = s.round(r);
            assertTrue(round.size() <= workers * frequency, "round " + r + " has " + round.size() + " files");
            if (r < s.rounds() - 1) {
                assertEquals(workers * frequency, round.size(), "only the last round may be short");
            }
            for (long f : round) {
                assertTrue(f >= 0 && f < files, "file index " + f);
                assertTrue(seen.add(f), "file " + f + " visited twice");
            }
        }
        assertEquals(files, seen.size(), "files visited in one epoch");
    }

    @ParameterizedTest
    @CsvSource({"313", "1000"})
    void orderDiffersBetweenEpochsAndRepeatsForTheSameSeed(long files) {
        assertNotEquals(order(files, 42, 1), order(files, 42, 2));
        assertEquals(order(files, 42, 1), order(files, 42, 1));
    }

    private static List<Long> order(long files, long seed, int epoch) {
        RoundSchedule s = new RoundSchedule(files, 2, 5, seed, epoch);
        List<Long> all = new ArrayList<>();
        for (int r = 0; r < s.rounds(); r++) {
            all.addAll(s.round(r));
        }
        return all;
    }
}
