package io.sparkrnn.lm;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.datavec.spark.util.SerializableHadoopConfig;
import io.sparkrnn.core.io.Storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;

/**
 * The Spark function that runs {@link InputProbe} on input files where they are stored, reading
 * them as {@code textFile} will (decompressed when the name ends in .gz, .bz2, ...); it returns
 * "path: problem" for each file that is not UTF-8 text. Run on the executors, so a corpus of
 * many files on remote storage is checked in parallel.
 */
public record ProbeFiles(Broadcast<SerializableHadoopConfig> hadoop)
        implements FlatMapFunction<Iterator<String>, String> {
    @Override
    public Iterator<String> call(Iterator<String> paths) throws IOException {
        Configuration conf = hadoop.getValue().getConfiguration();
        CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
        List<String> problems = new java.util.ArrayList<>();
        while (paths.hasNext()) {
            String path = paths.next();
            String problem = probe(path, conf, codecs);
            if (problem != null) {
                problems.add(path + ": " + problem);
            }
        }
        return problems.iterator();
    }

    static String probe(String path, Configuration conf, CompressionCodecFactory codecs) throws IOException {
        Path p = new Path(path);
        CompressionCodec codec = codecs.getCodec(p);
        try (InputStream raw = Storage.fileSystem(p, conf).open(p);
             InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
            return InputProbe.problem(in);
        }
    }
}
