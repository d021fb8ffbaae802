package dev.sluice.model.s3;

import dev.sluice.event.S3Event.RequestOutcome;
import dev.sluice.model.Timespan;

/**
 * One S3 request's path: issued on {@code issuer}, I/O on {@code ioThread}, completed on
 * {@code completer}. Times are run nanos; {@code ioNanos}/{@code endNanos} are
 * {@link Timespan#OPEN} while not reached, {@code outcome} null.
 */
public record RequestSpan(String client, String request, String operation, String issuer, long startNanos,
                          String ioThread, long ioNanos, String completer, long endNanos, RequestOutcome outcome) {

    RequestSpan io(String thread, long nanos) {
        return new RequestSpan(client, request, operation, issuer, startNanos, thread, nanos, completer, endNanos, outcome);
    }

    RequestSpan completed(String thread, long nanos, RequestOutcome result) {
        return new RequestSpan(client, request, operation, issuer, startNanos, ioThread, ioNanos, thread, nanos, result);
    }
}
