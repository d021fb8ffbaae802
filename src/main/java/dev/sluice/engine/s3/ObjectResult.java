package dev.sluice.engine.s3;

/**
 * How reading one object went, over all its parts.
 *
 * @param verified how the bytes were checked: {@code md5} (against the ETag), {@code length}, or
 *                 {@code none} when the read failed
 * @param error    why it failed (what and where), or null when every byte was read and checked
 */
public record ObjectResult(String key, long size, long bytesRead, int parts, String verified, String error) {

    public boolean ok() {
        return error == null;
    }
}
