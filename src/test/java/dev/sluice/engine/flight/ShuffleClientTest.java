package dev.sluice.engine.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.Emitter;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.FlightEvent.ReceiverPolicy;
import dev.sluice.scenario.flight.FlightScenario;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shuffle client against embedded Flight servers on 127.0.0.1. */
@Timeout(60)
class ShuffleClientTest {

    private static ShuffleConfig config(ShuffleConfig.Strategy strategy, ShuffleConfig.Order order, Duration delay) {
        return new ShuffleConfig(ReceiverPolicy.GRPC_JAVA, 1 << 20, false, strategy, order, 256L << 20, Duration.ofSeconds(2),
                2, Duration.ofMillis(10), Duration.ofSeconds(5), Duration.ofSeconds(30), delay, Duration.ofSeconds(10));
    }

    private static EmbeddedFlightServers.Spec spec(long batches) {
        return new EmbeddedFlightServers.Spec(2, 2, batches, 32 * 1024, 0, 1 << 20);
    }

    @Test
    void rowsReceivedEqualRowsServedForEveryStrategy() throws Exception {
        for (ShuffleConfig.Strategy strategy : ShuffleConfig.Strategy.values()) {
            try (BufferAllocator root = new RootAllocator()) {
                try (EmbeddedFlightServers servers = EmbeddedFlightServers.start(root, spec(16))) {
                    ShuffleResult r = new ShuffleClient(config(strategy, ShuffleConfig.Order.ROUND_ROBIN, Duration.ZERO), Emitter.NOOP)
                            .run(FlightScenario.endpoints(servers), root, () -> false);
                    assertTrue(r.allOk(), () -> strategy + ": " + r);
                    long served = servers.rowsPerPartition() * 4;
                    assertEquals(served, r.rowsReceived(), strategy.id());
                    assertEquals(served, r.rowsConsumed(), strategy.id());
                }
                assertEquals(0, root.getAllocatedMemory());
            }
        }
    }

    @Test
    void aServerKilledMidShuffleFailsItsStreamsClearlyAndNothingLeaks() throws Exception {
        try (BufferAllocator root = new RootAllocator()) {
            ShuffleResult r;
            String killed;
            try (EmbeddedFlightServers servers = EmbeddedFlightServers.start(root, spec(400))) {
                killed = servers.locations().get(1).getUri().toString();
                // kill once the server's streams are surely under way (its first batch arrived), not after a
                // fixed sleep a loaded machine may outlast or a quiet one may not reach
                CountDownLatch midShuffle = new CountDownLatch(1);
                Emitter watch = body -> {
                    if (body instanceof FlightEvent.BatchReceived b && b.stream().startsWith("e1-")) {
                        midShuffle.countDown();
                    }
                };
                Thread killer = new Thread(() -> {
                    try {
                        midShuffle.await();
                        servers.kill(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "test-killer");
                killer.start();
                r = new ShuffleClient(config(ShuffleConfig.Strategy.DRAIN, ShuffleConfig.Order.ARRIVAL, Duration.ofMillis(2)),
                        watch).run(FlightScenario.endpoints(servers), root, () -> false);
                midShuffle.countDown(); // a run that ended before its first batch still lets the killer go
                killer.join();
            }
            Map<String, ShuffleResult.StreamOutcome> byName = r.streams().stream()
                    .collect(Collectors.toMap(ShuffleResult.StreamOutcome::stream, s -> s));
            assertEquals(FlightEvent.StreamOutcome.OK, byName.get("e0-p0").outcome(), r::toString);
            assertEquals(FlightEvent.StreamOutcome.OK, byName.get("e0-p1").outcome(), r::toString);
            for (String s : List.of("e1-p0", "e1-p1")) {
                ShuffleResult.StreamOutcome o = byName.get(s);
                assertEquals(FlightEvent.StreamOutcome.FAILED, o.outcome(), o::toString);
                assertTrue(o.error().contains(s) && o.error().contains(killed), o.error());
            }
            assertEquals(0, root.getAllocatedMemory(), "every buffer released");
        }
    }

    @Test
    void aWrongAddressFailsFastWithAClearError() throws Exception {
        try (BufferAllocator root = new RootAllocator()) {
            Location nowhere = Location.forGrpcInsecure("127.0.0.1", 1);
            FlightEndpointException e = assertThrows(FlightEndpointException.class, () ->
                    new ShuffleClient(config(ShuffleConfig.Strategy.DRAIN, ShuffleConfig.Order.ARRIVAL, Duration.ZERO), Emitter.NOOP)
                            .run(List.of(new ShuffleClient.Endpoint(nowhere, List.of(ShuffleProducer.ticket(0)))), root, () -> false));
            assertTrue(e.getMessage().contains("grpc+tcp://127.0.0.1:1") && e.getMessage().contains("UNAVAILABLE"), e.getMessage());
            assertEquals(0, root.getAllocatedMemory());
        }
    }
}
