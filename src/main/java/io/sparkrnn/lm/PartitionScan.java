package io.sparkrnn.lm;

import org.apache.spark.api.java.function.Function2;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What one pass over a partition of corpus lines learns: its length in code points (which
 * places it in the corpus), its line count, how many U+FFFD replacement characters Hadoop's
 * UTF-8 decoder produced for invalid bytes, and (for a character vocabulary) how often each
 * character occurs. Small enough to collect one per partition.
 */
public final class PartitionScan implements Serializable {
    private static final long serialVersionUID = 1L;
    /** What an invalid UTF-8 byte sequence decodes to. */
    public static final int REPLACEMENT = 0xFFFD;

    public int partition;
    public long lines;
    public long codePoints;
    public long replacements;
    public HashMap<Integer, Long> characterCounts = new HashMap<>();

    /** The Spark function that scans each partition of a lines RDD. */
    public record Scan(boolean countCharacters, boolean lowercase)
            implements Function2<Integer, Iterator<String>, Iterator<PartitionScan>> {
        @Override
        public Iterator<PartitionScan> call(Integer partition, Iterator<String> lines) {
            PartitionScan s = new PartitionScan();
            s.partition = partition;
            Map<Integer, Long> counts = s.characterCounts;
            while (lines.hasNext()) {
                String line = SplitPlan.normalize(lines.next(), lowercase);
                s.lines++;
                s.codePoints += line.codePointCount(0, line.length()) + 1;
                for (int i = 0; i < line.length(); ) {
                    int cp = line.codePointAt(i);
                    if (cp == REPLACEMENT) {
                        s.replacements++;
                    }
                    if (countCharacters) {
                        counts.merge(cp, 1L, Long::sum);
                    }
                    i += Character.charCount(cp);
                }
                if (countCharacters) {
                    counts.merge((int) '\n', 1L, Long::sum);
                }
            }
            return List.of(s).iterator();
        }
    }
}
