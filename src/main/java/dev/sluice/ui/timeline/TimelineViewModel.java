package dev.sluice.ui.timeline;

import dev.sluice.event.Engine;
import dev.sluice.model.Activity;
import dev.sluice.model.Mark;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.ui.Band;
import dev.sluice.ui.Frame;
import dev.sluice.ui.Highlight;
import dev.sluice.ui.PictureViewModel;
import dev.sluice.ui.TimeAxis;
import dev.sluice.ui.TimeText;
import dev.sluice.ui.ViewPort;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * All engines on one clock: per engine a lane of activity (events per time slice), the findings of
 * that engine as bands from start to end, and marks (notes, waits, failures) — all up to the cursor.
 */
public final class TimelineViewModel extends PictureViewModel {

    /** A lane's content for a canvas of a given width; {@code density} is per pixel column, 0..1. */
    public record Lane(Engine engine, String label, double[] density, long events) { }

    /** A mark on a lane; {@code highlighted}: the selection names its subject. */
    public record Tick(int lane, long nanos, String text, boolean highlighted) { }

    /** What to draw; a band's row is its lane. */
    public record Picture(long startNanos, long endNanos, long cursorNanos, List<Lane> lanes, List<Band> bands, List<Tick> ticks) { }

    static final List<Engine> ENGINES = List.of(Engine.APP, Engine.S3, Engine.FLIGHT, Engine.DELTA);
    private static final List<String> LABELS = List.of("Sluice (runs)", "S3 event loops", "Flight windows", "Delta commits");

    /** Per engine, the events in each whole pixel column of one snapshot's activity over one axis: see {@link #columnCounts}. */
    private record ColumnCounts(Activity activity, long start, long end, double[][] counts) { }

    private ColumnCounts columns;

    public TimelineViewModel(ViewPort port) {
        super(port);
    }

    /**
     * The events of every engine in each of {@code cols} columns over [start, end): counted once per snapshot and axis
     * (scrubbing a replay keeps both), not every pulse over the run up to the cursor (millions of buckets).
     */
    @SuppressWarnings("ReferenceEquality") // one snapshot's activity: equals would not tell two snapshots apart
    private double[][] columnCounts(Activity activity, long start, long end, int cols) {
        ColumnCounts cached = columns;
        if (cached != null && cached.activity() == activity && cached.start() == start && cached.end() == end
                && cached.counts()[0].length == cols) {
            return cached.counts();
        }
        double[][] counts = new double[ENGINES.size()][cols];
        for (int i = 0; i < ENGINES.size(); i++) {
            for (int c = 0; c < cols; c++) {
                counts[i][c] = activity.count(ENGINES.get(i), start + (end - start) * c / cols, start + (end - start) * (c + 1) / cols);
            }
        }
        columns = new ColumnCounts(activity, start, end, counts);
        return counts;
    }

    @Override
    protected void onFrame(Frame now, Frame previous) {
        changed();
        if (summaryHeld()) {
            return;
        }
        ModelSnapshot m = now.model();
        long shown = m.findings().stream().filter(f -> f.startNanos() <= now.cursorNanos()).count();
        summaryProperty().set(m.eventCount() == 0 ? "no events yet"
                : m.eventCount() + " events over " + TimeText.seconds(m.endNanos()) + " · "
                + shown + " of " + m.findings().size() + " findings by the cursor");
    }

    /** What to draw over {@code columns} pixel columns. */
    public Picture picture(int columns) {
        Frame frame = frame();
        ModelSnapshot m = frame.model();
        TimeAxis span = span(new TimeAxis(m.startNanos(), Math.max(m.startNanos() + 1, m.endNanos()), 0, 1));
        long start = span.fromNanos();
        long end = span.toNanos();
        long cursor = frame.cursorNanos();
        Activity activity = m.activity();
        List<Lane> lanes = new ArrayList<>();
        int cols = Math.max(1, columns);
        double[][] whole = columnCounts(activity, start, end, cols);
        for (int i = 0; i < ENGINES.size(); i++) {
            Engine e = ENGINES.get(i);
            double[] density = new double[cols];
            double max = 0;
            for (int c = 0; c < cols; c++) {
                long from = start + (end - start) * c / cols;
                long to = start + (end - start) * (c + 1) / cols;
                if (from > cursor) {
                    break;
                }
                // a column the cursor has passed is read from the cache; only the cursor's own is counted here
                double n = to <= cursor + 1 ? whole[i][c] : activity.count(e, from, cursor + 1);
                density[c] = n;
                max = Math.max(max, n);
            }
            if (max > 0) {
                for (int c = 0; c < cols; c++) {
                    density[c] = Math.sqrt(density[c] / max);
                }
            }
            long total = Math.round(activity.countTo(e, cursor + 1));
            lanes.add(new Lane(e, LABELS.get(i), density, total));
        }
        List<Band> bands = Band.of(m.findings(), cursor, selection(),
                f -> IntStream.of(Math.max(0, ENGINES.indexOf(f.engine()))));
        Highlight lit = highlight();
        List<Tick> ticks = new ArrayList<>();
        for (Mark mark : m.marks()) {
            if (mark.nanos() <= cursor) {
                ticks.add(new Tick(Math.max(0, ENGINES.indexOf(mark.engine())), mark.nanos(), mark.text(),
                        lit.namesId(mark.subject())));
            }
        }
        return new Picture(start, end, cursor, lanes, bands, ticks);
    }
}
