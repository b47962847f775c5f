package io.sparkrnn.forecast;

import org.apache.spark.api.java.function.Function;
import scala.Tuple2;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one series from all its rows on an executor (the rows arrive grouped by series) and
 * decides whether the model can use it. A series the configured policy refuses (duplicates or
 * missing values set to {@code fail}) stops the job; one that is too short for a training
 * window, or that a log return cannot take, is left out with its reason, and both are counted
 * in the report rather than failing inside a Spark task with an unreadable trace.
 */
public final class AssembleSeries implements Function<Tuple2<String, Iterable<Observation>>, AssembleSeries.Outcome> {
    private static final long serialVersionUID = 1L;

    /**
     * The result for one series: {@code series} when usable; otherwise {@code excluded} (left
     * out, the job goes on) or {@code refused} (the job stops) says why.
     */
    public record Outcome(String id, SeriesAssembler.Assembled series, String excluded, String refused)
            implements Serializable {
        public boolean usable() {
            return series != null && excluded == null && refused == null;
        }
    }

    private final SeriesAssembler assembler;
    private final ForecastConfig.Model model;

    public AssembleSeries(ForecastConfig config) {
        this.assembler = new SeriesAssembler(config.data().frequency(), config.data().duplicates(),
                config.data().missing());
        this.model = config.model();
    }

    @Override
    public Outcome call(Tuple2<String, Iterable<Observation>> rows) {
        List<Observation> list = new ArrayList<>();
        rows._2().forEach(list::add);
        return assemble(rows._1(), list);
    }

    /** The same decision without Spark. */
    public Outcome assemble(String id, List<Observation> rows) {
        SeriesAssembler.Assembled s;
        try {
            s = assembler.assemble(id, rows);
        } catch (SeriesAssembler.Refused e) {
            return new Outcome(id, null, null, e.getMessage());
        }
        int needed = ForecastWindows.minimumLength(model.inputLength(), model.horizon()) + model.transform().lag();
        if (s.length() < needed) {
            return new Outcome(id, s, "it has " + s.length() + " values; a training window needs model.input-length + "
                    + "model.horizon" + (model.transform().lag() > 0 ? " + 1" : "") + " = " + needed, null);
        }
        if (model.transform() == TargetTransform.LOG_RETURN) {
            for (int t = 0; t < s.length(); t++) {
                if (!(s.values()[t] > 0)) {
                    return new Outcome(id, s, "model.transform = log-return needs positive values; it has "
                            + s.values()[t] + " on " + java.time.LocalDate.ofEpochDay(s.epochDays()[t])
                            + " (use difference)", null);
                }
            }
        }
        return new Outcome(id, s, null, null);
    }
}
