package dev.sluice.source.deltalog;

/**
 * An {@code s3://bucket/prefix} argument: the table's prefix always ends in {@code /} (or is empty),
 * and a trailing {@code _delta_log} names the same table.
 */
record S3Uri(String bucket, String tablePrefix) {

    static final String SCHEME = "s3://";

    static boolean is(String argument) {
        return argument.startsWith(SCHEME);
    }

    /** @throws IllegalArgumentException in one line when there is no bucket */
    static S3Uri of(String argument) {
        String rest = argument.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("names no bucket (give s3://bucket/path/to/table)");
        }
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (prefix.equals(LogListing.LOG_DIR)) {
            prefix = "";
        } else if (prefix.endsWith("/" + LogListing.LOG_DIR)) {
            prefix = prefix.substring(0, prefix.length() - LogListing.LOG_DIR.length() - 1);
        }
        return new S3Uri(bucket, prefix.isEmpty() ? "" : prefix + "/");
    }
}
