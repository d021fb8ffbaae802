package dev.sluice.engine.s3;

import dev.sluice.event.S3Event.RequestOutcome;

/**
 * How one GET went.
 *
 * @param md5Hex  MD5 of the bytes read when a digest was asked for, else null
 * @param error   why it failed, or null
 */
public record PartResult(Part part, String request, long bytes, String md5Hex, Throwable error, long durationNanos,
                         RequestOutcome outcome) {

    public boolean ok() {
        return error == null;
    }
}
