package io.sparkrnn.core.job;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a task's pipeline returns to the skeleton, which writes it: the task's metrics
 * ({@code metrics.json}), its own section of the provenance record (under {@code task} in
 * {@code run.json}), its report sections, and the line the log ends with.
 */
public interface TaskResult {
    ObjectNode metrics();

    ObjectNode details();

    ReportPage report();

    /** What the run achieved, in one line: "validation 1.82 nats/token, bigram baseline 2.51". */
    String outcome();
}
