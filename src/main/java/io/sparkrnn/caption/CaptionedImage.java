package io.sparkrnn.caption;

import java.io.Serializable;
import java.util.List;

/**
 * An image with its pixels and every caption it has (the references of the evaluation), the
 * group that keeps it on one side of the split, and that side.
 */
public record CaptionedImage(String key, String group, String split, float[] pixels, List<String> captions)
        implements Serializable {
    public CaptionedImage {
        captions = List.copyOf(captions);
    }

    public CaptionedImage withSplit(String side) {
        return new CaptionedImage(key, group, side, pixels, captions);
    }
}
