package io.sparkrnn.classify;

import io.sparkrnn.nn.Cell;

import io.sparkrnn.core.config.ConfigProblems;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifyConfigLoaderTest {
    @Test
    void shippedConfigurationLoadsAndRoundTrips() {
        ClassifyConfig c = ClassifyConfig.LOADER.load(Path.of("conf/classify-vowels.conf"), "/tmp/out", List.of());
        assertEquals(c, ClassifyConfig.LOADER.loadText(ClassifyConfig.LOADER.toHocon(c), "saved", null, List.of()),
                "conf/classify-vowels.conf reads back equal from its saved form");
        assertEquals("frame", c.data().orderColumn());
        assertEquals(List.of(), c.data().featureColumns(), "every other column is a feature by default");
        assertEquals(Cell.LSTM, c.model().cell());
        assertEquals("/tmp/out/_work", c.output().resolvedWorkDir());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigProblems e = assertThrows(ConfigProblems.class, () -> ClassifyConfig.LOADER.load(null, null, List.of(
                "data.label-column=y", "data.order-column=t", "data.feature-columns=a,y,a", "model.cell=lstmm",
                "training.epochs=0", "data.csv-delimiter=ab", "eval.every-epoch=2")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("data.train is not set"), all);
        assertTrue(all.contains("data.test is not set"), all);
        assertTrue(all.contains("data.id-column is not set"), all);
        assertTrue(all.contains("output.path is not set"), all);
        assertTrue(all.contains("names 'a' twice"), all);
        assertTrue(all.contains("but it names 'y'"), all);
        assertTrue(all.contains("model.cell = \"lstmm\""), all);
        assertTrue(all.contains("training.epochs"), all);
        assertTrue(all.contains("data.csv-delimiter"), all);
        assertTrue(all.contains("unknown key 'eval.every-epoch'") && all.contains("did you mean 'eval.every-epochs'"),
                all);
    }
}
