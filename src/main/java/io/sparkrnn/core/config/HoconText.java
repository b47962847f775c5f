package io.sparkrnn.core.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a configuration record as the HOCON a loader reads back to an equal record: each
 * component is a key (its name in kebab case, {@code hiddenSize} as {@code hidden-size}), a
 * nested record a section, an enumeration constant its configuration name, a list a list.
 * One writer for every job, so that a new section needs no code to be saved beside a model.
 */
public final class HoconText {
    private HoconText() {
    }

    public static String of(Record config) {
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) value(config);
        return ConfigLayers.render(root);
    }

    /** A component name as a key: {@code batchSizePerWorker} as {@code batch-size-per-worker}. */
    public static String key(String componentName) {
        return componentName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Object value(Object v) {
        if (v instanceof Record r) {
            Map<String, Object> section = new LinkedHashMap<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    section.put(key(c.getName()), value(c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c + " of " + r.getClass(), e);
                }
            }
            return section;
        }
        if (v instanceof Enum<?> e) {
            return ConfigReader.configName(e);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(value(x)));
            return out;
        }
        return v;
    }
}
