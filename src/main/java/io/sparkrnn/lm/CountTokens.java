package io.sparkrnn.lm;

import org.apache.spark.api.java.function.Function2;

import java.util.Iterator;
import java.util.List;

/**
 * Counts the tokens each partition contributes to the training and validation parts, which
 * gives every token its global position without moving any text: {@code [partition, train,
 * validation]} per partition.
 */
public record CountTokens(SplitPlan plan, Tokenizer tokenizer)
        implements Function2<Integer, Iterator<String>, Iterator<long[]>> {
    @Override
    public Iterator<long[]> call(Integer partition, Iterator<String> lines) {
        long[] counts = {partition, 0, 0};
        plan.forEachSegment(partition, lines, (side, text) -> {
            int slot = side == Side.TRAIN ? 1 : 2;
            tokenizer.tokenize(text, t -> counts[slot]++);
        });
        return List.of(counts).iterator();
    }
}
