package dev.sluice.scenario.s3;

import dev.sluice.event.S3Event.ClientKind;
import dev.sluice.event.S3Event.Lifecycle;
import dev.sluice.scenario.S3Connection;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.SettingType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one declaration of every S3 setting. Ranges are generous for staging (thousands of requests
 * in flight, objects up to 256 MiB) but refuse what would exhaust a laptop (a million threads or
 * connections, a terabyte of seeded samples).
 */
public final class S3Settings {

    /** What an S3 read checks. */
    public enum Verify {
        /** Whole objects against their ETag (as S3 computes it for single-part uploads). */
        MD5,
        /** Only the number of bytes. */
        LENGTH
    }

    /** What {@code s3-foreign-close}'s other thread closes. */
    public enum ForeignClose { EVENT_LOOP_GROUP, CLIENT }

    public static final Setting<Optional<URI>> ENDPOINT = S3Connection.ENDPOINT;
    public static final Setting<String> REGION = S3Connection.REGION;
    public static final Setting<String> BUCKET = S3Connection.BUCKET;
    public static final Setting<Optional<String>> PREFIX = Setting.of("s3.prefix",
            SettingType.optional(SettingType.text(Pattern.compile("[^\\p{Cntrl}]{1,1024}"),
                    "a key prefix of up to 1024 characters"), "the seeded sample dataset's prefix"),
            "", "prefix to read; empty = the seeded sample dataset's prefix");
    public static final Setting<Optional<String>> PROFILE = S3Connection.PROFILE;
    public static final Setting<Boolean> PATH_STYLE = S3Connection.PATH_STYLE;
    public static final Setting<Integer> DATASET_OBJECTS = Setting.of("s3.dataset.objects",
            SettingType.integer(1, 4096), "256", "objects in the seeded sample dataset");
    public static final Setting<Long> DATASET_MIN_SIZE = Setting.of("s3.dataset.min-size",
            SettingType.size(1, 256L << 20), "4KiB", "smallest sample object");
    public static final Setting<Long> DATASET_MAX_SIZE = Setting.of("s3.dataset.max-size",
            SettingType.size(1, 256L << 20), "16MiB", "largest sample object (sizes spread on a log scale)");
    public static final Setting<ClientKind> CLIENT = Setting.of("s3.client", SettingType.choice(ClientKind.class),
            "netty", "client kind: netty (async, event loops), crt (AWS Common Runtime) or sync (URL connection on a pool)");
    public static final Setting<Lifecycle> LIFECYCLE = Setting.of("s3.lifecycle",
            SettingType.choice(Lifecycle.class, List.of(Lifecycle.SHARED, Lifecycle.PER_THREAD, Lifecycle.PER_REQUEST)),
            "shared", "shared (one client), per-thread (ThreadLocal, never closed) or per-request");
    public static final Setting<Integer> CONCURRENCY = Setting.of("s3.concurrency", SettingType.integer(1, 4096), "16",
            "requests in flight (sync: pool threads)");
    public static final Setting<Integer> THREADS = Setting.of("s3.threads", SettingType.integer(1, 512), "8",
            "pool threads issuing requests (async kinds)");
    public static final Setting<Integer> EVENT_LOOPS = Setting.of("s3.event-loops", SettingType.integer(1, 64), "2",
            "event-loop threads per client");
    public static final Setting<Long> PART_SIZE = Setting.of("s3.part-size", SettingType.size(64L << 10, 1L << 30), "8MiB",
            "objects larger than this are read in ranged parts");
    public static final Setting<Duration> API_CALL_TIMEOUT = Setting.of("s3.api-call-timeout",
            SettingType.duration(Duration.ofMillis(100), Duration.ofHours(1)), "30s",
            "apiCallTimeout of every client (always set)");
    public static final Setting<Verify> VERIFY = Setting.of("s3.verify", SettingType.choice(Verify.class), "md5",
            "md5 (whole objects against their ETag) or length");

    public static final Setting<Integer> BLOCKING_ROUNDS = Setting.of("s3.blocking.rounds", SettingType.integer(1, 100),
            "1", "times a callback blocks the event loop (each lasts apiCallTimeout)");
    public static final Setting<Integer> FOREIGN_REQUESTS = Setting.of("s3.foreign.requests", SettingType.integer(1, 1024),
            "16", "GETs in flight when the group is shut down (largest objects first)");
    public static final Setting<Duration> FOREIGN_CLOSE_AFTER = Setting.of("s3.foreign.close-after",
            SettingType.duration(Duration.ZERO, Duration.ofMinutes(1)), "20ms",
            "at most how long after issuing them the foreign thread closes (earlier, the moment the first has completed)");
    public static final Setting<ForeignClose> FOREIGN_CLOSE = Setting.of("s3.foreign.close",
            SettingType.choice(ForeignClose.class), "event-loop-group",
            "what the foreign thread closes: event-loop-group or client");

    /** The settings every S3 scenario reads. */
    static final List<Setting<?>> COMMON = List.of(ENDPOINT, REGION, BUCKET, PREFIX, PROFILE, PATH_STYLE, DATASET_OBJECTS,
            DATASET_MIN_SIZE, DATASET_MAX_SIZE, CLIENT, LIFECYCLE, CONCURRENCY, THREADS, EVENT_LOOPS, PART_SIZE,
            API_CALL_TIMEOUT, VERIFY);

    private S3Settings() {
    }
}
