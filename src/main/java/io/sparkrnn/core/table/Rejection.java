package io.sparkrnn.core.table;

import java.io.Serializable;

/**
 * A row a job could not use: where it came from, the kind of problem (for counting), the
 * reason a user can act on, and the row as it was. Written to the run's {@code rejected}
 * folder; never dropped without one.
 */
public record Rejection(String file, String kind, String reason, String row) implements Serializable {
    /** The kind of a line whose cells do not match the header. */
    public static final String MALFORMED = "malformed row";
    /** The kind of a cell that should hold a number and does not. */
    public static final String BAD_NUMBER = "unparseable number";

    /** The rejection of a malformed line. */
    public static Rejection of(TableRow malformed) {
        return new Rejection(malformed.file(), MALFORMED, malformed.reason(), malformed.raw());
    }
}
