package io.sparkrnn.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The supervised examples of one series for a forecast origin: windows of L past values with
 * the H values that follow them as targets, taken only where every target is at or before the
 * origin, and the input window that ends at the origin, from which the model forecasts. Indices
 * are positions in the (transformed) series; nothing after the origin ever enters an example.
 */
public final class ForecastWindows {
    private ForecastWindows() {
    }

    /** One example: inputs {@code x[0..L)} and targets {@code y[0..H)}; {@code end} is the last target's position. */
    public record Example(double[] x, double[] y, int end) {
    }

    /**
     * Training examples with every target at a position <= {@code origin}.
     *
     * @param z      the series, transformed and scaled
     * @param origin position of the last value known at the origin
     * @param stride step between window starts (1 = every window)
     */
    public static List<Example> training(double[] z, int origin, int inputLength, int horizon, int stride) {
        check(z, origin, inputLength, horizon);
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1, was " + stride);
        }
        List<Example> out = new ArrayList<>();
        int lastStart = origin - inputLength - horizon + 1;
        for (int s = lastStart; s >= 0; s -= stride) {
            out.add(new Example(Arrays.copyOfRange(z, s, s + inputLength),
                    Arrays.copyOfRange(z, s + inputLength, s + inputLength + horizon), s + inputLength + horizon - 1));
        }
        java.util.Collections.reverse(out);
        return out;
    }

    /** The inputs of the forecast made at {@code origin}: the L values ending there. */
    public static double[] atOrigin(double[] z, int origin, int inputLength) {
        if (origin >= z.length || origin - inputLength + 1 < 0) {
            throw new IllegalArgumentException("an input window of " + inputLength + " ending at position " + origin
                    + " does not fit a series of " + z.length);
        }
        return Arrays.copyOfRange(z, origin - inputLength + 1, origin + 1);
    }

    /** The fewest values a series needs for one training example and a forecast: L + H. */
    public static int minimumLength(int inputLength, int horizon) {
        return inputLength + horizon;
    }

    private static void check(double[] z, int origin, int inputLength, int horizon) {
        if (inputLength < 1 || horizon < 1) {
            throw new IllegalArgumentException("input length and horizon must be at least 1");
        }
        if (origin < 0 || origin >= z.length) {
            throw new IllegalArgumentException("origin " + origin + " outside a series of " + z.length);
        }
    }
}
