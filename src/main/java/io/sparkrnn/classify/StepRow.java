package io.sparkrnn.classify;

import java.io.Serializable;

/**
 * One input line of a labelled sequence as parsed: the sequence it belongs to, its class, its
 * place among the sequence's steps and the feature values; or, when it cannot be used, the
 * kind of problem and why, with the row's text so the rejected-rows output shows it as it was;
 * or a blank or header line ({@code kind} says which), counted and not a step.
 *
 * @param file     the input file the row came from
 * @param position the row's place in the input (increasing within a file)
 * @param order    the order column's value, or {@code position} when there is no order column
 * @param kind     null for a step, the rejection's kind, or "blank line" / "header line"
 */
public record StepRow(String file, long position, String id, String label, double order, float[] features,
                      String kind, String problem, String raw) implements Serializable {

    public boolean rejected() {
        return problem != null;
    }

    /** A step of a sequence. */
    public boolean step() {
        return kind == null;
    }
}
