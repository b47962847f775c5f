package io.sparkrnn.core.train;

import io.sparkrnn.core.io.Storage;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.datavec.spark.util.BroadcastHadoopConfigHolder;
import org.datavec.spark.util.SerializableHadoopConfig;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/**
 * Writes minibatches to files once, on the executors, for every epoch to read back through
 * DL4J's {@code fitPaths}: each element of the RDD is one minibatch, written by its partition as
 * {@code pPPPPP-bBBBBBB.bin} in the work folder (on the output's file system, which also works
 * on clusters whose default file system is local, where DL4J's own export refuses). Only a few
 * numbers per partition come back to the driver ({@link BatchFiles}).
 *
 * <p>Every minibatch of a partition but its last must hold {@code batchSize} examples, as the
 * tasks' batching functions make them.
 */
public final class ExportBatches {
    private ExportBatches() {
    }

    /** Minibatches of a network with one input and one output. */
    public static BatchFiles dataSets(JavaSparkContext sc, Storage storage, JavaRDD<DataSet> batches, String dir,
                                      int batchSize, int sequenceLength) throws IOException {
        return write(sc, storage, batches, dir, batchSize, sequenceLength, false);
    }

    /** Minibatches of a graph with several inputs (the encoder-decoder). */
    public static BatchFiles multiDataSets(JavaSparkContext sc, Storage storage, JavaRDD<MultiDataSet> batches,
                                           String dir, int batchSize, int sequenceLength) throws IOException {
        return write(sc, storage, batches, dir, batchSize, sequenceLength, true);
    }

    private static <T> BatchFiles write(JavaSparkContext sc, Storage storage, JavaRDD<T> batches, String dir,
                                        int batchSize, int sequenceLength, boolean multi) throws IOException {
        storage.delete(dir);
        storage.mkdirs(dir);
        BatchFiles.Written[] written = batches.mapPartitionsWithIndex(
                        new WritePartition<T>(dir, multi, BroadcastHadoopConfigHolder.get(sc)), true)
                .collect().toArray(BatchFiles.Written[]::new);
        return new BatchFiles(dir, batchSize, sequenceLength, written);
    }

    /** Writes one partition's minibatches and says how many, with how many examples. */
    record WritePartition<T>(String dir, boolean multi, Broadcast<SerializableHadoopConfig> hadoop)
            implements Function2<Integer, Iterator<T>, Iterator<BatchFiles.Written>> {
        @Override
        public Iterator<BatchFiles.Written> call(Integer partition, Iterator<T> batches) throws IOException {
            BatchFiles.Written w = new BatchFiles.Written();
            w.partition = partition;
            FileSystem fs = Storage.fileSystem(new Path(dir), hadoop.getValue().getConfiguration());
            while (batches.hasNext()) {
                T batch = batches.next();
                Path path = new Path(dir, BatchFiles.fileName(partition, w.files));
                int examples;
                try (OutputStream out = fs.create(path, true)) {
                    if (multi) {
                        MultiDataSet m = (MultiDataSet) batch;
                        m.save(out);
                        examples = (int) m.getFeatures(0).size(0);
                    } else {
                        DataSet d = (DataSet) batch;
                        d.save(out);
                        examples = d.numExamples();
                    }
                } catch (UncheckedIOException e) {
                    throw new IOException("cannot write " + path, e);
                }
                w.files++;
                w.examples += examples;
                w.lastFileSize = examples;
            }
            return List.of(w).iterator();
        }
    }
}
