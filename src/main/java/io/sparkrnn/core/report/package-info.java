/**
 * What every report is written with: JSON output, build and runtime versions, HTML pieces, chart
 * styling, DL4J's statistics page made offline.
 * Uses no other package of the project.
 */
package io.sparkrnn.core.report;
