package io.sparkrnn.caption;

import io.sparkrnn.core.config.ConfigProblems;
import io.sparkrnn.core.config.Records;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The captioning configuration as saved beside a model reads back equal, and bad encoders are named. */
class CaptionConfigTest {
    @Test
    void theSavedConfigurationReadsBackEqual() {
        for (CaptionConfig c : List.of(CaptionNetworkTest.config(),
                CaptionNetworkTest.config("model.encoder=keras:/models/m.h5", "model.keras-layer=block_13_expand_relu",
                        "model.freeze-epochs=5", "model.fine-tune-learning-rate-factor=0.05", "model.attention-size=32",
                        "model.feature-size=0", "model.layout-attention=true", "model.output-hidden-size=64"))) {
            assertEquals(c, CaptionConfig.LOADER.loadText(CaptionConfig.LOADER.toHocon(c), "saved", "/tmp/unused",
                    List.of()), "config.conf reads back as the configuration it was written from");
        }
        CaptionConfig keras = CaptionNetworkTest.config("model.encoder=keras:/models/m.h5");
        assertEquals("/models/m.h5", keras.model().kerasFile(), "the file after keras:");
        assertEquals(null, CaptionNetworkTest.config().model().kerasFile(), "no file for an encoder trained here");
    }

    @Test
    void theShippedConfigurationsLoad() {
        for (String name : List.of("caption-scenes.conf", "caption-emoji.conf", "caption-emoji-pretrained.conf")) {
            CaptionConfig c = CaptionConfig.LOADER.load(Path.of("conf", name), "/tmp/out", List.of());
            assertTrue(c.data().images().startsWith("data/"), name + ": data.images " + c.data().images());
        }
        CaptionConfig pretrained = CaptionConfig.LOADER.load(Path.of("conf/caption-emoji-pretrained.conf"), "/tmp/out",
                List.of());
        CaptionConfig scratch = CaptionConfig.LOADER.load(Path.of("conf/caption-emoji.conf"), "/tmp/out", List.of());
        assertEquals("models/mobilenet_v2.h5", pretrained.model().kerasFile(), "where the fetch script writes it");
        assertTrue(pretrained.model().freezeEpochs() >= pretrained.training().epochs(), "kept frozen throughout");
        assertEquals(sized(scratch.data()), sized(pretrained.data()),
                "the same data and split as the encoder trained here, at another image size");
    }

    @Test
    void theDescriptionSaysWhetherAPretrainedEncoderIsEverTrained() {
        String never = CaptionConfig.describe(CaptionNetworkTest.config("model.encoder=keras:/m.h5",
                "model.freeze-epochs=20", "training.epochs=20"));
        assertTrue(never.contains("(frozen throughout)"), never);
        String later = CaptionConfig.describe(CaptionNetworkTest.config("model.encoder=keras:/m.h5",
                "model.freeze-epochs=5", "training.epochs=6"));
        assertTrue(later.contains("(frozen for 5 epochs, then trained at 0.1 x the learning rate)"), later);
    }

    private static CaptionConfig.Data sized(CaptionConfig.Data d) {
        return Records.with(Records.with(d, "imageHeight", 1), "imageWidth", 1);
    }

    @Test
    void anUnknownEncoderOrNoImageInputIsRefusedByKey() {
        ConfigProblems p = assertThrows(ConfigProblems.class, () -> CaptionNetworkTest.config("model.encoder=vgg"));
        assertTrue(p.getMessage().contains("model.encoder") && p.getMessage().contains("keras:URI"), p.getMessage());
        p = assertThrows(ConfigProblems.class,
                () -> CaptionNetworkTest.config("model.feature-size=0", "model.attention-size=0"));
        assertTrue(p.getMessage().contains("model.feature-size") && p.getMessage().contains("never see the image"),
                p.getMessage());
        p = assertThrows(ConfigProblems.class, () -> CaptionNetworkTest.config("model.layout-attention=true"));
        assertTrue(p.getMessage().contains("model.layout-attention") && p.getMessage().contains("attention-size"),
                p.getMessage());
    }
}
