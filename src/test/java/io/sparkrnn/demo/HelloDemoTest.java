package io.sparkrnn.demo;

import io.sparkrnn.nn.Cell;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demonstration's table: after h,e,l,l each cell answers e,l,l,o, the two l's differently. */
class HelloDemoTest {
    @ParameterizedTest
    @EnumSource(Cell.class)
    void theSameLetterGetsTwoAnswersFromTheState(Cell cell) {
        HelloDemo.Result r = HelloDemo.run(cell, 300, 12345);
        assertEquals("ello", r.predicted(), cell + " after h,e,l,l");
        double[] afterFirstL = r.probabilities()[2];
        double[] afterSecondL = r.probabilities()[3];
        assertTrue(afterFirstL[2] > 0.9 && afterSecondL[3] > 0.9, cell + ": P(l | h,e,l) = " + afterFirstL[2]
                + ", P(o | h,e,l,l) = " + afterSecondL[3]);
        for (double[] p : r.probabilities()) {
            assertEquals(1.0, p[0] + p[1] + p[2] + p[3], 1e-5, "a distribution over the four letters");
        }
    }
}
