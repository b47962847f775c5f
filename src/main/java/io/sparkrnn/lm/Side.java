package io.sparkrnn.lm;

import java.util.Locale;

/** The two contiguous parts of a corpus: training text first, validation text last. */
public enum Side {
    TRAIN, VALIDATION;

    /** Lower-case name used in folder names and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
