package dev.sluice.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One ratio measured in each of several interleaved rounds (probes on / off): reported as its
 * median with the spread (min–max) and every round's value, so one lucky or unlucky round on a
 * shared machine cannot pass for the figure, and a regression shows as a shifted median.
 */
final class RoundRatios {

    private final String name;
    private final String unit;
    private final List<Double> rounds = new ArrayList<>();

    RoundRatios(String name) {
        this(name, "x");
    }

    RoundRatios(String name, String unit) {
        this.name = name;
        this.unit = unit;
    }

    /** One round's value; NaN for a round that could not measure it (left out of the median, shown as n/a). */
    void add(double ratio) {
        rounds.add(ratio);
    }

    double median() {
        double[] sorted = sorted();
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The median (with {@code goal}), min and max as figures, and every round in a note. */
    void report(BenchReport report, String goal) {
        double[] sorted = sorted();
        report.figure(name + ", median of " + sorted.length + " rounds", median(), unit, goal);
        report.figure(name + ", min", sorted.length == 0 ? Double.NaN : sorted[0], unit);
        report.figure(name + ", max", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], unit);
        report.note(name + " per round: " + rounds.stream()
                .map(r -> r.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.3f", r)).collect(Collectors.joining(", "))
                + (sorted.length < rounds.size() ? " (" + (rounds.size() - sorted.length) + " not measured)" : ""));
    }

    private double[] sorted() {
        // a round that could not measure the figure must not sort into the median as a value
        double[] a = rounds.stream().mapToDouble(Double::doubleValue).filter(r -> !Double.isNaN(r)).toArray();
        Arrays.sort(a);
        return a;
    }
}
