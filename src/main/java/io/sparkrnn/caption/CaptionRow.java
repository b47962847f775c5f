package io.sparkrnn.caption;

import io.sparkrnn.core.table.Rejection;
import io.sparkrnn.core.table.TableRow;

import java.io.Serializable;

/**
 * One row of the captions table as the job uses it: the image it names (a path relative to
 * {@code data.images}, or a full URI), the caption, its group and its side of a fixed split; or
 * the reason it cannot be used (kept as a {@link Rejection}, never dropped); or a blank or header
 * line, counted only.
 */
public record CaptionRow(String image, String caption, String group, String split, Rejection rejection,
                         boolean skipped) implements Serializable {
    /** The sides of a split, as a split column names them. */
    public static final java.util.List<String> SPLITS = java.util.List.of("train", "validation", "test");
    public static final String EMPTY_CELL = "empty cell";
    public static final String BAD_SPLIT = "unknown split";

    static CaptionRow reject(Rejection r) {
        return new CaptionRow(null, null, null, null, r, false);
    }

    /** The image path of a caption as the images are keyed: "./" and leading slashes of relative names removed. */
    static String imageKey(String cell) {
        String key = cell.trim();
        if (key.contains("://")) {
            return key;
        }
        while (key.startsWith("./")) {
            key = key.substring(2);
        }
        return key;
    }

    /**
     * Reads a table row whose cells are image, caption, then the group and split columns where
     * configured ({@code groupAt}, {@code splitAt}: their positions, -1 when not configured).
     */
    static CaptionRow of(TableRow row, int groupAt, int splitAt) {
        switch (row.kind()) {
            case BLANK, HEADER:
                return new CaptionRow(null, null, null, null, null, true);
            case MALFORMED:
                return reject(Rejection.of(row));
            default:
                break;
        }
        String image = row.cell(0);
        String caption = row.cell(1);
        if (image == null || image.isBlank()) {
            return reject(new Rejection(row.file(), EMPTY_CELL, "no image named", row.raw()));
        }
        if (caption == null || CaptionVocabulary.words(caption, false).isEmpty()) {
            return reject(new Rejection(row.file(), EMPTY_CELL, "no caption", row.raw()));
        }
        String key = imageKey(image);
        String group = groupAt < 0 ? key : row.cell(groupAt);
        if (group == null || group.isBlank()) {
            return reject(new Rejection(row.file(), EMPTY_CELL, "no group (data.group-column)", row.raw()));
        }
        String split = splitAt < 0 ? "" : row.cell(splitAt) == null ? "" : row.cell(splitAt).trim();
        if (splitAt >= 0 && !SPLITS.contains(split)) {
            return reject(new Rejection(row.file(), BAD_SPLIT, "the split column holds '" + split + "'; expected "
                    + "train, validation or test", row.raw()));
        }
        return new CaptionRow(key, caption.trim(), group.trim(), split, null, false);
    }

    public boolean usable() {
        return rejection == null && !skipped;
    }
}
