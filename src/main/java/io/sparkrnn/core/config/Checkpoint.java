package io.sparkrnn.core.config;

import java.io.Serializable;

/**
 * How often the training state is saved within a fit so that a killed run can continue
 * ({@code core/config/checkpoint.conf}).
 *
 * @param everyRounds a checkpoint every this many averaging rounds besides the one after each
 *                    epoch (0 = only after epochs)
 * @param keep        checkpoints kept, the newest
 */
public record Checkpoint(int everyRounds, int keep) implements Serializable {
    /** No checkpoints within a fit: jobs that save each finished fit instead. */
    public static final Checkpoint NONE = new Checkpoint(-1, 1);

    public static Checkpoint read(ConfigReader r) {
        return new Checkpoint(r.intAtLeast("checkpoint.every-rounds", 0), r.intAtLeast("checkpoint.keep", 1));
    }

    /** Whether anything is written at all. */
    public boolean enabled() {
        return everyRounds >= 0;
    }
}
