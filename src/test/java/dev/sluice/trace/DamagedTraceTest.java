package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.bench.SyntheticEvents;
import dev.sluice.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Truncated, corrupt and foreign files: a partial load or one clear error; never a crash or a hang. */
@Timeout(120)
class DamagedTraceTest {

    @TempDir
    Path dir;
    Path sample;
    byte[] bytes;
    List<Event> events;

    @BeforeEach
    void writeSample() throws Exception {
        SyntheticEvents source = new SyntheticEvents("d");
        events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            events.add(source.next());
        }
        sample = dir.resolve("sample.sluice");
        TraceFixtures.write(sample, TraceFixtures.run("d"), events, 500); // 6 batches
        bytes = Files.readAllBytes(sample);
    }

    @Test
    void truncatedAtManyOffsetsLoadsAPrefixOrFailsClearly() throws Exception {
        Path cut = dir.resolve("cut.sluice");
        int partial = 0;
        int errors = 0;
        for (int len = 0; len < bytes.length; len += Math.max(1, bytes.length / 400)) {
            Files.write(cut, Arrays.copyOf(bytes, len));
            try {
                TraceContents c = TraceReader.readAll(cut);
                assertFalse(c.complete(), "cut at " + len + " must not look complete");
                assertNotNull(c.warning());
                assertTrue(c.warning().contains("incomplete"), c.warning());
                assertEquals(0, c.events().size() % 500, "whole batches only, cut at " + len);
                assertEquals(events.subList(0, c.events().size()), c.events(), "a prefix, cut at " + len);
                partial++;
            } catch (TraceException e) {
                assertTrue(e.getMessage().startsWith(cut.toString()), "names the file: " + e.getMessage());
                errors++;
            }
        }
        assertTrue(partial > 100, "most cuts load partially: " + partial);
        assertTrue(errors > 0, "a cut inside the schema is an error: " + errors);
    }

    @Test
    void flippedBytesNeverCrashOrHang() throws Exception {
        Random random = new Random(42);
        Path bad = dir.resolve("bad.sluice");
        for (int round = 0; round < 200; round++) {
            byte[] copy = bytes.clone();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            Files.write(bad, copy);
            try {
                TraceReader.readAll(bad);
            } catch (TraceException e) {
                assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
            } catch (Throwable t) {
                fail("round " + round + ": " + t, t);
            }
        }
    }

    @Test
    void randomBytesAndEmptyFilesAreNotTraces() throws Exception {
        Path random = dir.resolve("random.sluice");
        byte[] noise = new byte[5000];
        new Random(7).nextBytes(noise);
        Files.write(random, noise);
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.readAll(random));
        assertTrue(e.getMessage().contains("not a Sluice trace"), e.getMessage());

        Path empty = dir.resolve("empty.sluice");
        Files.write(empty, new byte[0]);
        e = assertThrows(TraceException.class, () -> TraceReader.readAll(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        e = assertThrows(TraceException.class, () -> TraceReader.readAll(dir.resolve("missing.sluice")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void anArrowStreamThatIsNotATraceIsRejectedByName() throws Exception {
        Path foreign = dir.resolve("foreign.arrows");
        try (BufferAllocator allocator = new RootAllocator();
             IntVector v = new IntVector("x", allocator)) {
            v.allocateNew(3);
            v.set(0, 1);
            v.setValueCount(1);
            VectorSchemaRoot root = VectorSchemaRoot.of(v);
            try (var out = Files.newOutputStream(foreign);
                 ArrowStreamWriter w = new ArrowStreamWriter(root, null, out)) {
                w.start();
                w.writeBatch();
                w.end();
            }
        }
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.readAll(foreign));
        assertTrue(e.getMessage().contains("not a Sluice trace"), e.getMessage());
        assertTrue(e.getMessage().startsWith(foreign.toString()), e.getMessage());
    }
}
