package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.Event;
import dev.sluice.pipeline.EventSink;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ReplayerTest {

    @TempDir
    Path dir;

    @Test
    void playsSeeksBackAndForthAndStepsThroughTheSamePipeline() throws Exception {
        Path file = dir.resolve("demo.sluice");
        TraceFixtures.recordDemo(file, dir.resolve("data"));
        TraceContents trace = TraceReader.readAll(file);
        List<List<Event>> sinks = new CopyOnWriteArrayList<>();
        Replayer replayer = new Replayer(trace, () -> {
            List<Event> seen = new CopyOnWriteArrayList<>();
            sinks.add(seen);
            EventSink sink = seen::addAll;
            return List.of(sink);
        });
        try {
            replayer.setSpeed(Replayer.MAX_SPEED);
            replayer.play();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!replayer.atEnd() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(replayer.atEnd());

            long middle = trace.events().get(trace.events().size() / 2).timeNanos();
            replayer.seek(middle);
            assertEquals(2, sinks.size(), "seeking back rebuilds the sinks");
            assertTrue(replayer.positionNanos() <= middle);
            int at = replayer.position();
            replayer.step(3);
            assertEquals(at + 3, replayer.position());
            replayer.seek(trace.endNanos());
            assertTrue(replayer.atEnd());
        } finally {
            replayer.close();
        }
        assertEquals(trace.events(), sinks.get(0), "the first pass saw every event in order");
        assertEquals(trace.events(), sinks.get(1), "the pass after the seek saw every event in order");
    }
}
