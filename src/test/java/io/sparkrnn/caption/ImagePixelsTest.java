package io.sparkrnn.caption;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagePixelsTest {
    private static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void transparentPixelsAreWhiteAndChannelsComeFirst() throws Exception {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xFFFF0000);
        float[] p = new ImagePixels(4, 4, 3).decode(png(image));
        assertEquals(48, p.length, "3 channels x 4 x 4");
        assertEquals(1f, p[0], 1e-6, "red of the red pixel");
        assertEquals(0f, p[16], 1e-6, "green of the red pixel");
        assertEquals(0f, p[32], 1e-6, "blue of the red pixel");
        for (int c = 0; c < 3; c++) {
            assertEquals(1f, p[c * 16 + 5], 1e-6, "channel " + c + " of a transparent pixel is white");
        }
    }

    @Test
    void greyIsTheMeanOfTheChannelsAndImagesAreResized() throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, 0x336699);
            }
        }
        float[] p = new ImagePixels(2, 2, 1).decode(png(image));
        assertEquals(4, p.length);
        double expected = (0x33 + 0x66 + 0x99) / 3.0 / 255;
        for (float v : p) {
            assertEquals(expected, v, 1e-3, "grey of a uniform colour after resizing 8x8 to 2x2");
        }
    }

    @Test
    void realSampleImagesDecode() throws Exception {
        Path dir = Path.of("data-samples/emoji-sample/images");
        try (var files = Files.list(dir)) {
            Path first = files.sorted().findFirst().orElseThrow();
            float[] p = new ImagePixels(32, 32, 3).decode(Files.readAllBytes(first));
            double mean = 0;
            for (float v : p) {
                assertTrue(v >= 0 && v <= 1, first + ": pixel value " + v + " outside 0..1");
                mean += v / p.length;
            }
            assertTrue(mean > 0.2 && mean < 0.99, first + ": mean pixel " + mean + " (an emoji on white)");
        }
    }

    @Test
    void whatIsNotAnImageIsRefusedWithTheReason() {
        ImagePixels pixels = new ImagePixels(4, 4, 3);
        var empty = assertThrows(ImagePixels.UnreadableImage.class, () -> pixels.decode(new byte[0]));
        assertEquals("is empty", empty.getMessage());
        var text = assertThrows(ImagePixels.UnreadableImage.class, () -> pixels.decode("a caption".getBytes()));
        assertTrue(text.getMessage().contains("not an image"), text.getMessage());
    }
}
