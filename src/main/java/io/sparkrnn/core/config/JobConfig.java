package io.sparkrnn.core.config;

/**
 * What the job skeleton needs of every job's configuration record; the rest of the record is
 * the job's own. Implemented by records whose components are the sections of the job's
 * defaults file (their names in kebab case are the keys), so that one writer turns any of
 * them back into HOCON ({@link HoconText}).
 */
public interface JobConfig {
    Training training();

    OutputSettings output();

    /** Within-fit checkpoints; {@link Checkpoint#NONE} for jobs that save finished fits only. */
    default Checkpoint checkpoint() {
        return Checkpoint.NONE;
    }
}
