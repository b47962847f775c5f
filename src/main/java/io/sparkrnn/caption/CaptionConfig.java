package io.sparkrnn.caption;

import io.sparkrnn.core.config.Checkpoint;
import io.sparkrnn.core.config.ConfigReader;
import io.sparkrnn.core.config.JobConfig;
import io.sparkrnn.core.config.JobConfigLoader;
import io.sparkrnn.core.config.Output;
import io.sparkrnn.core.config.Training;
import io.sparkrnn.core.table.TableFormat;
import io.sparkrnn.nn.Cell;

import java.io.Serializable;
import java.util.List;

/**
 * The whole, validated configuration of a captioning run, read by {@link #LOADER} before Spark
 * starts and written beside the model, so the image size, the vocabulary's rules and the
 * network's shape are never guessed when the model is used later. The job's own sections are
 * {@code data}, {@code model}, {@code decode} and {@code eval}.
 */
public record CaptionConfig(Data data, Model model, Decode decode, Training training, Eval eval, Output output,
                            Checkpoint checkpoint) implements JobConfig, Serializable {
    /** Reads and checks the job's configuration from {@code caption/defaults.conf} and the user's layers. */
    public static final JobConfigLoader<CaptionConfig> LOADER = new JobConfigLoader<>(
            "io/sparkrnn/caption/defaults.conf", CaptionConfig::read);

    /** What a resumed run may change: how long it trains, how it decodes and scores, where it writes. */
    public static final List<String> RESUMABLE_CHANGES = List.of("training.epochs", "training.time-limit-minutes",
            "decode.", "eval.", "output.", "checkpoint.");

    static CaptionConfig read(ConfigReader r) {
        return new CaptionConfig(Data.read(r), Model.read(r), new Decode(
                r.intInRange("decode.beam-width", 1, 64),
                r.number("decode.length-penalty", 0, true, 4, true),
                r.intInRange("decode.max-length", 1, 200)),
                Training.read(r), new Eval(r.intAtLeast("eval.every-epochs", 0), r.intInRange("eval.gallery", 0, 200)),
                Output.read(r), Checkpoint.read(r));
    }

    /** Where the images and captions are, how they are split, and how images and words are prepared. */
    public record Data(String images, List<String> captions, TableFormat format, String csvDelimiter,
                       String imageColumn, String captionColumn, String groupColumn, String splitColumn,
                       double testFraction, double validationFraction, int imageHeight, int imageWidth,
                       int channels, boolean lowercase, int minCount, int maxCaptionLength) implements Serializable {
        public Data {
            captions = List.copyOf(captions);
        }

        static Data read(ConfigReader r) {
            String images = r.string("data.images").trim();
            if (images.isEmpty()) {
                r.missing("data.images", "expected the folder of images (PNG, JPEG, GIF or BMP; any Hadoop URI)");
            }
            List<String> captions = r.stringList("data.captions");
            if (captions.isEmpty()) {
                r.missing("data.captions", "expected the captions table: a file, folder or glob (any Hadoop URI)");
            }
            String image = r.string("data.image-column").trim();
            String caption = r.string("data.caption-column").trim();
            if (image.isEmpty() || image.equals(caption)) {
                r.problem("data.image-column", "expected a column name of its own, not '" + image + "'");
            }
            if (caption.isEmpty()) {
                r.problem("data.caption-column", "expected a column name");
            }
            double test = r.number("data.test-fraction", 0, false, 1, false);
            double validation = r.number("data.validation-fraction", 0, true, 1, false);
            if (test + validation >= 1) {
                r.problem("data.validation-fraction", "expected data.test-fraction + data.validation-fraction below 1 "
                        + "(some images must be left for training), but they add up to " + (test + validation));
            }
            int channels = r.intAtLeast("data.channels", 1);
            if (channels != 1 && channels != 3) {
                r.problem("data.channels", "expected 1 (grey) or 3 (red, green, blue), not " + channels);
            }
            return new Data(images, captions, r.choice("data.format", TableFormat.class),
                    TableFormat.delimiter(r, "data.csv-delimiter"), image, caption,
                    r.string("data.group-column").trim(), r.string("data.split-column").trim(), test, validation,
                    r.intInRange("data.image-height", 8, 1024), r.intInRange("data.image-width", 8, 1024), channels,
                    r.bool("data.lowercase"), r.intAtLeast("data.min-count", 1),
                    r.intInRange("data.max-caption-length", 1, 200));
        }

        /** Values per image: channels x height x width. */
        public int pixels() {
            return channels * imageHeight * imageWidth;
        }
    }

    /**
     * The encoder (a CNN trained here), the image features it hands over, the recurrent decoder,
     * and its attention over the encoder's last convolution map (size 0 = none).
     */
    public record Model(String encoder, String kerasLayer, int freezeEpochs, double fineTuneLearningRateFactor,
                        List<Integer> convFilters, List<Integer> mapConvFilters,
                        int featureSize, FeatureActivation featureActivation,
                        int embeddingSize, Cell cell, int layers, int hiddenSize, int attentionSize, double dropout,
                        double wordDropout, boolean layoutAttention, int outputHiddenSize) implements Serializable {
        /** The prefix of a pretrained encoder's URI in {@code model.encoder}. */
        public static final String KERAS = "keras:";

        public Model {
            convFilters = List.copyOf(convFilters);
            mapConvFilters = List.copyOf(mapConvFilters);
        }

        /** Channels of the encoder's last map: those of its last convolution. */
        public int mapChannels() {
            return mapConvFilters.isEmpty() ? convFilters.get(convFilters.size() - 1)
                    : mapConvFilters.get(mapConvFilters.size() - 1);
        }

        /** The Keras HDF5 file of a pretrained encoder, or null for an encoder trained from scratch. */
        public String kerasFile() {
            return encoder.startsWith(KERAS) ? encoder.substring(KERAS.length()).trim() : null;
        }

        static Model read(ConfigReader r) {
            String encoder = r.string("model.encoder").trim();
            if (!encoder.equals("train") && !(encoder.startsWith(KERAS) && encoder.length() > KERAS.length())) {
                r.problem("model.encoder", "expected \"train\" (a convolutional encoder trained with the decoder) "
                        + "or \"keras:URI\" (a pretrained Keras HDF5 file), not '" + encoder + "'");
            }
            String kerasLayer = r.string("model.keras-layer").trim();
            if (encoder.startsWith(KERAS) && kerasLayer.isEmpty()) {
                r.problem("model.keras-layer", "expected the name of the layer to cut the Keras network at");
            }
            int freeze = r.intAtLeast("model.freeze-epochs", 0);
            double fineTune = r.number("model.fine-tune-learning-rate-factor", 0, false, 1, true);
            List<Integer> filters = filters(r, "model.conv-filters");
            if (filters.isEmpty()) {
                r.problem("model.conv-filters", "expected at least one convolution block, e.g. [32, 64]");
            }
            List<Integer> mapFilters = filters(r, "model.map-conv-filters");
            int features = r.intAtLeast("model.feature-size", 0);
            int attention = r.intAtLeast("model.attention-size", 0);
            if (features == 0 && attention == 0) {
                r.problem("model.feature-size", "expected image features (at least 1) when model.attention-size is 0:"
                        + " with neither, the decoder would never see the image");
            }
            boolean layout = r.bool("model.layout-attention");
            if (layout && attention == 0) {
                r.problem("model.layout-attention", "expected model.attention-size above 0: the layout is read "
                        + "from the map the decoder attends to");
            }
            return new Model(encoder, kerasLayer, freeze, fineTune, filters, mapFilters, features,
                    r.choice("model.feature-activation", FeatureActivation.class), r.intAtLeast("model.embedding-size", 1),
                    r.choice("model.cell", Cell.class), r.intInRange("model.layers", 1, 8),
                    r.intAtLeast("model.hidden-size", 1), attention,
                    r.number("model.dropout", 0, true, 1, false),
                    r.number("model.word-dropout", 0, true, 1, false), layout,
                    r.intAtLeast("model.output-hidden-size", 0));
        }

        private static List<Integer> filters(ConfigReader r, String key) {
            List<Integer> filters = new java.util.ArrayList<>();
            for (String f : r.stringList(key)) {
                try {
                    int n = Integer.parseInt(f.trim());
                    if (n < 1) {
                        throw new NumberFormatException();
                    }
                    filters.add(n);
                } catch (NumberFormatException e) {
                    r.problem(key, "expected whole numbers of at least 1, not '" + f + "'");
                }
            }
            return filters;
        }
    }

    /** The network in words, for the log and the report. */
    static String describe(CaptionConfig c) {
        Model m = c.model();
        String image = m.featureSize() > 0 ? "feeding " + m.featureSize() + " image features with every word"
                + (m.attentionSize() > 0 ? " and attended over its last map (attention size " + m.attentionSize()
                + ")" : "") : "attended over its last map (attention size " + m.attentionSize() + ")";
        if (m.layoutAttention()) {
            image += ", each word read with where its attention falls";
        }
        if (m.outputHiddenSize() > 0) {
            image += ", " + m.outputHiddenSize() + " ReLU units before the softmax";
        }
        return encoder(m, c.training().epochs()) + " " + image
                + " by a " + m.layers() + " x " + m.hiddenSize() + " " + m.cell().name() + " decoder";
    }

    private static String encoder(Model m, int epochs) {
        if (m.kerasFile() == null) {
            return "a " + m.convFilters().size() + "-block convolutional encoder " + m.convFilters()
                    + (m.mapConvFilters().isEmpty() ? "" : " and " + m.mapConvFilters() + " at its last map");
        }
        String how = m.freezeEpochs() >= epochs ? "frozen throughout"
                : (m.freezeEpochs() > 0 ? "frozen for " + m.freezeEpochs() + " epochs, then " : "")
                + "trained at " + m.fineTuneLearningRateFactor() + " x the learning rate";
        return "the pretrained encoder " + m.kerasFile() + " cut at " + m.kerasLayer() + " (" + how + ")";
    }

    /**
     * The activation of the image features: a ReLU layer, or a linear projection of the
     * convolution map, which keeps what different parts of the image contribute added rather than
     * mixed (what captions of new combinations of known things need).
     */
    public enum FeatureActivation { RELU, IDENTITY }

    /** How captions are generated: beam width (1 = greedy), length normalisation, longest caption. */
    public record Decode(int beamWidth, double lengthPenalty, int maxLength) implements Serializable {
    }

    /** How often the held-out loss is measured while training, and how many test images the report shows. */
    public record Eval(int everyEpochs, int gallery) implements Serializable {
    }
}
