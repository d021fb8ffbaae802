package dev.sluice.source.deltalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a table's {@code _delta_log} directory holds: commit files by version, checkpoints by version
 * (classic, multi-part and v2), and the version {@code _last_checkpoint} names. Other files (.crc,
 * compacted logs, temporary files) are not history and are left alone.
 */
record LogListing(TreeMap<Long, LogStore.Entry> commits, TreeMap<Long, Checkpoint> checkpoints, long lastCheckpoint) {

    private static final Logger LOG = LoggerFactory.getLogger(LogListing.class);
    static final String LOG_DIR = "_delta_log";
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    /** {@code v.checkpoint.parquet}, {@code v.checkpoint.i.n.parquet}, {@code v.checkpoint.uuid.(json|parquet)}. */
    private static final Pattern CHECKPOINT = Pattern.compile("(\\d{20})\\.checkpoint(?:\\.(\\d{10})\\.(\\d{10})|\\.[^.]+)?\\.(?:parquet|json)");
    private static final String LAST_CHECKPOINT = "_last_checkpoint";

    /**
     * The checkpoint files of one version: {@code parts} as the file names declare, {@code bytes} in all,
     * and its Parquet {@code files} (a v2 checkpoint's JSON top file is not read).
     */
    record Checkpoint(long version, int parts, long bytes, List<LogStore.Entry> files) {
        Checkpoint {
            files = List.copyOf(files);
        }
    }

    static LogListing of(LogStore store, ObjectMapper json) throws IOException {
        TreeMap<Long, LogStore.Entry> commits = new TreeMap<>();
        Map<Long, long[]> checkpoints = new TreeMap<>();
        Map<Long, List<LogStore.Entry>> parquet = new TreeMap<>();
        long last = -1;
        for (LogStore.Entry f : store.list()) {
            String name = f.name();
            Matcher c = COMMIT.matcher(name);
            Matcher k = CHECKPOINT.matcher(name);
            if (c.matches()) {
                commits.put(Long.parseLong(c.group(1)), f);
            } else if (k.matches()) {
                long version = Long.parseLong(k.group(1));
                long[] cp = checkpoints.computeIfAbsent(version, v -> new long[2]);
                cp[0] = k.group(3) == null ? 1 : Math.max(cp[0], Long.parseLong(k.group(3)));
                cp[1] += f.size();
                if (name.endsWith(".parquet")) {
                    parquet.computeIfAbsent(version, v -> new ArrayList<>()).add(f);
                }
            } else if (name.equals(LAST_CHECKPOINT)) {
                last = lastCheckpoint(store, f, json);
            }
        }
        TreeMap<Long, Checkpoint> byVersion = new TreeMap<>();
        checkpoints.forEach((v, cp) -> byVersion.put(v, new Checkpoint(v, (int) cp[0], cp[1],
                parquet.getOrDefault(v, List.of()))));
        return new LogListing(commits, byVersion, last);
    }

    /** The version {@code _last_checkpoint} names, or -1 when it does not read (it is only a hint to readers). */
    private static long lastCheckpoint(LogStore store, LogStore.Entry file, ObjectMapper json) {
        try (InputStream in = store.open(file)) {
            JsonNode v = json.readTree(in).path("version");
            return v.canConvertToLong() ? v.asLong() : -1;
        } catch (IOException e) {
            LOG.warn("{} does not read; readers list the log instead: {}", store.where(file), e.getMessage());
            return -1;
        }
    }

    /**
     * The checkpoint the history starts at when commit files before the first one were cleaned up:
     * the newest checkpoint at or right before the first commit file's version; null when the log
     * starts at v0 or no checkpoint covers what came before (a gap then).
     */
    Checkpoint historyStart() {
        long first = commits.firstKey();
        if (first == 0) {
            return null;
        }
        Map.Entry<Long, Checkpoint> cp = checkpoints.floorEntry(first);
        return cp != null && cp.getKey() >= first - 1 ? cp.getValue() : null;
    }

    /** Checkpoints at versions before {@code version}, in order. */
    List<Checkpoint> checkpointsBefore(long version) {
        return new ArrayList<>(checkpoints.headMap(version, false).values());
    }

    /** Checkpoints at versions from {@code from} (inclusive) to {@code to} (exclusive). */
    List<Checkpoint> checkpointsBetween(long from, long to) {
        return from >= to ? List.of() : new ArrayList<>(checkpoints.subMap(from, true, to, false).values());
    }
}
