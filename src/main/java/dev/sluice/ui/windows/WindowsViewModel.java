package dev.sluice.ui.windows;

import dev.sluice.detect.ResourceRef;
import dev.sluice.event.Engine;
import dev.sluice.model.Mark;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.flight.ConnectionInfo;
import dev.sluice.model.flight.FlightPart;
import dev.sluice.model.flight.StreamInfo;
import dev.sluice.model.flight.WindowSample;
import dev.sluice.ui.Band;
import dev.sluice.ui.FindingSelection;
import dev.sluice.ui.Frame;
import dev.sluice.ui.Highlight;
import dev.sluice.ui.PictureViewModel;
import dev.sluice.ui.TimeAxis;
import dev.sluice.ui.TimeText;
import dev.sluice.ui.ViewPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * HTTP/2 windows (Flight) of one connection: gauges of the receive and send windows at the cursor,
 * their series over time (min/max per pixel column, so hundreds of thousands of samples cost one
 * pass), and a lane per stream with its window, the stream the consumer waits on highlighted and
 * pending streams shown; stalls as bands from onset to end.
 */
public final class WindowsViewModel extends PictureViewModel {

    /** A series decimated to columns; NaN where there is no sample. */
    public record Series(String name, double[] min, double[] max, double scale, String now) { }

    /** A stream's lane; {@code highlighted}: the selection names it or its connection. */
    public record StreamRow(String stream, String detail, long openedNanos, long endNanos, boolean pending,
                            boolean waitedOn, String outcome, double[] window, String now, boolean highlighted) { }

    public record Picture(long fromNanos, long toNanos, long cursorNanos, double receiveFill, String receiveText,
                          double sendFill, String sendText, List<Series> series, List<StreamRow> streams,
                          List<Band> bands, boolean building) { }

    /** Folding this many samples or more for a fresh decimation is done off the FX thread. */
    static final int OFF_UI_SAMPLES = 20_000;

    private final ObservableList<String> connections = FXCollections.observableArrayList();
    private final StringProperty connection = new SimpleStringProperty();
    private WindowDecimation decimation;
    /** A decimation folded off the FX thread, not taken up yet. */
    private WindowDecimation built;
    private boolean building;
    private boolean picturing;
    private boolean offUiFailed;
    /** {@link #OFF_UI_SAMPLES}, lowered by tests of the small demo run. */
    int offUiSamples = OFF_UI_SAMPLES;

    public WindowsViewModel(ViewPort port) {
        super(port);
        connection.addListener(o -> changed());
    }

    /** A selection that names a connection (or a stream of one) shows that connection. */
    @Override
    protected void onSelection() {
        Highlight lit = highlight();
        String named = lit.first("connection");
        if (named == null) {
            named = FlightPart.of(frame().model()).streams().stream().filter(s -> lit.names("stream", s.stream()))
                    .map(StreamInfo::connection).findFirst().orElse(null);
        }
        if (named != null && connections.contains(named)) {
            connection.set(named);
        }
        changed();
    }

    @Override
    protected void onFrame(Frame now, Frame previous) {
        ModelSnapshot m = now.model();
        List<String> ids = FlightPart.of(m).connections().stream().sorted(Comparator.comparingLong(ConnectionInfo::openedNanos))
                .map(ConnectionInfo::connection).toList();
        if (!ids.equals(connections)) {
            connections.setAll(ids);
        }
        if (connection.get() == null || !ids.contains(connection.get())) {
            connection.set(ids.isEmpty() ? null : ids.get(0));
        }
        changed();
        if (summaryHeld()) {
            return;
        }
        summaryProperty().set(FlightPart.of(m).connections().isEmpty() ? "no Flight connections in this run"
                : FlightPart.of(m).connections().size() + " connections · " + FlightPart.of(m).streams().size() + " streams · "
                + TimeText.count(FlightPart.of(m).windows().size()) + " window samples");
    }

    public Picture picture(int columns) {
        ModelSnapshot m = frame().model();
        long cursor = frame().cursorNanos();
        String conn = connection.get();
        int cols = Math.max(1, columns);
        ConnectionInfo info = FlightPart.of(m).connections().stream().filter(c -> c.connection().equals(conn)).findFirst().orElse(null);
        long from = info == null ? 0 : info.openedNanos();
        long to = info == null ? Math.max(1, m.endNanos()) : (info.closedNanos() >= 0 ? info.closedNanos() : m.endNanos());
        if (frame().live()) {
            // a live run's range grows by doublings (its start padded by the doubled width too), so
            // from and to stay put between doublings and the decimation carries on between pulses
            to = from + Long.highestOneBit(Math.max(1, to - from)) * 2;
        }
        TimeAxis span = span(TimeAxis.padded(from, to, 40, 1_000_000));
        from = span.fromNanos();
        to = span.toNanos();
        long initialWindow = info == null ? 65_535 : info.initialWindow();
        WindowDecimation d = decimationFor(FlightPart.of(m), conn, cols, from, to, initialWindow, cursor);
        if (d == null) {
            return new Picture(from, to, cursor, 0, "—", 0, "—", List.of(), List.of(), List.of(), true);
        }
        double[][] receive = d.receive;
        double[][] unconsumed = d.unconsumed;
        double[][] send = d.send;
        Map<String, double[]> streamWindow = d.streamWindow;
        Map<String, Long> streamScale = d.streamScale;
        WindowSample lastConn = d.lastConnection;
        Map<String, WindowSample> lastStream = d.lastStream;
        long initial = d.initial;
        List<Series> series = new ArrayList<>();
        long sendMax = (long) max(send[1]);
        series.add(new Series("receive window", receive[0], receive[1], initial,
                lastConn == null ? "—" : TimeText.bytes(lastConn.receiveWindow()) + " of " + TimeText.bytes(initial)));
        series.add(new Series("unconsumed bytes", unconsumed[0], unconsumed[1], initial,
                lastConn == null ? "—" : TimeText.bytes(lastConn.unconsumed())));
        series.add(new Series("send window (peer)", send[0], send[1], Math.max(1, sendMax),
                lastConn == null ? "—" : TimeText.bytes(lastConn.sendWindow())));
        String waitedOn = null;
        for (Mark mark : m.marks()) {
            if (mark.kind() == Mark.Kind.WAITING && mark.nanos() <= cursor) {
                waitedOn = mark.subject();
            }
        }
        Highlight lit = highlight();
        boolean connectionLit = lit.names("connection", conn);
        List<StreamRow> streams = new ArrayList<>();
        List<StreamInfo> byOpening = new ArrayList<>(FlightPart.of(m).streams());
        byOpening.sort(Comparator.comparingLong(StreamInfo::openedNanos));
        for (StreamInfo s : byOpening) {
            if (!s.connection().equals(conn) || s.openedNanos() > cursor) {
                continue;
            }
            boolean done = s.completedNanos() >= 0 && s.completedNanos() <= cursor;
            double[] w = streamWindow.getOrDefault(s.stream(), new double[0]);
            long scale = streamScale.getOrDefault(s.stream(), 1L);
            double[] norm = Arrays.stream(w).map(v -> Double.isNaN(v) ? v : v / scale).toArray();
            WindowSample last = lastStream.get(s.stream());
            streams.add(new StreamRow(s.stream(), s.ticket(), s.openedNanos(), done ? s.completedNanos() : cursor,
                    s.pendingAt(cursor), s.stream().equals(waitedOn), done ? s.outcome().id() : "open", norm,
                    last == null ? (done ? s.outcome().id() + ", " + s.rows() + " rows" : "running")
                            : "window " + TimeText.bytes(last.receiveWindow()) + ", unconsumed " + TimeText.bytes(last.unconsumed()),
                    connectionLit || lit.names("stream", s.stream())));
        }
        List<ResourceRef> shown = new ArrayList<>();
        shown.add(ResourceRef.of("connection", conn));
        streams.forEach(s -> shown.add(ResourceRef.of("stream", s.stream())));
        List<Band> bands = Band.of(m.findings(), cursor, selection(),
                f -> FindingSelection.appliesTo(f, Engine.FLIGHT, shown) ? IntStream.of(Band.WHOLE_PLOT) : IntStream.empty());
        double receiveFill = lastConn == null ? 0 : lastConn.receiveWindow() / (double) Math.max(1, initial);
        double sendFill = lastConn == null ? 0 : lastConn.sendWindow() / (double) Math.max(1, sendMax);
        return new Picture(from, to, cursor, receiveFill, series.get(0).now(), sendFill, series.get(2).now(), series,
                streams, bands, false);
    }

    /**
     * The decimation to draw: the one kept, carried on; a fresh one folded here when small, else
     * folded off the FX thread (one at a time) while the previous one of the same axis, if any,
     * stands in; null while there is none yet (the view says it is building).
     */
    private WindowDecimation decimationFor(FlightPart part, String conn, int cols, long from, long to,
                                           long initialWindow, long cursor) {
        List<WindowSample> samples = part.windows();
        if (built != null && built.continues(conn, cols, from, to, samples, cursor)) {
            decimation = built;
        }
        built = null;
        if (decimation != null && decimation.continues(conn, cols, from, to, samples, cursor)) {
            decimation.feed(part, cursor);
            return decimation;
        }
        WindowDecimation fresh = new WindowDecimation(conn, cols, from, to, initialWindow);
        if (samples.size() < offUiSamples || offUiFailed) { // after a failed fold off the FX thread: here, as before
            fresh.feed(part, cursor);
            decimation = fresh;
            return fresh;
        }
        if (!building) {
            building = true;
            picturing = true;
            port.offUi(() -> {
                fresh.feed(part, cursor);
                return fresh;
            }, d -> {
                building = false;
                built = d;
                if (!picturing) { // handed over later: draw again to take it up
                    changed();
                }
            }, () -> {
                building = false;
                offUiFailed = true; // reported once by the port; not retried off the FX thread every pulse
            });
            picturing = false;
            if (built != null) { // folded at once (a port without threads)
                decimation = built;
                built = null;
                return decimation;
            }
        }
        // a stand-in fed past the cursor (the cursor went back) would show samples after it: say "building" instead
        return decimation != null && decimation.sameAxis(conn, cols, from, to) && decimation.fedUpTo(cursor)
                ? decimation : null;
    }

    /** Whether a decimation is being folded off the FX thread (the view says "building…"). */
    public boolean building() {
        return building;
    }

    private static double max(double[] a) {
        double m = 0;
        for (double v : a) {
            if (!Double.isNaN(v)) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    public ObservableList<String> connections() {
        return connections;
    }

    public StringProperty connectionProperty() {
        return connection;
    }
}
