package dev.sluice.model.s3;

import dev.sluice.model.EnginePart;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.PackedLog;
import java.util.List;

/**
 * The S3 part of a snapshot.
 *
 * @param clients  every client, in creation order
 * @param threads  every thread seen issuing, running or completing S3 work, in first-seen order
 * @param requests completed requests, in completion order
 * @param inFlight requests not completed yet
 */
public record S3Part(List<ClientBar> clients, List<ThreadLane> threads, List<RequestSpan> requests,
                     List<RequestSpan> inFlight) implements EnginePart {

    public static S3Part of(ModelSnapshot snapshot) {
        return snapshot.part(S3Part.class);
    }

    /** Start of request {@code i} of {@code spans} (requests or inFlight), read from its column when packed. */
    public static long startNanos(List<RequestSpan> spans, int i) {
        return spans instanceof PackedLog.Frozen<?> f ? f.longAt(RequestCodec.START, i) : spans.get(i).startNanos();
    }
}
