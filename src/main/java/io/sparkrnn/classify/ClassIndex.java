package io.sparkrnn.classify;

import io.sparkrnn.core.table.Cells;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The classes of a run, numbered as the network's output units: the distinct labels of the
 * training sequences in natural order (numerically when every label is a number, so "10"
 * follows "9").
 */
public final class ClassIndex implements Serializable {
    private static final long serialVersionUID = 1L;
    /** A plain list: Kryo cannot rebuild Java's immutable lists. */
    private final ArrayList<String> labels;

    public ClassIndex(Collection<String> labels) {
        boolean numeric = labels.stream().allMatch(Cells::isNumber);
        Comparator<String> order = numeric
                ? Comparator.<String>comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder())
                : Comparator.naturalOrder();
        TreeSet<String> sorted = new TreeSet<>(order);
        sorted.addAll(labels);
        this.labels = new ArrayList<>(sorted);
    }

    public List<String> labels() {
        return Collections.unmodifiableList(labels);
    }

    public int size() {
        return labels.size();
    }

    /** The output unit of a label, or -1 when training had no sequence of that class. */
    public int index(String label) {
        return labels.indexOf(label);
    }

    public String label(int index) {
        return labels.get(index);
    }
}
