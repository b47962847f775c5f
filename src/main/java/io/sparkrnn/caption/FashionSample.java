package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.job.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Makes the small Fashion-MNIST sample of data-samples/ that the scene tests read: the first
 * {@code N} items of each chosen class, in file order, of the training and of the test file,
 * written back in the original gzipped IDX format so that the tests read them through the same
 * code as the full files. File order, not a random draw, so that anyone can check the sample
 * against the original files.
 */
@Command(name = "fashion-sample", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Writes OUTPUT/fashion-mnist-sample-{train,test}-{images-idx3,labels-idx1}-ubyte.gz: the first "
            + "--train-per-class / --test-per-class items of each class of --classes from the Fashion-MNIST "
            + "training and test files, in file order."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the sample was written", "2:bad command line", "3:unusable input or output"})
public final class FashionSample implements Callable<Integer> {
    /** The file name prefix of the sample. */
    public static final String PREFIX = "fashion-mnist-sample-";

    @Option(names = "--images", required = true, description = "train-images-idx3-ubyte.gz")
    Path images;
    @Option(names = "--labels", required = true, description = "train-labels-idx1-ubyte.gz")
    Path labels;
    @Option(names = "--test-images", required = true, description = "t10k-images-idx3-ubyte.gz")
    Path testImages;
    @Option(names = "--test-labels", required = true, description = "t10k-labels-idx1-ubyte.gz")
    Path testLabels;
    @Option(names = "--output", required = true, description = "Folder to write the four files to.")
    Path output;
    @Option(names = "--train-per-class", description = "Training items per class (default: ${DEFAULT-VALUE}).")
    int trainPerClass = 60;
    @Option(names = "--test-per-class", description = "Test items per class (default: ${DEFAULT-VALUE}).")
    int testPerClass = 20;
    @Option(names = "--classes", split = ",", paramLabel = "CLASS", description = "Classes by name or label "
            + "(default: the scenes' seven).")
    List<String> classes;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FashionSample()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        try {
            List<Integer> used = classes == null ? FashionClasses.DEFAULT : FashionClasses.parse(classes);
            Files.createDirectories(output);
            String a = write(FashionItems.load(images, labels), used, trainPerClass, "train");
            String b = write(FashionItems.load(testImages, testLabels), used, testPerClass, "test");
            System.out.print(a + b);
            return 0;
        } catch (DataException e) {
            System.err.println("error: " + e.getMessage());
            return 3;
        }
    }

    /** The file positions of the first {@code perClass} items of each class, in file order. */
    public static List<Integer> firstOfEachClass(FashionItems items, List<Integer> classes, int perClass) {
        Map<Integer, List<Integer>> by = items.positionsByClass();
        List<Integer> chosen = new ArrayList<>();
        for (int c : classes) {
            List<Integer> positions = by.getOrDefault(c, List.of());
            if (positions.size() < perClass) {
                throw new DataException(String.format(Locale.ROOT, "%s: %d items of %s (label %d), %d asked for",
                        items.source(), positions.size(), FashionClasses.name(c), c, perClass));
            }
            chosen.addAll(positions.subList(0, perClass));
        }
        chosen.sort(null);
        return chosen;
    }

    /** Writes the sample of one file as {@code PREFIX + part + -images-idx3-ubyte.gz} and labels; returns a line. */
    String write(FashionItems items, List<Integer> classes, int perClass, String part) throws IOException {
        List<Integer> chosen = firstOfEachClass(items, classes, perClass);
        int size = SceneComposer.ITEM * SceneComposer.ITEM;
        byte[] pixels = new byte[chosen.size() * size];
        byte[] labels = new byte[chosen.size()];
        for (int i = 0; i < chosen.size(); i++) {
            System.arraycopy(items.pixels(chosen.get(i)), 0, pixels, i * size, size);
            labels[i] = (byte) items.label(chosen.get(i));
        }
        Path imageFile = output.resolve(PREFIX + part + "-images-idx3-ubyte.gz");
        Path labelFile = output.resolve(PREFIX + part + "-labels-idx1-ubyte.gz");
        IdxFile.writeImages(imageFile, new IdxFile.Images(imageFile.toString(), SceneComposer.ITEM, SceneComposer.ITEM,
                pixels));
        IdxFile.writeLabels(labelFile, labels);
        return String.format(Locale.ROOT, "%s: %d items (%d per class, the last at position %d of %s) -> %s, %s%n",
                part, chosen.size(), perClass, chosen.get(chosen.size() - 1), items.source(), imageFile, labelFile);
    }
}
