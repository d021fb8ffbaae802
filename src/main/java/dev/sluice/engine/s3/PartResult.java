package dev.sluice.engine.s3;

/**
 * How one GET went.
 *
 * @param md5Hex  MD5 of the bytes read when a digest was asked for, else null
 * @param error   why it failed, or null
 * @param outcome {@code ok}, {@code failed} or {@code timeout}
 */
public record PartResult(Part part, String request, long bytes, String md5Hex, Throwable error, long durationNanos,
                         String outcome) {

    public boolean ok() {
        return error == null;
    }
}
