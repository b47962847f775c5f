package io.sparkrnn.seq2seq;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TeacherForcingTest {
    @Test
    void theDecoderReadsTheTruePreviousTokenAndPredictsTheNextWithMasksForBothLengths() {
        // "hello" -> h,e,l,l,o read; "hi" shorter: padded and masked on both sides
        Symbols letters = Symbols.of(Map.of("h", 2L, "e", 1L, "l", 2L, "o", 1L, "i", 1L));
        Symbols phones = Symbols.of(Map.of("HH", 2L, "AH", 1L, "L", 1L, "OW", 1L, "AY", 1L));
        TeacherForcing.Example hello = new TeacherForcing.Example(letters.encode(List.of("h", "e", "l", "l", "o")),
                phones.encode(List.of("HH", "AH", "L", "OW")));
        TeacherForcing.Example hi = new TeacherForcing.Example(letters.encode(List.of("h", "i")),
                phones.encode(List.of("HH", "AY")));
        MultiDataSet b = TeacherForcing.batch(List.of(hello, hi), true);
        assertEquals(3, b.getFeatures().length, "source, reversed source, decoder input");
        INDArray source = b.getFeatures(0);
        INDArray backward = b.getFeatures(1);
        INDArray read = b.getFeatures(2);
        INDArray next = b.getLabels(0);
        assertArrayEquals(new long[]{2, 1, 5}, source.shape(), "sources padded to the longest");
        assertArrayEquals(new float[]{letters.id("h"), letters.id("i"), 0, 0, 0}, source.slice(1).toFloatVector());
        assertArrayEquals(new float[]{letters.id("i"), letters.id("h"), 0, 0, 0}, backward.slice(1).toFloatVector(),
                "reversed, padded after its end too");
        assertArrayEquals(new float[]{1, 1, 0, 0, 0}, b.getFeaturesMaskArray(0).getRow(1).toFloatVector());
        assertArrayEquals(new long[]{2, 1, 5}, read.shape(), "decoder steps: the longest target and its end");
        assertArrayEquals(new float[]{Symbols.START_ID, phones.id("HH"), phones.id("AH"), phones.id("L"),
                phones.id("OW")}, read.slice(0).toFloatVector(), "<start>, then the true previous tokens");
        assertArrayEquals(new float[]{phones.id("HH"), phones.id("AH"), phones.id("L"), phones.id("OW"),
                Symbols.END_ID}, next.slice(0).toFloatVector(), "the next tokens, <end> last");
        assertArrayEquals(new float[]{1, 1, 1, 0, 0}, b.getLabelsMaskArray(0).getRow(1).toFloatVector(),
                "HH AY <end>, then masked");
    }

    @Test
    void symbolsAreNumberedByCountAfterTheReservedOnesAndUnknownTokensAreCounted() {
        Symbols s = Symbols.of(Map.of("b", 3L, "a", 3L, "c", 5L));
        assertEquals(List.of("<end>", "<start>", "<unk>", "c", "a", "b"), s.decode(new int[]{0, 1, 2, 3, 4, 5}));
        assertEquals(Symbols.UNKNOWN_ID, s.id("z"));
        assertEquals(2, s.unknown(List.of("z", "a", "y")));
        Symbols back = Symbols.fromJson(s.toJson(), "test");
        assertEquals(5L, back.count(3), "counts kept");
        assertEquals(4, back.id("a"), "ids kept");
        assertThrows(io.sparkrnn.core.io.DataException.class, () -> Symbols.of(Map.of("<end>", 1L)));
    }
}
