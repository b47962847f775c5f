package io.sparkrnn.lm;

import io.sparkrnn.core.train.BatchFiles;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchesTest {

    @Test
    void batchHoldsInputsAndShiftedTargetsAsIdsWithAMaskForRepeatedTargets() {
        Window a = Window.of(0, new int[]{1, 2, 3, 4}, 0);
        Window b = Window.of(5, new int[]{4, 3, 2, 1}, 2);
        DataSet ds = TokenBatches.toDataSet(List.of(a, b), true);
        assertArrayEquals(new long[]{2, 1, 3}, ds.getFeatures().shape());
        assertEquals(3f, ds.getFeatures().getFloat(0, 0, 2));
        assertEquals(4f, ds.getLabels().getFloat(0, 0, 2), "target is the next token");
        assertEquals(1f, ds.getLabels().getFloat(1, 0, 2));
        INDArray mask = ds.getLabelsMaskArray();
        assertArrayEquals(new float[]{1, 1, 1, 0, 0, 1}, mask.reshape(6).toFloatVector());
        assertNull(TokenBatches.toDataSet(List.of(a, b), false).getLabelsMaskArray(), "training batches have no mask");
    }

    @Test
    void exportedBatchIsCompactAndLoadsAsOneHot() {
        int n = 32;
        int t = 100;
        List<Window> windows = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] tokens = new int[t + 1];
            for (int j = 0; j <= t; j++) {
                tokens[j] = (i + j) % 65;
            }
            windows.add(Window.of(i, tokens, 0));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TokenBatches.toDataSet(windows, false).save(bytes);
        double perToken = bytes.size() / (double) (n * t);
        assertTrue(perToken <= 10, "exported batch takes " + perToken + " bytes per token, expected at most 10");

        DataSet loaded = new DataSet();
        loaded.load(new ByteArrayInputStream(bytes.toByteArray()));
        DataSet ids = new TokenBatchLoader(65, false).prepare(loaded.copy());
        assertArrayEquals(new long[]{n, 1, t}, ids.getFeatures().shape(), "an embedding model reads ids");
        DataSet ready = new TokenBatchLoader(65, true).prepare(loaded);
        assertArrayEquals(new long[]{n, 65, t}, ready.getFeatures().shape());
        assertEquals(n * t, ready.getFeatures().sumNumber().intValue(), "exactly one 1 per position");
        assertEquals(1f, ready.getFeatures().getFloat(3, 13, 10), "token (3 + 10) % 65 at batch 3, step 10");
        assertArrayEquals(new long[]{n, 1, t}, ready.getLabels().shape(), "labels stay ids");
    }

    @Test
    void oneHotRejectsIdsOutsideTheVocabulary() {
        INDArray ids = Nd4j.create(new float[]{0, 7}, new long[]{1, 1, 2}, 'c');
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TokenBatchLoader.oneHot(ids, 5));
        assertTrue(e.getMessage().contains("token id 7 outside a vocabulary of 5"), e.getMessage());
    }

    @Test
    void batchFilesAreAddressedByGlobalIndexAcrossPartitions() {
        BatchFiles.Written p0 = written(0, 3, 7, 71);
        BatchFiles.Written p1 = written(1, 0, 0, 0);
        BatchFiles.Written p2 = written(2, 2, 32, 64);
        BatchFiles files = new BatchFiles("hdfs://nn/w/train", 32, 100, new BatchFiles.Written[]{p2, p0, p1});
        assertEquals(5, files.files());
        assertEquals(135, files.examples());
        assertEquals("hdfs://nn/w/train/p00000-b000000.bin", files.path(0));
        assertEquals("hdfs://nn/w/train/p00000-b000002.bin", files.path(2));
        assertEquals(7, files.examples(2), "last file of partition 0 is short");
        assertEquals("hdfs://nn/w/train/p00002-b000000.bin", files.path(3));
        assertEquals(32, files.examples(4));
    }

    private static BatchFiles.Written written(int partition, int files, int last, long windows) {
        BatchFiles.Written w = new BatchFiles.Written();
        w.partition = partition;
        w.files = files;
        w.lastFileSize = last;
        w.examples = windows;
        return w;
    }
}
