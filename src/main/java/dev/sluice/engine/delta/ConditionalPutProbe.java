package dev.sluice.engine.delta;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Proves, once per table and JVM, that the store honours {@code If-None-Match: *} on PutObject:
 * writes a marker under the table's {@code _delta_log/} twice; the first put must succeed and the
 * second must answer 412. A store that accepts both (ignores the header) or refuses the first
 * (NotImplemented) would let two processes publish the same version, so it is refused.
 */
final class ConditionalPutProbe {

    /** What the store did with the probe. */
    enum Verdict { HONOURED, IGNORED, REFUSED }

    private static final Map<String, Boolean> PROVEN = new ConcurrentHashMap<>();

    private ConditionalPutProbe() {
    }

    /** Passes when the store behind {@code bucket/logPrefix} honours conditional puts (cached), else throws one line. */
    static void require(S3Client s3, String endpoint, String bucket, String logPrefix) throws IOException {
        String table = endpoint + "|" + bucket + "/" + logPrefix;
        if (PROVEN.containsKey(table)) {
            return;
        }
        String key = logPrefix + ".sluice-conditional-put-probe-" + UUID.randomUUID();
        S3Exception refusal = null;
        Verdict verdict;
        try {
            verdict = probe(s3, bucket, key);
        } catch (S3Exception e) {
            refusal = e;
            verdict = Verdict.REFUSED;
        }
        if (verdict == Verdict.HONOURED) {
            PROVEN.put(table, Boolean.TRUE);
            return;
        }
        String what = verdict == Verdict.IGNORED ? "ignores If-None-Match on PutObject (a second put of the same key"
                + " succeeded)" : "refuses If-None-Match on PutObject (" + refusal.statusCode() + " "
                + (refusal.awsErrorDetails() == null ? refusal.getMessage() : refusal.awsErrorDetails().errorCode()) + ")";
        throw new ConditionalWritesUnsupportedException("s3://" + bucket + "/" + logPrefix + " at " + endpoint + ": the store "
                + what + "; delta.logStore=sluice needs conditional writes (AWS S3, S3Proxy's filesystem backend) — "
                + "use such a store, or delta.logStore=delta-default with a single writing process", refusal);
    }

    static Verdict probe(S3Client s3, String bucket, String key) {
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromString("probe 1\n"));
            try {
                s3.putObject(r -> r.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromString("probe 2\n"));
                return Verdict.IGNORED;
            } catch (S3Exception e) {
                if (e.statusCode() == 412) {
                    return Verdict.HONOURED;
                }
                throw e;
            }
        } finally {
            deleteQuietly(s3, bucket, key);
        }
    }

    private static void deleteQuietly(S3Client s3, String bucket, String key) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        } catch (S3Exception e) {
            // a marker left behind is harmless: Delta ignores files it does not name
            org.slf4j.LoggerFactory.getLogger(ConditionalPutProbe.class).warn("probe marker s3://{}/{} not deleted: {}",
                    bucket, key, e.getMessage());
        }
    }
}
