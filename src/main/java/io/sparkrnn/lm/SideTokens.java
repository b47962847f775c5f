package io.sparkrnn.lm;

import org.apache.spark.api.java.function.Function2;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The tokens (as text) of one side of each partition, read lazily line by line. */
public record SideTokens(SplitPlan split, Side side, Tokenizer tokenizer)
        implements Function2<Integer, Iterator<String>, Iterator<String>> {
    @Override
    public Iterator<String> call(Integer partition, Iterator<String> lines) {
        SplitPlan.Cursor cursor = split.cursor(partition);
        ArrayDeque<String> ready = new ArrayDeque<>();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && lines.hasNext()) {
                    cursor.next(lines.next(), (s, text) -> {
                        if (s == side) {
                            tokenizer.tokenize(text, ready::add);
                        }
                    });
                }
                return !ready.isEmpty();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }
}
