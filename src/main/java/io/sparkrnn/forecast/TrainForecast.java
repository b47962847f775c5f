package io.sparkrnn.forecast;

import io.sparkrnn.core.job.JobCli;

/**
 * Entry point of the forecasting job ({@code jobs/train-forecast.sh}, or {@code spark-submit
 * --class io.sparkrnn.forecast.TrainForecast}); the command line is the skeleton's
 * ({@link JobCli}).
 */
public final class TrainForecast {
    private TrainForecast() {
    }

    public static void main(String[] args) {
        System.exit(JobCli.execute(new ForecastJob(), args));
    }
}
