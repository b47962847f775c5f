package io.sparkrnn.caption;

import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.DataType;
import org.bytedeco.hdf5.FileAccPropList;
import org.bytedeco.hdf5.FileCreatPropList;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDONLY;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5F_LIBVER_V18;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;
import static org.bytedeco.hdf5.global.hdf5.H5T_STR_NULLPAD;

/**
 * Keras HDF5 files as Keras 2 writes them with {@code model.save('x.h5')}, and as DL4J's Keras
 * import reads them: the root attributes {@code model_config} (JSON), {@code keras_version} and
 * {@code backend}, and the group {@code model_weights} with one group per layer (attribute
 * {@code weight_names}, such as {@code Conv1/kernel:0}, each weight a float dataset at that path),
 * its attribute {@code layer_names} listing every layer. Strings are fixed-length and null-padded
 * as h5py writes them. The file format is HDF5 1.8's, whose dense attribute storage holds the
 * {@code model_config} of a real network (MobileNetV2's is 100 KB; the oldest format stops at 64 KB).
 *
 * <p>Reading: {@link #rootAttribute} reads the configuration JSON itself, sized by the attribute,
 * instead of through DL4J's reader, which copies the attribute into a buffer of a guessed size
 * (2 KB, growing only when the JSON it got does not parse; 5 bytes for {@code keras_version}).
 */
final class KerasHdf5 {
    static final String MODEL_CONFIG = "model_config";
    static final String MODEL_WEIGHTS = "model_weights";

    private KerasHdf5() {
    }

    /**
     * Writes a new file at {@code path} (replacing one that is there): the configuration JSON as
     * DL4J reads it ({@link KerasConfig#forImport}) and each layer's weights, every layer of the
     * configuration listed (those without weights with none). HDF5 is not thread-safe: calls hold
     * DL4J's lock.
     */
    static void write(String path, String modelConfigJson, String kerasVersion, String backend,
                      Map<String, List<TfjsModel.Weight>> weightsByLayer) {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            try (FileAccPropList access = new FileAccPropList()) {
                access.setLibverBounds(H5F_LIBVER_V18, H5F_LIBVER_V18);
                try (H5File file = new H5File(path, H5F_ACC_TRUNC, FileCreatPropList.DEFAULT(), access)) {
                    writeString(file, MODEL_CONFIG, modelConfigJson);
                    writeString(file, "keras_version", kerasVersion);
                    writeString(file, "backend", backend);
                    try (Group root = file.createGroup(MODEL_WEIGHTS)) {
                        writeStrings(root, "layer_names", new ArrayList<>(weightsByLayer.keySet()));
                        writeString(root, "keras_version", kerasVersion);
                        writeString(root, "backend", backend);
                        weightsByLayer.forEach((layer, weights) -> writeLayer(root, layer, weights));
                    }
                }
            }
        }
    }

    private static void writeLayer(Group root, String layer, List<TfjsModel.Weight> weights) {
        try (Group group = root.createGroup(layer)) {
            List<String> names = new ArrayList<>();
            for (TfjsModel.Weight w : weights) {
                names.add(w.name().endsWith(":0") ? w.name() : w.name() + ":0");
            }
            writeStrings(group, "weight_names", names);
            for (int i = 0; i < weights.size(); i++) {
                writeDataset(group, names.get(i), weights.get(i));
            }
        }
    }

    /** A float dataset at {@code path} under {@code group}, its parent groups created as needed. */
    private static void writeDataset(Group group, String path, TfjsModel.Weight w) {
        String[] parts = path.split("/");
        List<Group> opened = new ArrayList<>();
        try {
            Group parent = group;
            for (int i = 0; i < parts.length - 1; i++) {
                parent = parent.nameExists(parts[i]) ? parent.openGroup(parts[i]) : parent.createGroup(parts[i]);
                opened.add(parent);
            }
            try (DataSpace space = w.shape().length == 0 ? new DataSpace(H5S_SCALAR)
                         : new DataSpace(w.shape().length, w.shape());
                 DataSet data = parent.createDataSet(parts[parts.length - 1], PredType.IEEE_F32LE(), space);
                 FloatPointer values = new FloatPointer(w.values())) {
                data.write(values, PredType.NATIVE_FLOAT());
            }
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
        }
    }

    private static void writeString(H5Object owner, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        try (StrType type = new StrType(PredType.C_S1(), Math.max(1, bytes.length));
             DataSpace space = new DataSpace(H5S_SCALAR);
             BytePointer data = new BytePointer(bytes.length == 0 ? new byte[1] : bytes)) {
            type.setStrpad(H5T_STR_NULLPAD);
            try (Attribute a = owner.createAttribute(name, type, space)) {
                a.write(type, data);
            }
        }
    }

    /** A one-dimensional array of fixed-length strings, as numpy's 'S' type (zero elements allowed). */
    private static void writeStrings(H5Object owner, String name, List<String> values) {
        List<byte[]> encoded = values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
        int size = Math.max(1, encoded.stream().mapToInt(b -> b.length).max().orElse(1));
        byte[] all = new byte[Math.max(1, size * encoded.size())];
        for (int i = 0; i < encoded.size(); i++) {
            System.arraycopy(encoded.get(i), 0, all, i * size, encoded.get(i).length);
        }
        try (StrType type = new StrType(PredType.C_S1(), size);
             DataSpace space = new DataSpace(1, new long[] {encoded.size()});
             BytePointer data = new BytePointer(all)) {
            type.setStrpad(H5T_STR_NULLPAD);
            try (Attribute a = owner.createAttribute(name, type, space)) {
                a.write(type, data);
            }
        }
    }

    /**
     * A string attribute of the file's root ({@code model_config}, {@code keras_version},
     * {@code backend}), fixed-length as Keras writes it or variable-length, or null when the file
     * has none.
     */
    static String rootAttribute(String path, String name) {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            try (H5File file = new H5File(path, H5F_ACC_RDONLY())) {
                if (!file.attrExists(name)) {
                    return null;
                }
                try (Attribute a = file.openAttribute(name); DataType type = a.getDataType()) {
                    return type.isVariableStr() ? readVariable(a, type) : readFixed(a, type);
                }
            }
        }
    }

    private static String readFixed(Attribute a, DataType type) {
        int size = Math.toIntExact(a.getInMemDataSize());
        try (BytePointer buffer = new BytePointer(size + 1L)) {
            buffer.fill(0);
            a.read(type, buffer);
            byte[] bytes = new byte[size];
            buffer.get(bytes);
            int end = size;
            while (end > 0 && bytes[end - 1] == 0) {
                end--;
            }
            return new String(bytes, 0, end, StandardCharsets.UTF_8);
        }
    }

    private static String readVariable(Attribute a, DataType type) {
        try (PointerPointer<BytePointer> strings = new PointerPointer<>(1L)) {
            a.read(type, strings);
            return strings.getString(0, StandardCharsets.UTF_8);
        }
    }
}
