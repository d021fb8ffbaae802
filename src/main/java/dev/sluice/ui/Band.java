package dev.sluice.ui;

import dev.sluice.detect.Finding;
import dev.sluice.detect.ResourceRef;
import dev.sluice.detect.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A finding (or a mark) drawn over a view's time axis, on one row or over the whole plot. A view
 * shows what had happened by the cursor, so a band is clipped there: an open finding, or one that
 * ends later, runs to the cursor, and one that starts later is not drawn at all.
 *
 * @param row       the view's row (lane) it is on, or {@link #WHOLE_PLOT}
 * @param findingId the finding drawn, null for a mark
 * @param selected  whether the finding is what the user selected
 */
public record Band(int row, long startNanos, long endNanos, Severity severity, String title, String findingId,
                   boolean selected) {

    /** The row of a band that covers every row of the plot. */
    public static final int WHOLE_PLOT = -1;

    /**
     * The bands of the {@code findings} started by {@code cursor}, one per row that {@code rows}
     * gives each (no row: not drawn in this view); the list is the caller's to add marks to.
     */
    public static List<Band> of(List<Finding> findings, long cursor, List<ResourceRef> selection,
                                Function<Finding, IntStream> rows) {
        List<Band> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.startNanos() > cursor) {
                continue;
            }
            long end = f.isOpen() || f.endNanos() > cursor ? cursor : f.endNanos();
            boolean selected = FindingSelection.isSelected(f, selection);
            rows.apply(f).forEach(row -> out.add(new Band(row, f.startNanos(), end, f.severity(), title(f), f.id(),
                    selected)));
        }
        return out;
    }

    /** An instant worth marking on a row (a thread blocked), not a finding. */
    public static Band mark(int row, long nanos, Severity severity, String text) {
        return new Band(row, nanos, nanos, severity, text, null, false);
    }

    /** How every view titles a finding. */
    public static String title(Finding f) {
        return f.code() + ": " + f.title();
    }

    public double left(TimeAxis axis) {
        return axis.x(startNanos);
    }

    /** The right edge, at least {@code minWidth} right of the left one, so an instant stays visible. */
    public double right(TimeAxis axis, double minWidth) {
        return Math.max(left(axis) + minWidth, axis.x(endNanos));
    }

    /** Whether {@code x} falls on the band as drawn {@code minWidth} wide at least. */
    public boolean covers(TimeAxis axis, double x, double minWidth) {
        return x >= left(axis) && x <= right(axis, minWidth);
    }
}
