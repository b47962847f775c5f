package io.sparkrnn.caption;

import io.sparkrnn.core.io.DataException;
import io.sparkrnn.core.job.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Entry point of {@code jobs/fetch-caption-data.sh scenes}: a captioning data set whose test
 * measures composition. Each scene shows two real Fashion-MNIST items side by side or one above
 * the other with the caption that says so; the test scenes show only combinations no training
 * scene shows ({@link HeldOutCombinations}), made of items from Fashion-MNIST's test images, so
 * neither a caption nor an item image of the test was seen in training.
 */
@Command(name = "compose-scenes", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Composes 56x56 scenes of two Fashion-MNIST items ('an ankle boot left of a bag', 'a dress "
            + "above a sandal') and writes OUTPUT/images/scene-NNNNNN.png, OUTPUT/captions.csv (image,caption,group,"
            + "split; group = the combination) and OUTPUT/held-out.txt. Test scenes use only held-out combinations "
            + "and only test items. The same arguments give the same files byte for byte."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the data set was written", "2:bad command line", "3:unusable input or output"})
public final class ComposeScenes extends DataTool {
    @Option(names = "--images", required = true, description = "Training images: train-images-idx3-ubyte.gz.")
    Path images;
    @Option(names = "--labels", required = true, description = "Their labels: train-labels-idx1-ubyte.gz.")
    Path labels;
    @Option(names = "--test-images", description = "Test images: t10k-images-idx3-ubyte.gz. Without them the "
            + "last seventh of the training file's items are the test items (none is used for training).")
    Path testImages;
    @Option(names = "--test-labels", description = "Their labels: t10k-labels-idx1-ubyte.gz.")
    Path testLabels;
    @Option(names = "--output", required = true, description = "Folder to write.")
    Path output;
    @Option(names = "--train", description = "Training scenes (default: ${DEFAULT-VALUE}).")
    int train = 8000;
    @Option(names = "--test", description = "Test scenes (default: ${DEFAULT-VALUE}).")
    int test = 1000;
    @Option(names = "--seed", description = "Seed of the held-out combinations and the draws (default: "
            + "${DEFAULT-VALUE}).")
    long seed = 2017;
    @Option(names = "--classes", split = ",", paramLabel = "CLASS", description = "Classes by name or label "
            + "(default: t-shirt,trouser,dress,sandal,sneaker,bag,ankle boot).")
    List<String> classes;
    @Option(names = "--held-out", description = "Held-out combinations (default: 15% of all, at least 10).")
    Integer heldOut;
    @Option(names = "--overwrite", description = "Replace the images and tables of an earlier run in --output.")
    boolean overwrite;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ComposeScenes()).execute(args));
    }

    /** Writes the data set; returns the summary printed. */
    @Override
    String run() throws IOException {
        if (train < 0 || test < 0) {
            throw new DataException("--train and --test are counts of scenes, 0 or more; got " + train + " and "
                    + test);
        }
        if ((testImages == null) != (testLabels == null)) {
            throw new DataException("--test-images and --test-labels go together; got only "
                    + (testImages == null ? "--test-labels" : "--test-images"));
        }
        List<Integer> labelsUsed = classes == null ? FashionClasses.DEFAULT : FashionClasses.parse(classes);
        FashionItems trainItems = FashionItems.load(images, labels);
        FashionItems testItems;
        if (testImages != null) {
            testItems = FashionItems.load(testImages, testLabels);
        } else {
            int cut = trainItems.size() - trainItems.size() / 7;
            testItems = trainItems.range(cut, trainItems.size());
            trainItems = trainItems.range(0, cut);
        }
        List<SceneCombination> all = SceneCombination.all(labelsUsed);
        int count = heldOut == null ? HeldOutCombinations.defaultCount(all.size()) : heldOut;
        Set<SceneCombination> held = HeldOutCombinations.choose(labelsUsed, count, seed);
        List<ScenePlan.Scene> scenes = ScenePlan.plan(trainItems, testItems, labelsUsed, held, train, test, seed);

        CaptionDatasetWriter out = CaptionDatasetWriter.create(output, overwrite);
        List<CaptionDatasetWriter.Row> rows = new ArrayList<>(scenes.size());
        for (ScenePlan.Scene s : scenes) {
            FashionItems from = s.test() ? testItems : trainItems;
            byte[] scene = SceneComposer.compose(from.pixels(s.itemA()), from.pixels(s.itemB()),
                    s.combination().relation());
            Files.write(out.images().resolve(s.fileName()), SceneComposer.png(scene));
            rows.add(new CaptionDatasetWriter.Row(s.fileName(), s.combination().caption(), s.combination().group(),
                    s.test() ? "test" : "train"));
        }
        Path table = out.writeCaptions(rows);
        List<String> heldLines = held.stream().map(SceneCombination::group).toList();
        Files.write(out.file("held-out.txt"), heldLines, StandardCharsets.UTF_8);
        return summary(labelsUsed, all.size(), held.size(), scenes, table, trainItems, testItems);
    }

    private String summary(List<Integer> used, int combinations, int held, List<ScenePlan.Scene> scenes, Path table,
                           FashionItems trainItems, FashionItems testItems) {
        long testScenes = scenes.stream().filter(ScenePlan.Scene::test).count();
        long trainGroups = scenes.stream().filter(s -> !s.test()).map(ScenePlan.Scene::combination).distinct().count();
        long testGroups = scenes.stream().filter(ScenePlan.Scene::test).map(ScenePlan.Scene::combination).distinct()
                .count();
        return String.format(Locale.ROOT, "classes: %s%n"
                + "combinations: %d, held out for the test: %d (%s)%n"
                + "training scenes: %,d (%d combinations, items from %s, %,d items)%n"
                + "test scenes: %,d (%d combinations, items from %s, %,d items)%n"
                + "wrote %,d images to %s and %s%n",
                String.join(", ", used.stream().map(FashionClasses::name).toList()), combinations, held,
                output.resolve("held-out.txt"), scenes.size() - testScenes, trainGroups, trainItems.source(),
                trainItems.size(), testScenes, testGroups, testItems.source(), testItems.size(), scenes.size(),
                output.resolve(CaptionDatasetWriter.IMAGES), table);
    }
}
