package dev.sluice.agent;

/** The first byte and length of an HTTP {@code Range} header such as {@code bytes=0-1023}. */
final class ByteRange {

    private ByteRange() {
    }

    /** {start, length}; {0, 0} for no range or one that is not a single closed {@code bytes=a-b}. */
    static long[] parse(String range) {
        if (range == null || !range.startsWith("bytes=")) {
            return new long[] {0, 0};
        }
        String[] ends = range.substring("bytes=".length()).split("-", -1);
        try {
            if (ends.length == 2 && !ends[0].isEmpty() && !ends[1].isEmpty()) {
                long start = Long.parseLong(ends[0].trim());
                long end = Long.parseLong(ends[1].trim());
                if (start >= 0 && end >= start) {
                    return new long[] {start, end - start + 1};
                }
            }
        } catch (NumberFormatException e) {
            return new long[] {0, 0}; // a suffix or multi-range header: recorded without its span
        }
        return new long[] {0, 0};
    }
}
