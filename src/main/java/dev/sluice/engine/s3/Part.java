package dev.sluice.engine.s3;

/**
 * One GET of the reader: a whole object, or the byte range {@code [rangeStart, rangeStart + length)}
 * of a large one.
 *
 * @param etag the object's ETag from the listing (quotes removed), or empty
 */
public record Part(String key, long objectSize, long rangeStart, long length, String etag) {

    public boolean whole() {
        return rangeStart == 0 && length == objectSize;
    }

    /** The HTTP {@code Range} header value, or null for a whole object. */
    String rangeHeader() {
        return whole() ? null : "bytes=" + rangeStart + "-" + (rangeStart + length - 1);
    }

    /** True when the ETag is a plain MD5 of the content (not a multipart ETag), so the bytes can be checked. */
    boolean etagIsMd5() {
        return etag.length() == 32 && etag.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
}
