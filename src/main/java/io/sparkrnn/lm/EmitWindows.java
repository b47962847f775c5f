package io.sparkrnn.lm;

import org.apache.spark.api.java.function.Function2;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Cuts one side of a partition into the windows of a {@link WindowPlan}, streaming: it reads
 * a line only when the windows already cut have been consumed, and holds just the few windows
 * open at the current position. Windows that start in an earlier partition or end in a later
 * one leave as pieces, to be joined with {@link Window#merge}.
 */
public final class EmitWindows implements Function2<Integer, Iterator<String>, Iterator<Window>> {
    private static final long serialVersionUID = 1L;

    private final SplitPlan split;
    private final Side side;
    private final long[] tokenStarts;
    private final WindowPlan windows;
    private final TokenEncoder encoder;

    /**
     * @param tokenStarts global position, within {@code side}, of each partition's first token
     */
    public EmitWindows(SplitPlan split, Side side, long[] tokenStarts, WindowPlan windows, TokenEncoder encoder) {
        this.split = split;
        this.side = side;
        this.tokenStarts = tokenStarts.clone();
        this.windows = windows;
        this.encoder = encoder;
    }

    @Override
    public Iterator<Window> call(Integer partition, Iterator<String> lines) {
        return new Cutter(split.cursor(partition), lines, tokenStarts[partition]);
    }

    private final class Cutter implements Iterator<Window> {
        private final SplitPlan.Cursor cursor;
        private final Iterator<String> lines;
        private final ArrayDeque<Window> ready = new ArrayDeque<>();
        private final Map<Long, Window> open = new LinkedHashMap<>();
        private final int size = windows.length() + 1;
        private long position;
        private boolean flushed;

        Cutter(SplitPlan.Cursor cursor, Iterator<String> lines, long start) {
            this.cursor = cursor;
            this.lines = lines;
            this.position = start;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && lines.hasNext()) {
                cursor.next(lines.next(), (s, text) -> {
                    if (s == side) {
                        encoder.encode(text, this::place);
                    }
                });
            }
            if (ready.isEmpty() && !flushed) {
                flushed = true;
                ready.addAll(open.values());
                open.clear();
            }
            return !ready.isEmpty();
        }

        private void place(int id) {
            long g = position++;
            windows.windowsOf(g, (w, offset) -> {
                Window window = open.computeIfAbsent(w, k -> new Window(k, size, windows.scoredFrom(k)));
                window.set(offset, id);
                if (window.complete()) {
                    ready.add(open.remove(w));
                }
            });
        }

        @Override
        public Window next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }
    }
}
