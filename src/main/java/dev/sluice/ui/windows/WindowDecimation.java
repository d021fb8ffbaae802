package dev.sluice.ui.windows;

import dev.sluice.model.PackedLog;
import dev.sluice.model.flight.FlightPart;
import dev.sluice.model.flight.WindowSample;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One connection's window samples folded into min/max per pixel column. It is kept between
 * frames and fed only the samples that arrived since (the model's sample list only grows), so a
 * live run with hundreds of thousands of samples costs each pulse only its new ones; moving the
 * cursor back, another connection, width or time range starts a fresh one.
 */
final class WindowDecimation {

    final String connection;
    final int cols;
    final long from;
    final long to;
    final double[][] receive;
    final double[][] unconsumed;
    final double[][] send;
    final Map<String, double[]> streamWindow = new LinkedHashMap<>();
    final Map<String, Long> streamScale = new LinkedHashMap<>();
    final Map<String, WindowSample> lastStream = new LinkedHashMap<>();
    WindowSample lastConnection;
    long initial;
    private List<WindowSample> source;
    private int fed;
    private long cursor = -1;

    WindowDecimation(String connection, int cols, long from, long to, long initial) {
        this.connection = connection;
        this.cols = cols;
        this.from = from;
        this.to = to;
        this.initial = initial;
        this.receive = new double[][] {nan(cols), nan(cols)};
        this.unconsumed = new double[][] {nan(cols), nan(cols)};
        this.send = new double[][] {nan(cols), nan(cols)};
    }

    /** Whether this is drawn on the same columns of the same connection and time range. */
    boolean sameAxis(String conn, int columns, long start, long end) {
        return Objects.equals(connection, conn) && cols == columns && from == start && to == end;
    }

    /** Whether this holds nothing after {@code at}. */
    boolean fedUpTo(long at) {
        return cursor <= at;
    }

    /** Whether this can go on from where it stopped for these parameters and samples. */
    @SuppressWarnings("ReferenceEquality") // the very sample fed last: the same history, not an equal-looking one
    boolean continues(String conn, int columns, long start, long end, List<WindowSample> samples, long at) {
        return Objects.equals(connection, conn) && cols == columns && from == start && to == end && at >= cursor
                && samples.size() >= fed && (fed == 0 || PackedLog.sameLog(samples, source)
                || samples.get(fed - 1) == source.get(fed - 1));
    }

    /**
     * Folds the samples not seen yet, up to the first one after {@code at}; a sample's time and
     * connection are read from their columns, and only this connection's samples are built.
     */
    void feed(FlightPart part, long at) {
        List<WindowSample> samples = part.windows();
        source = samples;
        cursor = at;
        while (fed < samples.size()) {
            if (part.windowNanos(fed) > at) {
                break;
            }
            fed++;
            if (connection != null && connection.equals(part.windowConnection(fed - 1))) { // none picked yet: nothing to fold
                fold(samples.get(fed - 1));
            }
        }
    }

    private void fold(WindowSample s) {
        int c = (int) Math.min(cols - 1, Math.max(0, (s.nanos() - from) * cols / Math.max(1, to - from)));
        if (s.isConnection()) {
            put(receive, c, s.receiveWindow());
            put(unconsumed, c, s.unconsumed());
            put(send, c, s.sendWindow());
            lastConnection = s;
            initial = Math.max(initial, s.initial());
        } else {
            double[] w = streamWindow.computeIfAbsent(s.stream(), k -> nan(cols));
            w[c] = Double.isNaN(w[c]) ? s.receiveWindow() : Math.min(w[c], s.receiveWindow());
            streamScale.merge(s.stream(), Math.max(1, s.receiveWindow()), Math::max);
            lastStream.put(s.stream(), s);
        }
    }

    private static double[] nan(int cols) {
        double[] a = new double[cols];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static void put(double[][] minMax, int c, long v) {
        minMax[0][c] = Double.isNaN(minMax[0][c]) ? v : Math.min(minMax[0][c], v);
        minMax[1][c] = Double.isNaN(minMax[1][c]) ? v : Math.max(minMax[1][c], v);
    }
}
