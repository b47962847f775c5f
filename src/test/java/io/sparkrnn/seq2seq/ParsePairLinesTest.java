package io.sparkrnn.seq2seq;

import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows of (line, file, position) become pairs, skipped lines or rejections naming the file. */
class ParsePairLinesTest {
    private final ParsePairLines parse = new ParsePairLines(new PairParser(PairParser.Format.TSV,
            PairParser.Tokens.CHARACTERS, PairParser.Tokens.SPACES, true));

    @Test
    void everyLineHasAnOutcome() {
        ParsePairLines.Line good = parse.call(RowFactory.create("Cat\tK AE T", "hdfs:///d/pairs.tsv", 41L));
        assertEquals(List.of("c", "a", "t"), good.pair().source(), "lower-cased spelling");
        assertEquals(42, good.pair().order(), "position 41 is the 42nd line");
        assertNull(good.rejection(), "no rejection for a pair");
        assertTrue(parse.call(RowFactory.create("", "hdfs:///d/pairs.tsv", 42L)).skipped(), "blank line");
        ParsePairLines.Line bad = parse.call(RowFactory.create("cat K AE T", "hdfs:///d/pairs.tsv", 43L));
        assertNull(bad.pair(), "no pair from a line without a tab");
        assertEquals("hdfs:///d/pairs.tsv", bad.rejection().file(), "the file is named");
        assertEquals("cat K AE T", bad.rejection().row(), "the line is kept as it was");
        assertEquals(ParsePairLines.NOT_A_PAIR, bad.rejection().kind(), "kind");
        assertTrue(bad.rejection().reason().contains("no tab"), bad.rejection().reason());
    }
}
