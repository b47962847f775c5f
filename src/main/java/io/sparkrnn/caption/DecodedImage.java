package io.sparkrnn.caption;

import java.io.Serializable;

/**
 * An image file after decoding on an executor: its key (the path relative to the images folder),
 * its pixels as the encoder reads them ({@link ImagePixels}), or the reason it cannot be read.
 */
public record DecodedImage(String key, String path, float[] pixels, String problem) implements Serializable {
    public boolean readable() {
        return pixels != null;
    }
}
