package io.sparkrnn.core.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Copies of configuration records with one component changed, behind typed "wither" methods
 * ({@code training.withEpochs(3)}), so that code building a configuration names what it sets
 * instead of passing a dozen positional arguments.
 */
public final class Records {
    private Records() {
    }

    /**
     * A copy of {@code record} with component {@code name} set to {@code value}, built through
     * the canonical constructor (so the record's own checks run).
     *
     * @throws IllegalArgumentException when the record has no such component
     */
    public static <R extends Record> R with(R record, String name, Object value) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        int changed = -1;
        try {
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getAccessor().invoke(record);
                if (components[i].getName().equals(name)) {
                    values[i] = value;
                    changed = i;
                }
            }
            if (changed < 0) {
                throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no component '" + name
                        + "'; it has " + Arrays.stream(components).map(RecordComponent::getName).toList());
            }
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            @SuppressWarnings("unchecked")
            R copy = (R) canonical.newInstance(values);
            return copy;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + record.getClass() + " with " + name + " = " + value, e);
        }
    }
}
