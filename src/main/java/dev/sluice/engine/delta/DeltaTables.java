package dev.sluice.engine.delta;

import dev.sluice.event.DeltaEvent;
import dev.sluice.event.Emitter;
import io.delta.standalone.DeltaLog;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;

/**
 * Where tables live and how they are opened: the Hadoop configuration (which log store, which
 * local file system, how S3 is reached) and the {@code DeltaLog} instances of one run. A table is
 * named by URI throughout: {@code file:///...}, or {@code s3://bucket/prefix} through S3A with the
 * {@link S3Access} the tables were opened with.
 *
 * <p>{@link #sharedLog} hands every writer of a table the same {@code DeltaLog}, as it must be in
 * one process; {@link #separateLog} gives a writer its own, as a separate process would have.
 */
public final class DeltaTables {

    /** Hadoop's local file systems: {@code checksummed} (its default, writes .crc files) or {@code raw}. */
    public enum LocalFs { CHECKSUMMED, RAW }

    private final Configuration conf;
    private final LogStoreKind logStore;
    private final Emitter emitter;
    private final Map<URI, DeltaLog> shared = new ConcurrentHashMap<>();
    private final Map<DeltaLog, String> names = new ConcurrentHashMap<>();
    private final AtomicInteger instances = new AtomicInteger();

    public DeltaTables(LogStoreKind logStore, LocalFs fs, Emitter emitter) {
        this(logStore, fs, null, emitter);
    }

    /** Tables on {@code file:} and, when {@code s3} is given, on {@code s3://} through it. */
    public DeltaTables(LogStoreKind logStore, LocalFs fs, S3Access s3, Emitter emitter) {
        this.logStore = logStore;
        this.emitter = emitter;
        this.conf = hadoopConf(logStore, fs, s3);
    }

    /** A configuration for delta-standalone with the given log store on {@code file:} tables. */
    public static Configuration hadoopConf(LogStoreKind logStore, LocalFs fs) {
        return hadoopConf(logStore, fs, null);
    }

    /** The same, and with {@code s3} (may be null) for {@code s3:}/{@code s3a:} tables with the store's S3 class. */
    public static Configuration hadoopConf(LogStoreKind logStore, LocalFs fs, S3Access s3) {
        Configuration c = new Configuration();
        for (LogStoreKind.Scheme scheme : LogStoreKind.Scheme.values()) {
            c.set(scheme.configKey(), logStore.className(scheme));
        }
        if (s3 != null) {
            s3.configure(c);
        }
        if (fs == LocalFs.RAW) {
            c.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        }
        // Hadoop caches file systems per scheme, ignoring the configuration: keep runs with different choices apart
        c.setBoolean("fs.file.impl.disable.cache", true);
        return c;
    }

    /** The table at {@code dir} as a URI. */
    public static URI uriOf(Path dir) {
        return dir.toAbsolutePath().normalize().toUri();
    }

    public Configuration conf() {
        return conf;
    }

    public LogStoreKind logStore() {
        return logStore;
    }

    /** The one log of {@code table} in this run, opened on first use. */
    public DeltaLog sharedLog(URI table, String writer) {
        DeltaLog log = shared.computeIfAbsent(table, t -> DeltaLog.forTable(conf, new org.apache.hadoop.fs.Path(t)));
        String name = names.computeIfAbsent(log, l -> "log-" + instances.incrementAndGet());
        emitter.emit(new DeltaEvent.LogOpened(writer, table.toString(), name, logStore.className(LogStoreKind.Scheme.of(table))));
        return log;
    }

    /** A log of its own for {@code writer}, as if it ran in another process. */
    public DeltaLog separateLog(URI table, String writer) {
        DeltaLog log = DeltaLog.forTable(conf, new org.apache.hadoop.fs.Path(table));
        emitter.emit(new DeltaEvent.LogOpened(writer, table.toString(), "log-" + instances.incrementAndGet(),
                logStore.className(LogStoreKind.Scheme.of(table))));
        return log;
    }
}
