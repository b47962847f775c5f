package io.sparkrnn.seq2seq;

import io.sparkrnn.core.job.JobContext;
import io.sparkrnn.core.train.ModelBytes;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation on the held-out test words, after training: the model's greedy and beam
 * outputs (made on the executors), and the baseline a reader needs to see what the network
 * adds: for each test word the first pronunciation of the training spelling nearest to it in
 * edit distance ({@link NearestSpelling}, broadcast and searched on the executors). Word and
 * phoneme error rates of each against all of a word's pronunciations ({@link TransductionErrors}).
 * Writes the model files and the test outputs ({@link Seq2SeqFiles}).
 */
final class Seq2SeqEvaluation {
    private static final Logger LOG = LoggerFactory.getLogger(Seq2SeqEvaluation.class);

    private Seq2SeqEvaluation() {
    }

    /** The errors by system, how many beam outputs differ from greedy ones, the examples, and the decoding time. */
    record Result(Map<String, TransductionErrors> errors, long beamDiffers, List<Seq2SeqSummary.Example> examples,
                  double decodeSeconds) {
    }

    static Result run(JobContext<Seq2SeqConfig> job, ComputationGraph model, Seq2SeqData data) throws IOException {
        Seq2SeqConfig config = job.config();
        long start = System.nanoTime();
        byte[] bytes = ModelBytes.toBytes(model);
        Broadcast<byte[]> broadcast = job.sc().broadcast(bytes);
        List<Transduce.Output> test = new ArrayList<>(data.test().mapPartitions(new Transduce(broadcast,
                config.model(), data.sources(), data.targets(), config.decode(), true)).collect());
        broadcast.destroy();
        test.sort(Comparator.comparing(o -> o.word().key()));
        double decodeSeconds = (System.nanoTime() - start) / 1e9;
        LOG.info("transduced {} test words (greedy and beam width {}) in {} s", test.size(),
                config.decode().beamWidth(), String.format(java.util.Locale.ROOT, "%.1f", decodeSeconds));
        long t0 = System.nanoTime();
        NearestSpelling index = new NearestSpelling(data.train().collect());
        Broadcast<NearestSpelling> nearest = job.sc().broadcast(index);
        Map<String, NearestSpelling.Match> baseline = data.test()
                .mapToPair(w -> new scala.Tuple2<>(w.key(), nearest.getValue().nearest(w.source()))).collectAsMap();
        nearest.destroy();
        LOG.info("nearest of {} training spellings to every test word: {} s", index.size(),
                String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        Map<String, TransductionErrors> errors = new LinkedHashMap<>();
        Seq2SeqSummary.SYSTEMS.forEach(s -> errors.put(s, new TransductionErrors()));
        long differs = 0;
        for (Transduce.Output o : test) {
            Word w = o.word();
            errors.get("beam").add(o.beam(), w.references(), w.source().size());
            errors.get("greedy").add(o.greedy(), w.references(), w.source().size());
            errors.get("nearest_spelling").add(baseline.get(w.key()).target(), w.references(), w.source().size());
            if (!o.beam().equals(o.greedy())) {
                differs++;
            }
        }
        new Seq2SeqFiles(job.storage(), job.out()).write(job.sc(), bytes, data.sources(), data.targets(), config,
                test, baseline);
        return new Result(errors, differs, examples(test, baseline, config.eval().examples()), decodeSeconds);
    }

    /** Half right, half wrong test words (by the beam output), spread over the alphabet. */
    static List<Seq2SeqSummary.Example> examples(List<Transduce.Output> test, Map<String, NearestSpelling.Match> nearest,
                                                 int n) {
        List<Seq2SeqSummary.Example> right = new ArrayList<>();
        List<Seq2SeqSummary.Example> wrong = new ArrayList<>();
        for (Transduce.Output o : test) {
            boolean ok = o.word().references().contains(o.beam());
            NearestSpelling.Match m = nearest.get(o.word().key());
            Seq2SeqSummary.Example e = new Seq2SeqSummary.Example(o.word().key(), String.join("", o.word().source()),
                    o.word().references().stream().map(r -> String.join(" ", r)).toList(), String.join(" ", o.beam()),
                    String.join(" ", o.greedy()), String.join(" ", m.target()), m.spelling(), ok);
            (ok ? right : wrong).add(e);
        }
        List<Seq2SeqSummary.Example> out = new ArrayList<>(spread(right, (n + 1) / 2));
        out.addAll(spread(wrong, n - out.size()));
        return out;
    }

    private static <T> List<T> spread(List<T> all, int n) {
        List<T> out = new ArrayList<>();
        if (all.isEmpty() || n <= 0) {
            return out;
        }
        double step = Math.max(1.0, all.size() / (double) n);
        for (double i = 0; i < all.size() && out.size() < n; i += step) {
            out.add(all.get((int) i));
        }
        return out;
    }
}
