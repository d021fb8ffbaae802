package dev.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.Event;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.RunInfo;
import dev.sluice.event.S3Event;
import dev.sluice.model.s3.RequestSpan;
import dev.sluice.model.s3.S3Part;
import dev.sluice.trace.TraceWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loaded run keeps its columns off the heap, and dropping it (closing the run) gives that memory back — in direct
 * buffers, and in memory mapped from scratch files once the direct-buffer budget is spent.
 */
class OffHeapReleaseTest {

    private static final int REQUESTS = 10_000;

    @Test
    void droppingALoadedRunReleasesItsOffHeapColumns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.sluice");
        write(file);
        long baseline = settledReserved(Long.MAX_VALUE);
        // what the run took, counted as it was taken: slabs of earlier tests freed meanwhile do not make it smaller
        long held = loadAndDrop(file); // dropped as closing a run does: nothing holds its snapshot any more
        assertTrue(held > REQUESTS * 4L, "the loaded run held " + held + " bytes off the heap");
        long after = settledReserved(baseline + held / 10);
        assertTrue(after - baseline < held / 10, "still held after the run was dropped: " + (after - baseline)
                + " of " + held + " bytes");
    }

    @Test
    void aRunBeyondTheDirectBudgetIsMappedFromScratchFilesThatNeverOutliveIt(@TempDir Path dir) throws Exception {
        Path maps = Path.of("/proc/self/maps");
        Assumptions.assumeTrue(Files.isReadable(maps), "needs /proc/self/maps to see the mappings");
        Path file = dir.resolve("run.sluice");
        write(file);
        long previous = Slabs.directBudget(0); // every slab from now on is mapped
        try {
            long baseline = settledReserved(Long.MAX_VALUE);
            long mapped = loadMappedAndDrop(file, maps);
            long held = mapped + baseline;
            long after = settledReserved(baseline);
            assertTrue(after <= baseline, "still held after the run was dropped: " + (after - baseline) + " of " + held
                    + " bytes");
            assertTrue(scratchMappings(maps).isEmpty(), "still mapped after the run was dropped: " + scratchMappings(maps));
        } finally {
            Slabs.directBudget(previous);
        }
    }

    @Test
    void aLiveRunAfterALargeOpenHasADirectBudgetOfItsOwn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.sluice");
        write(file);
        long need = liveRunOnItsThread().directBytes(); // what a small live run takes in direct buffers
        long previous = Slabs.directBudget(2 * need);
        try {
            long slicedBefore = MappedSlabs.slicedBytes();
            TraceModel.Loaded large = TraceModel.load(file);
            assertTrue(MappedSlabs.slicedBytes() > slicedBefore, "the large open did not outgrow the direct budget of "
                    + 2 * need + " bytes");
            long slicedByLarge = MappedSlabs.slicedBytes();
            Slabs.Budget live = liveRunOnItsThread();
            assertEquals(slicedByLarge, MappedSlabs.slicedBytes(), "the live run after the large open got mapped slabs");
            assertEquals(need, live.directBytes(), "the live run's direct bytes");
            assertEquals(REQUESTS * 4, large.snapshot().eventCount()); // the large run is still loaded
        } finally {
            Slabs.directBudget(previous);
        }
    }

    @Test
    void runsTogetherStayWithinTheJvmsDirectCapAndMapBeyondIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.sluice");
        write(file);
        long need = liveRunOnItsThread().directBytes();
        long previous = Slabs.directCap(need / 2); // below what one small run takes, whatever other runs hold
        try {
            long slicedBefore = MappedSlabs.slicedBytes();
            Slabs.Budget live = liveRunOnItsThread();
            assertTrue(live.directBytes() < need, "the run's own budget was not the bound, the JVM's cap was: "
                    + live.directBytes() + " of " + need + " bytes direct");
            assertTrue(MappedSlabs.slicedBytes() > slicedBefore, "beyond the JVM's direct cap the run got no mapped slabs");
        } finally {
            Slabs.directCap(previous);
        }
    }

    /** Folds a small live run on its own thread, as a pipeline's dispatcher does; returns its slabs' budget. */
    private static Slabs.Budget liveRunOnItsThread() throws InterruptedException {
        AtomicReference<Slabs.Budget> budget = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread dispatcher = new Thread(() -> {
            try {
                LiveModel live = new LiveModel();
                live.open(new RunInfo("test", "live-after-open", Map.of(), Instant.EPOCH, RunInfo.currentVersion()));
                live.accept(requests(100));
                live.close();
                assertEquals(400, live.take().eventCount());
                budget.set(Slabs.runBudget());
            } catch (RuntimeException | AssertionError e) {
                failure.set(e);
            }
        }, "sluice-dispatcher-test");
        dispatcher.start();
        dispatcher.join();
        if (failure.get() != null) {
            throw new AssertionError("the live run failed", failure.get());
        }
        return budget.get();
    }

    /** Loads the run while every slab is mapped, checks its scratch files, and returns the bytes it mapped. */
    private static long loadMappedAndDrop(Path file, Path maps) throws Exception {
        long before = Slabs.mappedBytes();
        TraceModel.Loaded loaded = TraceModel.load(file);
        assertEquals("req-" + (REQUESTS - 1), S3Part.of(loaded.snapshot()).requests().get(REQUESTS - 1).request());
        long mapped = Slabs.mappedBytes() - before;
        assertTrue(mapped >= MappedSlabs.CHUNK_MIB << 20, "the run mapped " + mapped + " bytes");
        List<String> scratch = scratchMappings(maps);
        assertFalse(scratch.isEmpty(), "no scratch file is mapped while the run is loaded");
        assertTrue(scratch.stream().allMatch(line -> line.endsWith("(deleted)")),
                "a scratch file is still on disk while mapped: " + scratch);
        return mapped;
    }

    private static List<String> scratchMappings(Path maps) throws IOException {
        return Files.readAllLines(maps).stream().filter(line -> line.contains(MappedSlabs.PREFIX)).toList();
    }

    /** Loads the run, checks it reads back, and returns the off-heap bytes its load took. */
    private static long loadAndDrop(Path file) throws Exception {
        long before = Slabs.countedBytes();
        TraceModel.Loaded loaded = TraceModel.load(file);
        assertEquals(REQUESTS * 4, loaded.snapshot().eventCount());
        List<RequestSpan> requests = S3Part.of(loaded.snapshot()).requests();
        assertEquals(REQUESTS, requests.size());
        assertEquals("req-" + (REQUESTS - 1), requests.get(REQUESTS - 1).request());
        return Slabs.countedBytes() - before;
    }

    /**
     * Off-heap bytes held once collection has freed what it can: until they are at most {@code enough}, or (with no
     * bound) until a collection frees nothing more, so slabs earlier tests left behind are not counted as this run's.
     */
    private static long settledReserved(long enough) throws InterruptedException {
        long reserved = Slabs.reservedBytes();
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 200 && reserved > enough && (enough != Long.MAX_VALUE || reserved < previous || i < 3); i++) {
            System.gc();
            Thread.sleep(50); // the cleaner thread counts freed slabs after the collection
            previous = reserved;
            reserved = Slabs.reservedBytes();
        }
        return reserved;
    }

    private static void write(Path file) throws Exception {
        TraceWriter writer = new TraceWriter(file);
        writer.open(new RunInfo("test", "off-heap", Map.of(), Instant.EPOCH, RunInfo.currentVersion()));
        List<Event> all = requests(REQUESTS);
        for (int from = 0; from < all.size(); from += 4096) {
            writer.accept(all.subList(from, Math.min(all.size(), from + 4096)));
        }
        writer.close();
    }

    /** {@code n} S3 requests (started, on the event loop, completed) each with a Flight window sample: 4 events each. */
    private static List<Event> requests(int n) {
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = i * 4_000L;
            String id = "req-" + i;
            batch.add(new Event("r", t, "pool-1", 1, new S3Event.RequestStarted("c1", id, "GetObject", "k-" + i % 64, 0, 10)));
            batch.add(new Event("r", t + 1_000, "loop-1", 2, new S3Event.RequestIo("c1", id, "ch", "loop-1")));
            batch.add(new Event("r", t + 2_000, "done-1", 3,
                    new S3Event.RequestCompleted("c1", id, S3Event.RequestOutcome.OK, 10, 2_000, null)));
            batch.add(new Event("r", t + 3_000, "grpc-1", 4,
                    new FlightEvent.StreamWindowSampled("conn-1", "stream-" + i % 4, 65_535 - i, i, 1 << 20, i)));
        }
        return batch;
    }
}
