package dev.sluice.source;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import dev.sluice.event.FieldType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One process's lane in a run of several ({@link MergedSource} for recordings, the console's several
 * attached agents live): its events shifted onto the shared clock, its thread names prefixed with its
 * label ({@code A/main}), which the timeline groups by, and its process-local identities (clients,
 * requests, event loops, connections, streams, tasks) given the same prefix, so two processes'
 * "client-1" never read as one client; shared resources (Delta tables, object keys) stay as they are.
 * Not thread-safe: one lane is rewritten by one thread.
 */
public final class ProcessLane {

    /** Text fields that name something inside one process. */
    private static final Set<String> PROCESS_LOCAL = Set.of("client", "request", "channel", "eventLoop", "loopGroup",
            "closedBy", "threadName", "connection", "stream", "consumer", "attempt", "task", "pool");

    private final String label;
    private final int index;
    private final long shiftNanos;
    private final Map<Integer, boolean[]> local = new LinkedHashMap<>();

    /**
     * @param index      the process's place among the merged ones (keeps their thread ids apart)
     * @param shiftNanos how far its run time 0 lies after the shared clock's
     */
    public ProcessLane(String label, int index, long shiftNanos) {
        this.label = label;
        this.index = index;
        this.shiftNanos = shiftNanos;
    }

    public String label() {
        return label;
    }

    public long shiftNanos() {
        return shiftNanos;
    }

    /**
     * {@code e} on the shared clock in run {@code runId}, in this lane. A {@code RunEnded} is kept only when
     * {@code keepRunEnded}: a process cut short (or ending before the others, live) must not confirm findings
     * that rest on how the whole run ended, so its end becomes a note.
     */
    public Event rewrite(Event e, String runId, boolean keepRunEnded) {
        EventBody body = e.body();
        if (body instanceof AppEvent.RunEnded ended && !keepRunEnded) {
            body = new AppEvent.Note(label + ": run " + ended.outcome().id() + " (" + ended.scenario() + ")");
        } else {
            body = qualify(body);
        }
        String thread = e.thread() == null ? label : label + "/" + e.thread();
        // thread ids are per process: keep them apart (a process's index in the high bits)
        long threadId = ((long) (index + 1) << 48) | (e.threadId() & 0xFFFF_FFFF_FFFFL);
        return new Event(runId, e.timeNanos() + shiftNanos, thread, threadId, body);
    }

    private EventBody qualify(EventBody body) {
        EventKind kind = EventCatalog.of(body);
        boolean[] fields = local.computeIfAbsent(EventCatalog.indexOf(body), k -> localFields(kind));
        if (fields == null) {
            return body;
        }
        Object[] values = kind.values(body);
        for (int f = 0; f < values.length; f++) {
            if (fields[f] && values[f] instanceof String s && !s.isEmpty()) {
                values[f] = label + "/" + s;
            }
        }
        return kind.create(values);
    }

    /** Which fields of {@code kind} are process-local names; null when none is. */
    private static boolean[] localFields(EventKind kind) {
        List<EventKind.Field> fields = kind.fields();
        boolean[] local = new boolean[fields.size()];
        boolean any = false;
        for (int f = 0; f < local.length; f++) {
            EventKind.Field field = fields.get(f);
            local[f] = field.type() == FieldType.TEXT && field.enumIds() == null && PROCESS_LOCAL.contains(field.name());
            any |= local[f];
        }
        return any ? local : null;
    }
}
