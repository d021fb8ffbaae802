package dev.sluice.engine.s3;

import dev.sluice.event.S3Event.ClientKind;
import dev.sluice.event.S3Event.Lifecycle;

/**
 * How the reader reads.
 *
 * @param concurrency requests in flight at once (async kinds); for sync kinds, the pool size
 * @param threads     pool threads that issue requests (async kinds)
 * @param partSize    objects larger than this are read in ranged parts of this size
 * @param digest      true: MD5 every whole object and check it against its ETag; false: lengths only
 */
public record ReaderConfig(ClientOptions client, int concurrency, int threads, long partSize, boolean digest) {

    public ReaderConfig {
        if (concurrency < 1 || threads < 1 || partSize < 1) {
            throw new IllegalArgumentException("concurrency, threads and part size must be >= 1");
        }
    }

    /**
     * The reader's defaults: the fast path (sync client on the reader's pool, no event-loop hop and
     * no per-chunk copy), one shared client, 16 requests in flight, MD5 checks.
     */
    public static ReaderConfig defaults() {
        return new ReaderConfig(ClientOptions.defaults(ClientKind.SYNC, Lifecycle.SHARED), 16, 8, 8L << 20, true);
    }

    public ReaderConfig withClient(ClientOptions options) {
        return new ReaderConfig(options, concurrency, threads, partSize, digest);
    }

    public ReaderConfig withConcurrency(int requests, int poolThreads) {
        return new ReaderConfig(client, requests, poolThreads, partSize, digest);
    }

    public ReaderConfig withDigest(boolean md5) {
        return new ReaderConfig(client, concurrency, threads, partSize, md5);
    }

    /** Pool threads the reader starts. */
    int workers() {
        return client.kind().async() ? threads : concurrency;
    }
}
