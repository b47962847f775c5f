package io.sparkrnn.caption;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Puts two 28x28 Fashion-MNIST items into one 56x56 grayscale scene, white items on black as the
 * dataset stores them (0 = background). Left of: A at rows 14-41, columns 0-27, B at columns
 * 28-55 of the same rows. Above: A at rows 0-27, columns 14-41, B at rows 28-55 of the same
 * columns. Both items are centred on the other axis so that the position along it carries no
 * information; only the relation the caption names tells the halves apart.
 */
public final class SceneComposer {
    /** The side of an item. */
    public static final int ITEM = 28;
    /** The side of a scene. */
    public static final int SCENE = 2 * ITEM;

    private SceneComposer() {
    }

    /** The scene's pixels, row by row: {@code SCENE * SCENE} bytes. */
    public static byte[] compose(byte[] a, byte[] b, SceneCombination.Relation relation) {
        if (a.length != ITEM * ITEM || b.length != ITEM * ITEM) {
            throw new IllegalArgumentException("items of " + ITEM + "x" + ITEM + " pixels expected, got " + a.length
                    + " and " + b.length + " bytes");
        }
        byte[] scene = new byte[SCENE * SCENE];
        int[] cornerA = corner(relation, true);
        int[] cornerB = corner(relation, false);
        paste(scene, a, cornerA[0], cornerA[1]);
        paste(scene, b, cornerB[0], cornerB[1]);
        return scene;
    }

    /** The top-left corner (row, column) of item A or B in a scene of the relation. */
    public static int[] corner(SceneCombination.Relation relation, boolean itemA) {
        int centre = ITEM / 2;
        int offset = itemA ? 0 : ITEM;
        return relation == SceneCombination.Relation.LEFT_OF ? new int[]{centre, offset} : new int[]{offset, centre};
    }

    /** The scene as an 8-bit grayscale PNG; the same pixels give the same bytes. */
    public static byte[] png(byte[] scene) {
        BufferedImage image = new BufferedImage(SCENE, SCENE, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, SCENE, SCENE, scene);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("this Java has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void paste(byte[] scene, byte[] item, int top, int left) {
        for (int r = 0; r < ITEM; r++) {
            System.arraycopy(item, r * ITEM, scene, (top + r) * SCENE + left, ITEM);
        }
    }
}
