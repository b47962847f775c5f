package io.sparkrnn.core.job;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a task's result puts into the files every job writes: its metrics ({@code metrics.json}),
 * its own section of the provenance record ({@code task} in {@code run.json}), its report
 * sections, and the line the log ends with ("validation 1.82 nats/token, bigram baseline 2.51").
 */
public record Outputs(ObjectNode metrics, ObjectNode details, ReportPage report, String outcome) {
}
