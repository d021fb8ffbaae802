package dev.sluice.source.deltalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a table's {@code _delta_log} directory holds: commit files by version, checkpoints by version
 * (classic, multi-part and v2), and the version {@code _last_checkpoint} names. Other files (.crc,
 * compacted logs, temporary files) are not history and are left alone.
 */
record LogListing(Path logDir, TreeMap<Long, Path> commits, TreeMap<Long, Checkpoint> checkpoints, long lastCheckpoint) {

    private static final Logger LOG = LoggerFactory.getLogger(LogListing.class);
    static final String LOG_DIR = "_delta_log";
    private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
    /** {@code v.checkpoint.parquet}, {@code v.checkpoint.i.n.parquet}, {@code v.checkpoint.uuid.(json|parquet)}. */
    private static final Pattern CHECKPOINT = Pattern.compile("(\\d{20})\\.checkpoint(?:\\.(\\d{10})\\.(\\d{10})|\\.[^.]+)?\\.(?:parquet|json)");
    private static final String LAST_CHECKPOINT = "_last_checkpoint";

    /** The checkpoint files of one version: {@code parts} as the file names declare, {@code bytes} in all. */
    record Checkpoint(long version, int parts, long bytes) { }

    static LogListing of(Path logDir, ObjectMapper json) throws IOException {
        TreeMap<Long, Path> commits = new TreeMap<>();
        Map<Long, long[]> checkpoints = new TreeMap<>();
        long last = -1;
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                Matcher c = COMMIT.matcher(name);
                Matcher k = CHECKPOINT.matcher(name);
                if (c.matches()) {
                    commits.put(Long.parseLong(c.group(1)), f);
                } else if (k.matches()) {
                    long[] cp = checkpoints.computeIfAbsent(Long.parseLong(k.group(1)), v -> new long[2]);
                    cp[0] = k.group(3) == null ? 1 : Math.max(cp[0], Long.parseLong(k.group(3)));
                    cp[1] += Files.size(f);
                } else if (name.equals(LAST_CHECKPOINT)) {
                    last = lastCheckpoint(f, json);
                }
            }
        }
        TreeMap<Long, Checkpoint> byVersion = new TreeMap<>();
        checkpoints.forEach((v, cp) -> byVersion.put(v, new Checkpoint(v, (int) cp[0], cp[1])));
        return new LogListing(logDir, commits, byVersion, last);
    }

    /** The version {@code _last_checkpoint} names, or -1 when it does not read (it is only a hint to readers). */
    private static long lastCheckpoint(Path file, ObjectMapper json) {
        try {
            JsonNode v = json.readTree(file.toFile()).path("version");
            return v.canConvertToLong() ? v.asLong() : -1;
        } catch (IOException e) {
            LOG.warn("{} does not read; readers list the log instead: {}", file, e.getMessage());
            return -1;
        }
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
