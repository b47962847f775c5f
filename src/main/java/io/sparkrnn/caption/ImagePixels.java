package io.sparkrnn.caption;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Base64;

/**
 * How an image file becomes the encoder's input, the same in training, evaluation and the
 * caption tool: decoded with ImageIO (PNG, JPEG, GIF, BMP), drawn on white (so transparent
 * pixels are white) and resized with bilinear interpolation to the configured size, then scaled
 * to 0..1, channels first ({@code [channel][row][column]}); grey is the mean of red, green and
 * blue. Without Spark, so the rules are testable on their own.
 */
public record ImagePixels(int height, int width, int channels) implements Serializable {

    /** The pixels of an encoded image. */
    public float[] decode(byte[] encoded) throws UnreadableImage {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImage("cannot be decoded: " + e.getMessage());
        }
        if (image == null) {
            throw new UnreadableImage(encoded.length == 0 ? "is empty"
                    : "is not an image ImageIO can read (PNG, JPEG, GIF or BMP expected)");
        }
        if (image.getWidth() < 1 || image.getHeight() < 1) {
            throw new UnreadableImage("has no pixels");
        }
        return pixels(image);
    }

    /** The pixels of a decoded image, resized and scaled. */
    public float[] pixels(BufferedImage image) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, Color.WHITE, null);
        } finally {
            g.dispose();
        }
        float[] out = new float[channels * height * width];
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = canvas.getRGB(x, y);
                float r = ((rgb >> 16) & 0xFF) / 255f;
                float gr = ((rgb >> 8) & 0xFF) / 255f;
                float b = (rgb & 0xFF) / 255f;
                int at = y * width + x;
                if (channels == 1) {
                    out[at] = (r + gr + b) / 3f;
                } else {
                    out[at] = r;
                    out[plane + at] = gr;
                    out[2 * plane + at] = b;
                }
            }
        }
        return out;
    }

    /** The pixels as a PNG in a data URI, for the report's gallery. */
    public String dataUri(float[] pixels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = y * width + x;
                int r = level(pixels[at]);
                int g = channels == 1 ? r : level(pixels[plane + at]);
                int b = channels == 1 ? r : level(pixels[2 * plane + at]);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        var bytes = new java.io.ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static int level(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    /** An image file that cannot be used, with the reason (the file is named by the caller). */
    public static final class UnreadableImage extends Exception {
        private static final long serialVersionUID = 1L;

        public UnreadableImage(String reason) {
            super(reason);
        }
    }
}
