package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format 4's int8-indexed columns (threads, time bases) when a batch has more values than they address. */
class NarrowColumnsTest {

    @TempDir
    Path dir;

    /**
     * 300 threads round robin and run times jumping across many 2^31 ns time bases (also backwards,
     * as merged sources deliver): every batch ends before an int8 dictionary would overflow, and
     * every event comes back exactly.
     */
    @Test
    void moreThreadsAndTimeBasesThanAnInt8IndexAddressesComeBackExactly() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long t = (i % 2 == 0 ? i : 2_000 - i) * (1L << 31) / 3 + i;
            events.add(new Event("n", t, "worker-" + (i % 300), 1_000 + i % 300,
                    new FlightEvent.BatchReceived("conn-" + (i % 3), "stream-" + i, i, 1L << 40)));
        }
        Path file = dir.resolve("narrow.sluice");
        TraceFixtures.write(file, TraceFixtures.run("n"), events, 2_000);

        TraceContents back = TraceReader.readAll(file);
        assertTrue(back.complete());
        assertEquals(events, back.events());
        int batches = 0;
        try (BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(Files.newInputStream(file), allocator)) {
            while (reader.loadNextBatch()) {
                if (reader.getVectorSchemaRoot().getRowCount() > 0) {
                    batches++;
                    assertTrue(reader.getVectorSchemaRoot().getRowCount() <= TraceSchema.NARROW_VALUES);
                }
            }
        }
        assertTrue(batches >= 2_000 / TraceSchema.NARROW_VALUES, batches + " batches");
    }
}
