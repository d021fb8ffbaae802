package dev.sluice.trace;

import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Traces for tests: a recorded demo run, or events written directly. */
public final class TraceFixtures {

    private TraceFixtures() {
    }

    /** Runs the demo scenario live, recording to {@code file}. */
    public static RunResult recordDemo(Path file, Path dataDir) throws InterruptedException {
        return ScenarioRunner.run(ScenarioRegistry.find("demo").orElseThrow(),
                ScenarioRunner.Options.defaults().withRecord(file).withDataDir(dataDir)
                        .withOverrides(Map.of("demo.requests", "20", "demo.pace", "1ms")));
    }

    public static RunInfo run(String id) {
        return new RunInfo(id, "fixture", Map.of("flight.window", "65536"), Instant.parse("2026-11-22T10:00:00Z"), "test");
    }

    /** Writes {@code events} with the writer, in batches of {@code batch}. */
    public static void write(Path file, RunInfo run, List<Event> events, int batch) throws Exception {
        writeFlushed(file, run, events, batch);
    }

    /**
     * Writes {@code events} as a recorder killed after its last flush leaves them: every batch on
     * disk, but neither the closing batch nor the end-of-stream marker.
     */
    public static void writeCut(Path file, RunInfo run, List<Event> events, int batch) throws Exception {
        long flushed = writeFlushed(file, run, events, batch);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(flushed);
        }
    }

    /** Writes and closes the trace; returns its size before the closing batch and end marker. */
    private static long writeFlushed(Path file, RunInfo run, List<Event> events, int batch) throws Exception {
        TraceWriter writer = new TraceWriter(file);
        writer.open(run);
        for (int i = 0; i < events.size(); i += batch) {
            writer.accept(events.subList(i, Math.min(events.size(), i + batch)));
            writer.flushNow();
        }
        long flushed = writer.bytesWritten();
        writer.close();
        return flushed;
    }
}
