package dev.sluice.ui.loops;

import dev.sluice.detect.Finding;
import dev.sluice.detect.FindingCode;
import dev.sluice.detect.ResourceRef;
import dev.sluice.detect.Severity;
import dev.sluice.event.Engine;
import dev.sluice.event.S3Event.RequestOutcome;
import dev.sluice.event.S3Event.ThreadRole;
import dev.sluice.model.Mark;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.s3.ClientBar;
import dev.sluice.model.s3.RequestSpan;
import dev.sluice.model.s3.S3Part;
import dev.sluice.model.s3.ThreadLane;
import dev.sluice.ui.Band;
import dev.sluice.ui.Frame;
import dev.sluice.ui.Highlight;
import dev.sluice.ui.PictureViewModel;
import dev.sluice.ui.TimeAxis;
import dev.sluice.ui.TimeText;
import dev.sluice.ui.ViewPort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Event loops (S3): a row per client (its life as a bar, red to the end when leaked) followed by the
 * lanes of the threads it uses (caller/pool, event loop, completion); requests drawn from issuing
 * lane to event-loop lane to completion lane; findings on the lanes they involve. Up to the cursor.
 */
public final class LoopsViewModel extends PictureViewModel {

    /** Most recent requests drawn; older ones are summarised by the lanes' counts. */
    static final int MAX_REQUESTS = 1500;

    public enum RowKind { CLIENT, THREAD }

    /** A client is open, closed or leaked (never closed, a finding says); a thread is live or ended. */
    public enum RowState { OPEN, CLOSED, LEAKED, LIVE, ENDED }

    public record Row(RowKind kind, String id, String label, String detail, long startNanos, long endNanos,
                      RowState state, boolean selected, String tooltip) { }

    /** A request's path; a {@code -1} row or time means "not reached by the cursor". */
    public record Path(int issuerRow, long start, int ioRow, long io, int completerRow, long end, boolean ok) { }

    /** {@code indexingRequests}: completed requests whose start index is being built off the FX thread (no paths drawn meanwhile), else 0. */
    public record Picture(long fromNanos, long toNanos, long cursorNanos, List<Row> rows, List<Path> paths,
                          List<Band> bands, int hiddenRequests, int indexingRequests) { }

    /** Blocks of the request start index added on the FX thread in one picture; more are indexed off it. */
    static final int INLINE_BLOCKS = 64;

    /** {@link #INLINE_BLOCKS}; a test lowers it to index a small run off the FX thread. */
    int inlineBlocks = INLINE_BLOCKS;

    private StartBlocks completedStarts;
    private boolean indexingStarts;
    /** The run whose start index threw (the port reported it): walked from the end instead, not indexed each pulse. */
    private Object startsFailedFor = new Object(); // by identity, as StartBlocks keys its run

    public LoopsViewModel(ViewPort port) {
        super(port);
    }

    @Override
    protected void onFrame(Frame now, Frame previous) {
        changed();
        if (summaryHeld()) {
            return;
        }
        summarize(now.model());
    }

    private void summarize(ModelSnapshot m) {
        if (indexingStarts) {
            summaryProperty().set("indexing " + TimeText.count(S3Part.of(m).requests().size()) + " requests …");
            return;
        }
        long cursor = frame().cursorNanos();
        long open = S3Part.of(m).clients().stream().filter(c -> c.createdNanos() <= cursor && c.openAt(cursor)).count();
        summaryProperty().set(S3Part.of(m).clients().isEmpty() ? "no S3 clients in this run"
                : S3Part.of(m).clients().size() + " clients (" + open + " open at the cursor) · " + S3Part.of(m).threads().size() + " threads · "
                + TimeText.count(S3Part.of(m).requests().size() + S3Part.of(m).inFlight().size()) + " requests");
    }

    public Picture picture() {
        ModelSnapshot m = frame().model();
        long cursor = frame().cursorNanos();
        Highlight lit = highlight();
        Map<String, Finding> leaks = new HashMap<>();
        for (Finding f : m.findings()) {
            if (f.code() == FindingCode.CLIENT_LEAKED && f.startNanos() <= cursor) {
                f.resources().stream().filter(r -> r.type().equals("client")).forEach(r -> leaks.put(r.id(), f));
            }
        }
        // group thread lanes under the client they serve, in client creation order
        Map<String, List<ThreadLane>> byClient = new LinkedHashMap<>();
        List<ClientBar> byCreation = new ArrayList<>(S3Part.of(m).clients());
        byCreation.sort(Comparator.comparingLong(ClientBar::createdNanos));
        for (ClientBar c : byCreation) {
            byClient.put(c.client(), new ArrayList<>());
        }
        List<ThreadLane> byFirstSeen = new ArrayList<>(S3Part.of(m).threads());
        byFirstSeen.sort(Comparator.comparingLong(ThreadLane::firstSeenNanos));
        for (ThreadLane t : byFirstSeen) {
            if (t.firstSeenNanos() <= cursor) {
                byClient.computeIfAbsent(t.client() == null ? "(no client)" : t.client(), k -> new ArrayList<>()).add(t);
            }
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> rowOfThread = new HashMap<>();
        Map<String, Integer> rowOfClient = new HashMap<>();
        Map<String, ClientBar> clients = new HashMap<>();
        S3Part.of(m).clients().forEach(c -> clients.put(c.client(), c));
        for (Map.Entry<String, List<ThreadLane>> group : byClient.entrySet()) {
            ClientBar c = clients.get(group.getKey());
            boolean selected = lit.names("client", group.getKey());
            if (c != null && c.createdNanos() <= cursor) {
                boolean closed = !c.openAt(cursor);
                RowState state = closed ? RowState.CLOSED : leaks.containsKey(c.client()) ? RowState.LEAKED : RowState.OPEN;
                rowOfClient.put(c.client(), rows.size());
                rows.add(new Row(RowKind.CLIENT, c.client(), c.client(), c.clientKind().id() + ", " + c.lifecycle().id(),
                        c.createdNanos(), closed ? c.closedNanos() : cursor, state, selected,
                        c.client() + " (" + c.clientKind().id() + ", " + c.lifecycle().id() + ") created on " + c.ownerThread()
                                + " at " + TimeText.seconds(c.createdNanos())
                                + (closed ? ", closed by " + c.closedBy() + " at " + TimeText.seconds(c.closedNanos())
                                : state == RowState.LEAKED ? ", never closed: leaked" : ", open")));
            } else if (group.getValue().isEmpty()) {
                continue;
            }
            group.getValue().sort(Comparator.comparingInt(t -> roleOrder(t.role())));
            for (ThreadLane t : group.getValue()) {
                if (rowOfThread.containsKey(t.thread())) {
                    continue;
                }
                boolean ended = t.endedNanos() >= 0 && t.endedNanos() <= cursor;
                rowOfThread.put(t.thread(), rows.size());
                rows.add(new Row(RowKind.THREAD, t.thread(), t.thread(), t.role().id(), t.firstSeenNanos(),
                        ended ? t.endedNanos() : cursor, ended ? RowState.ENDED : RowState.LIVE,
                        selected || lit.names("thread", t.thread()),
                        t.thread() + " — " + t.role().id() + (t.client() == null ? "" : " of " + t.client())
                                + (ended ? ", ended at " + TimeText.seconds(t.endedNanos()) : "")));
            }
        }
        List<Path> paths = new ArrayList<>();
        List<RequestSpan> completed = S3Part.of(m).requests();
        StartBlocks starts = starts(m, completed);
        // while the index is built off the FX thread, walking millions of requests from the end would take the pulse
        int indexing = starts == null && indexingStarts ? completed.size() : 0;
        int end = indexing > 0 ? 0 : starts == null ? completed.size() : starts.endBy(completed, cursor);
        int hidden = collectPaths(completed, end, cursor, rowOfThread, paths);
        hidden += collectPaths(S3Part.of(m).inFlight(), S3Part.of(m).inFlight().size(), cursor, rowOfThread, paths);
        // an S3 finding is drawn on the rows of the clients and threads it names
        List<Band> bands = Band.of(m.findings(), cursor, selection(), f -> f.engine() != Engine.S3 ? IntStream.empty()
                : f.resources().stream().map(r -> r.type().equals("client") ? rowOfClient.get(r.id())
                        : r.type().equals("thread") ? rowOfThread.get(r.id()) : null)
                .filter(row -> row != null).mapToInt(Integer::intValue));
        for (Mark mark : m.marks()) {
            Integer row = rowOfThread.get(mark.subject());
            if (mark.kind() == Mark.Kind.BLOCKED && row != null && mark.nanos() <= cursor) {
                bands.add(Band.mark(row, mark.nanos(), Severity.ERROR, mark.text()));
            }
        }
        long from = Long.MAX_VALUE;
        for (ClientBar c : S3Part.of(m).clients()) {
            from = Math.min(from, c.createdNanos());
        }
        for (ThreadLane t : S3Part.of(m).threads()) {
            from = Math.min(from, t.firstSeenNanos());
        }
        TimeAxis span = span(TimeAxis.padded(from == Long.MAX_VALUE ? 0 : from, m.endNanos(), 40, 1_000_000));
        return new Picture(span.fromNanos(), span.toNanos(), cursor, rows, paths, bands, hidden, indexing);
    }

    /**
     * The start index of {@code m}'s completed requests: extended here by a few blocks (a live run's pulse), else made
     * off the FX thread (a replay of millions of requests: 0.4 s of the first pulse on this tab at 50 M events), no
     * request drawn meanwhile; null when no index of this run is in yet.
     */
    private StartBlocks starts(ModelSnapshot m, List<RequestSpan> completed) {
        StartBlocks cached = completedStarts;
        if (StartBlocks.missing(cached, m.run(), completed) <= inlineBlocks) {
            completedStarts = StartBlocks.of(cached, m.run(), completed);
            return completedStarts;
        }
        Object run = m.run();
        if (!indexingStarts && run != startsFailedFor) {
            indexingStarts = true;
            boolean[] inline = {true};
            port.offUi(() -> StartBlocks.of(cached, m.run(), completed), done -> {
                indexingStarts = false;
                completedStarts = done;
                if (!inline[0]) {
                    summarize(frame().model());
                    changed();
                }
            }, () -> {
                indexingStarts = false;
                startsFailedFor = run;
                if (!inline[0]) {
                    summarize(frame().model());
                    changed();
                }
            });
            inline[0] = false;
            if (indexingStarts) {
                summarize(m);
            }
        }
        return completedStarts != null && completedStarts.of(m.run()) ? completedStarts : null;
    }

    /**
     * Adds the newest requests started by the cursor among the first {@code end} of {@code spans} (at most {@link
     * #MAX_REQUESTS}; none after {@code end} started by it); returns how many were left out.
     */
    private static int collectPaths(List<RequestSpan> spans, int end, long cursor, Map<String, Integer> rows, List<Path> out) {
        int taken = 0;
        int skipped = 0;
        for (int i = end - 1; i >= 0; i--) {
            if (S3Part.startNanos(spans, i) > cursor) {
                continue; // read from the column: scrubbing early in a long run skips most of the history
            }
            RequestSpan s = spans.get(i);
            if (taken >= MAX_REQUESTS) {
                // the older ones are not drawn; count them without walking a long run's whole history
                skipped = i + 1;
                break;
            }
            Integer issuer = rows.get(s.issuer());
            if (issuer == null) {
                continue;
            }
            boolean ioSeen = s.ioThread() != null && s.ioNanos() <= cursor;
            boolean endSeen = s.completer() != null && s.endNanos() >= 0 && s.endNanos() <= cursor;
            int io = ioSeen ? rows.getOrDefault(s.ioThread(), -1) : -1;
            int completer = endSeen ? rows.getOrDefault(s.completer(), -1) : -1;
            out.add(new Path(issuer, s.startNanos(), io, ioSeen ? s.ioNanos() : -1, completer,
                    endSeen ? s.endNanos() : -1, !endSeen || s.outcome() == RequestOutcome.OK));
            taken++;
        }
        return skipped;
    }

    private static int roleOrder(ThreadRole role) {
        return switch (role) {
            case CALLER, POOL -> 0;
            case EVENT_LOOP -> 1;
            case COMPLETION -> 2;
        };
    }

    /** Selects a client (highlights it and its threads), or clears the selection with null. */
    public void selectClient(String client) {
        port.select(client == null ? List.of() : List.of(ResourceRef.of("client", client)));
    }
}
