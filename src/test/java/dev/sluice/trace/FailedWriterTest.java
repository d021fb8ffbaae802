package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer that failed mid-run leaves a trace that reads as incomplete, never as complete. */
class FailedWriterTest {

    @TempDir
    Path dir;

    @Test
    void aWriteThatFailedLeavesAnIncompleteTrace() throws Exception {
        Path file = dir.resolve("failed.sluice");
        TraceWriter writer = new TraceWriter(file);
        writer.open(TraceFixtures.run("f"));
        List<Event> before = List.of(new Event("f", 1, "main", 1, new AppEvent.Note("before")));
        writer.accept(before);
        writer.flushNow();
        // an event the writer cannot encode (no body) fails the sink, as an encoding bug would
        assertThrows(RuntimeException.class, () -> writer.accept(List.of(new Event("f", 2, "main", 1, null))));
        assertTrue(writer.failed());
        writer.close();

        TraceContents back = TraceReader.readAll(file);
        assertFalse(back.complete(), "events after the failure are missing");
        assertEquals(before, back.events());
    }
}
