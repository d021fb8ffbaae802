package dev.sluice.agent;

import dev.sluice.event.DeltaEvent;
import dev.sluice.event.DeltaEvent.CommitOperation;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delta-standalone probes, called from {@link DeltaAdvice} inside the job's own
 * {@code OptimisticTransactionImpl} and {@code DeltaLogImpl}: every commit attempt on any table
 * (read version, attempted version, operation, outcome, exception, the winning commit where it lost)
 * as the same {@link DeltaEvent}s the embedded Delta engine emits. Delta is reached by reflection
 * only; the job's actions are read only when they are a collection (iterating a one-shot iterable
 * would take them from the commit).
 */
public final class DeltaProbes {

    private static final AtomicLong ATTEMPTS = new AtomicLong();
    private static final String CONFLICT_PACKAGE = "io.delta.standalone.exceptions.";
    private static final String NUM_RECORDS = "\"numRecords\":";

    /** One {@code commit} call between its start and its end, on the committing thread. */
    public static final class Commit {
        final String writer;
        final String table;
        final String attempt;
        final long readVersion;
        final long rows;
        final int files;
        final long bytes;
        final boolean changesSchema;
        volatile long attemptedVersion;

        Commit(String writer, String table, String attempt, long readVersion, long[] stats, boolean changesSchema) {
            this.writer = writer;
            this.table = table;
            this.attempt = attempt;
            this.readVersion = readVersion;
            this.rows = stats[0];
            this.files = (int) stats[1];
            this.bytes = stats[2];
            this.changesSchema = changesSchema;
            this.attemptedVersion = readVersion + 1;
        }
    }

    private static final ThreadLocal<Commit> COMMITTING = new ThreadLocal<>();

    private DeltaProbes() {
    }

    /** A {@code DeltaLogImpl} was made for a table, on the thread that asked for it. */
    public static void logOpened(Object log) {
        try {
            if (!Probes.on(ProbeName.DELTA_COMMIT)) {
                return;
            }
            Object store = Reflect.field(log, "store"); // lazy: named only when already made
            Probes.emit(new DeltaEvent.LogOpened(Thread.currentThread().getName(), table(log),
                    "log-" + Integer.toHexString(System.identityHashCode(log)), store == null ? "" : store.getClass().getName()));
        } catch (Throwable t) {
            Probes.failed(ProbeName.DELTA_COMMIT, t);
        }
    }

    /** {@code txn.commit(actions, operation, engineInfo)} begins; returns what {@link #committed} needs. */
    public static Object committing(Object txn, Object actions, Object operation) {
        try {
            if (!Probes.on(ProbeName.DELTA_COMMIT)) {
                return null;
            }
            long read = Reflect.callLong(txn, "readVersion");
            String table = table(Reflect.field(txn, "deltaLog"));
            long[] stats = {0, 0, 0};
            boolean schema = false;
            if (actions instanceof Collection<?> all) {
                for (Object a : all) {
                    String kind = a.getClass().getSimpleName();
                    if (kind.equals("AddFile")) {
                        stats[0] += numRecords((String) Reflect.call(a, "getStats"));
                        stats[1]++;
                        stats[2] += Reflect.callLong(a, "getSize");
                    } else if (kind.equals("Metadata")) {
                        schema = true;
                    }
                }
            }
            Commit c = new Commit(Thread.currentThread().getName(), table, "attempt-" + ATTEMPTS.incrementAndGet(), read,
                    stats, schema);
            COMMITTING.set(c);
            Probes.emit(new DeltaEvent.CommitAttempted(c.writer, table, c.attempt, c.attempt,
                    operation(String.valueOf(Reflect.call(operation, "getName")), read), read, 0, c.rows));
            return c;
        } catch (Throwable t) {
            Probes.failed(ProbeName.DELTA_COMMIT, t);
            return null;
        }
    }

    /** The transaction tries to write {@code version} (again after a lost race, if it may retry). */
    public static void attemptingVersion(long version) {
        Commit c = COMMITTING.get();
        if (c != null) {
            c.attemptedVersion = version;
        }
    }

    /** {@code commit} ended with {@code result} or {@code thrown}; a commit reported attempted is always reported ended. */
    public static void committed(Object commit, Object txn, Object result, Throwable thrown) {
        if (!(commit instanceof Commit c)) {
            return;
        }
        COMMITTING.remove();
        try {
            if (thrown == null) {
                long version = Reflect.callLong(result, "getVersion");
                Probes.emit(new DeltaEvent.CommitSucceeded(c.writer, c.table, c.attempt, c.attempt, version, c.readVersion,
                        0, c.rows, c.files, c.bytes, c.readVersion < 0, c.changesSchema));
                return;
            }
            String exception = thrown.getClass().getName();
            String[] winner = exception.startsWith(CONFLICT_PACKAGE) ? winner(Reflect.field(txn, "deltaLog"), c.attemptedVersion)
                    : new String[] {"-1", "", ""};
            String message = thrown.getMessage() == null ? "" : GrpcProbes.oneLine(thrown.getMessage().lines().findFirst().orElse(""));
            Probes.emit(new DeltaEvent.CommitFailed(c.writer, c.table, c.attempt, c.attempt, exception, message,
                    winner[1], winner[2], c.readVersion, c.attemptedVersion, Long.parseLong(winner[0]), 0));
        } catch (Throwable t) {
            Probes.failed(ProbeName.DELTA_COMMIT, t);
        }
    }

    /** Version, writer and operation of the commit that took {@code version}, read from the log; version -1 when unreadable. */
    private static String[] winner(Object log, long version) {
        try {
            Object info = Reflect.call(log, "getCommitInfoAt", version);
            Optional<?> user = (Optional<?>) Reflect.call(info, "getUserMetadata");
            Optional<?> engine = (Optional<?>) Reflect.call(info, "getEngineInfo");
            String writer = user.map(String::valueOf).orElse(engine.map(String::valueOf).orElse("unknown writer"));
            return new String[] {Long.toString(version), writer, String.valueOf(Reflect.call(info, "getOperation"))};
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the attempt's own failure is what gets reported; this says why the winner is unknown
            return new String[] {"-1", GrpcProbes.oneLine("unreadable: " + e), ""};
        }
    }

    private static String table(Object log) throws ReflectiveOperationException {
        return String.valueOf(Reflect.call(Reflect.call(log, "getPath"), "toUri"));
    }

    /** Delta's operation names as the engine's vocabulary has them; any other write is a WRITE. */
    static CommitOperation operation(String name, long readVersion) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.contains("CREATE") || (readVersion < 0 && n.contains("REPLACE"))) {
            return CommitOperation.CREATE_TABLE;
        }
        return n.contains("COLUMNS") || n.contains("SCHEMA") ? CommitOperation.ADD_COLUMNS : CommitOperation.WRITE;
    }

    /** numRecords of an AddFile's stats JSON, 0 when absent. */
    static long numRecords(String stats) {
        int at = stats == null ? -1 : stats.indexOf(NUM_RECORDS);
        if (at < 0) {
            return 0;
        }
        int from = at + NUM_RECORDS.length();
        int to = from;
        while (to < stats.length() && Character.isDigit(stats.charAt(to))) {
            to++;
        }
        return to == from ? 0 : Long.parseLong(stats.substring(from, to));
    }
}
