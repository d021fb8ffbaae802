package dev.sluice.engine.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Folds part results into object results as they arrive (on any thread) and checks each object's
 * bytes: total length always, MD5 against the ETag when the object was read whole with a digest.
 */
final class ObjectTracker {

    private static final class Progress {
        final ListedObject object;
        final int parts;
        int done;
        long bytes;
        String md5;
        String error;

        Progress(ListedObject object, int parts) {
            this.object = object;
            this.parts = parts;
        }
    }

    private final Map<String, Progress> byKey = new ConcurrentHashMap<>();
    private final Map<String, ObjectResult> finished = new ConcurrentHashMap<>();
    private final List<Long> latencies = new ArrayList<>();
    private final Consumer<ObjectResult> listener;
    private final List<ListedObject> order;

    ObjectTracker(List<ListedObject> objects, Map<String, Integer> partsPerKey, Consumer<ObjectResult> listener) {
        this.order = List.copyOf(objects);
        this.listener = listener;
        for (ListedObject o : objects) {
            byKey.put(o.key(), new Progress(o, partsPerKey.get(o.key())));
        }
    }

    /** A part finished (read, failed, or was never issued). */
    void record(PartResult r) {
        if (r.request() != null) {
            synchronized (latencies) {
                latencies.add(r.durationNanos());
            }
        }
        Progress p = byKey.get(r.part().key());
        ObjectResult done;
        synchronized (p) {
            p.done++;
            p.bytes += r.bytes();
            if (r.error() != null && p.error == null) {
                p.error = describePart(r);
            } else if (r.error() == null && r.bytes() != r.part().length() && p.error == null) {
                p.error = "read " + r.bytes() + " bytes of " + rangeText(r.part()) + ", expected " + r.part().length();
            }
            if (r.part().whole()) {
                p.md5 = r.md5Hex();
            }
            if (p.done < p.parts) {
                return;
            }
            done = finish(p);
        }
        finished.put(done.key(), done);
        listener.accept(done);
    }

    private static ObjectResult finish(Progress p) {
        ListedObject o = p.object;
        if (p.error != null) {
            return new ObjectResult(o.key(), o.size(), p.bytes, p.parts, "none", p.error);
        }
        if (p.bytes != o.size()) {
            return new ObjectResult(o.key(), o.size(), p.bytes, p.parts, "length",
                    "read " + p.bytes + " bytes, the listing says " + o.size());
        }
        Part whole = new Part(o.key(), o.size(), 0, o.size(), o.etag());
        if (p.md5 != null && whole.etagIsMd5()) {
            if (!p.md5.equalsIgnoreCase(o.etag())) {
                return new ObjectResult(o.key(), o.size(), p.bytes, p.parts, "md5",
                        "content MD5 " + p.md5 + " does not match ETag " + o.etag());
            }
            return new ObjectResult(o.key(), o.size(), p.bytes, p.parts, "md5", null);
        }
        return new ObjectResult(o.key(), o.size(), p.bytes, p.parts, "length", null);
    }

    private static String describePart(PartResult r) {
        String what = r.request() == null ? "" : r.request() + " ";
        return what + "GET " + rangeText(r.part()) + " " + r.outcome().id() + ": " + Failures.describe(r.error());
    }

    private static String rangeText(Part part) {
        return part.key() + (part.whole() ? "" : " [" + part.rangeStart() + "+" + part.length() + "]");
    }

    /** Results in listing order; an object missing a result is reported as such, never dropped. */
    List<ObjectResult> results() {
        List<ObjectResult> out = new ArrayList<>(order.size());
        for (ListedObject o : order) {
            ObjectResult r = finished.get(o.key());
            out.add(r != null ? r : new ObjectResult(o.key(), o.size(), 0, 0, "none", "no result: the read ended before this object finished"));
        }
        return out;
    }

    long[] latencyPercentiles() {
        long[] sorted;
        synchronized (latencies) {
            sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        if (sorted.length == 0) {
            return new long[] {0, 0};
        }
        return new long[] {sorted[(int) Math.min(sorted.length - 1, Math.round(0.50 * (sorted.length - 1)))],
                sorted[(int) Math.min(sorted.length - 1, Math.round(0.99 * (sorted.length - 1)))]};
    }

    int requests() {
        synchronized (latencies) {
            return latencies.size();
        }
    }
}
