package dev.sluice.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DispatcherWakeTest {

    @Test
    void aRingFillingPastHalfWakesAParkedDispatcherAndNotBefore() throws Exception {
        DispatcherWake wake = new DispatcherWake();
        ProducerRing<String> ring = new ProducerRing<>(Thread.currentThread(), 16, wake);
        Thread dispatcher = new Thread(() -> wake.park(TimeUnit.HOURS.toNanos(1)), "test-dispatcher");
        wake.bind(dispatcher);
        dispatcher.start();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (!wake.parked()) {
                Thread.onSpinWait();
            }
        }, "the dispatcher never parked");
        for (int i = 0; i < 8; i++) { // up to half the ring: no wake
            assertTrue(ring.offer("e" + i, i));
        }
        assertTrue(wake.parked(), "woken below the high-water mark");
        assertTrue(ring.offer("e8", 8)); // finds the ring half full
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> dispatcher.join(), "a half-full ring did not wake the dispatcher");
        assertEquals(9, ring.size());
        assertEquals(1, wake.earlyWakes());
    }

    @Test
    void aFullRingStillRefusesAndTakesAgainOnceDrained() {
        ProducerRing<String> ring = new ProducerRing<>(Thread.currentThread(), 16, new DispatcherWake());
        for (int i = 0; i < 16; i++) {
            assertTrue(ring.offer("e" + i, i), "refused below capacity at " + i);
        }
        assertEquals(false, ring.offer("over", 16));
        ring.advance(ring.head(), 4);
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.offer("again" + i, 16 + i), "refused after the consumer freed room, at " + i);
        }
        assertEquals(false, ring.offer("over", 20));
        assertEquals(16, ring.size());
    }
}
