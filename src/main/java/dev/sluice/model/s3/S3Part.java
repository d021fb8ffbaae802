package dev.sluice.model.s3;

import dev.sluice.model.EnginePart;
import dev.sluice.model.ModelSnapshot;
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
}
