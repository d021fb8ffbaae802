package dev.sluice.source.deltalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.DeltaEvent;
import dev.sluice.event.Event;
import dev.sluice.scenario.RunResult;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.source.SourceFormats;
import dev.sluice.source.SourceKind;
import dev.sluice.source.RecordedSource;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table delta-standalone wrote in a Sluice scenario imports with the same commits the live probes saw. */
class StandaloneTableImportTest {

    @TempDir
    Path dir;

    @Test
    void importedHistoryMatchesTheLiveCommits() throws Exception {
        Path trace = dir.resolve("live.sluice");
        RunResult r = ScenarioRunner.run(ScenarioRegistry.find("delta-first-writer").orElseThrow(),
                ScenarioRunner.Options.defaults().withDataDir(dir).withRecord(trace)
                        .withOverrides(Map.of("delta.writers", "4", "delta.batches", "3", "delta.rows", "50")));
        assertTrue(r.completed(), () -> r.outcome() + " " + r.error());
        Map<Long, String> live = new TreeMap<>();
        Map<Long, Long> liveRead = new TreeMap<>();
        for (Event e : TraceReader.readAll(trace).events()) {
            if (e.body() instanceof DeltaEvent.CommitSucceeded s) {
                live.put(s.version(), s.writer());
                liveRead.put(s.version(), s.readVersion());
            }
        }
        Path table = tableIn(dir);

        RecordedSource source = SourceFormats.standard().open(table.toUri().toString());
        assertEquals(SourceKind.DELTA_LOG, source.kind());
        TraceContents imported = source.readAll();
        assertTrue(imported.complete(), imported::warning);
        Map<Long, String> logged = new TreeMap<>();
        for (Event e : imported.events()) {
            if (e.body() instanceof DeltaEvent.CommitSucceeded s) {
                logged.put(s.version(), s.writer());
            }
        }
        assertEquals(live, logged, "version → writer, live and from the log");
        List<DeltaEvent.CommitLogged> commits = imported.events().stream().map(Event::body)
                .filter(b -> b instanceof DeltaEvent.CommitLogged).map(b -> (DeltaEvent.CommitLogged) b).toList();
        assertEquals("CREATE TABLE", commits.get(0).operation());
        assertTrue(commits.stream().skip(1).allMatch(c -> c.readVersion() >= 0 && c.readVersion() < c.version()
                && c.filesAdded() >= 1 && !c.engineInfo().isEmpty()), commits::toString);
        // whether the writers overlapped is the run's timing; what each commit read is the log's to tell
        Map<Long, Long> loggedRead = new TreeMap<>();
        commits.stream().skip(1).forEach(c -> loggedRead.put(c.version(), c.readVersion()));
        liveRead.remove(0L);
        assertEquals(liveRead, loggedRead, "version → the version its writer read, live and from the log");
    }

    static Path tableIn(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().equals("_delta_log")).map(Path::getParent)
                    .findFirst().orElseThrow();
        }
    }
}
