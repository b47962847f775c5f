package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Fashion-MNIST image file with its label file, checked to belong together (as many labels as
 * images, every label 0-9, items of 28x28), and the items' positions by class. The tools draw
 * items by class and position, so the position in the file is what identifies an item in the
 * tests and in {@link FashionSample}'s subsets.
 */
public final class FashionItems {
    private final IdxFile.Images images;
    private final byte[] labels;
    private final int from;
    private final int to;

    private FashionItems(IdxFile.Images images, byte[] labels, int from, int to) {
        this.images = images;
        this.labels = labels;
        this.from = from;
        this.to = to;
    }

    /** Reads and checks an image file and its label file. */
    public static FashionItems load(Path imagesFile, Path labelsFile) {
        IdxFile.Images images = IdxFile.readImages(imagesFile);
        byte[] labels = IdxFile.readLabels(labelsFile);
        if (images.rows() != SceneComposer.ITEM || images.columns() != SceneComposer.ITEM) {
            throw new DataException(imagesFile + ": items of " + images.rows() + "x" + images.columns() + " pixels; "
                    + "Fashion-MNIST's are 28x28");
        }
        if (labels.length != images.count()) {
            throw new DataException(String.format(Locale.ROOT, "%s holds %,d labels but %s %,d images: not the labels "
                    + "of those images", labelsFile, labels.length, imagesFile, images.count()));
        }
        for (int i = 0; i < labels.length; i++) {
            if (Byte.toUnsignedInt(labels[i]) >= FashionClasses.NAMES.size()) {
                throw new DataException(labelsFile + ": label " + Byte.toUnsignedInt(labels[i]) + " at position " + i
                        + "; Fashion-MNIST labels are 0-9");
            }
        }
        return new FashionItems(images, labels, 0, labels.length);
    }

    /** The items at positions {@code [from, to)} only (positions keep their meaning in the file). */
    public FashionItems range(int from, int to) {
        if (from < this.from || to > this.to || from >= to) {
            throw new IllegalArgumentException("range " + from + ".." + to + " outside " + this.from + ".." + this.to);
        }
        return new FashionItems(images, labels, from, to);
    }

    /** Where the items come from. */
    public String source() {
        return images.source();
    }

    /** The label of the item at a file position. */
    public int label(int position) {
        return Byte.toUnsignedInt(labels[position]);
    }

    /** The 28x28 pixels of the item at a file position. */
    public byte[] pixels(int position) {
        return images.item(position);
    }

    /** The file positions of every item of each class in range, in file order. */
    public Map<Integer, List<Integer>> positionsByClass() {
        Map<Integer, List<Integer>> by = new TreeMap<>();
        for (int i = from; i < to; i++) {
            by.computeIfAbsent(label(i), k -> new ArrayList<>()).add(i);
        }
        return by;
    }

    /** The number of items in range. */
    public int size() {
        return to - from;
    }
}
