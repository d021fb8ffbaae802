package dev.sluice.engine.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.Emitter;
import dev.sluice.event.FlightEvent.ReceiverPolicy;
import dev.sluice.scenario.flight.FlightScenario;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bearer and basic credentials against embedded servers on 127.0.0.1 that require them. */
@Timeout(60)
class FlightAuthTest {

    private static final ShuffleConfig CONFIG = new ShuffleConfig(ReceiverPolicy.GRPC_JAVA, 1 << 20, false,
            ShuffleConfig.Strategy.DRAIN, ShuffleConfig.Order.ARRIVAL, 64L << 20, Duration.ofSeconds(2), 2, Duration.ofMillis(10),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(10));

    @Test
    void theRightTokenReadsEverythingAndNoTokenFailsAtConnectWithoutShowingIt() throws Exception {
        String token = UUID.randomUUID().toString();
        FlightAuth auth = FlightAuth.of("bearer", "SLUICE_TEST_TOKEN", Map.of("SLUICE_TEST_TOKEN", token)::get);
        try (BufferAllocator root = new RootAllocator();
             EmbeddedFlightServers servers = EmbeddedFlightServers.start(root,
                     new EmbeddedFlightServers.Spec(1, 2, 4, 16 * 1024, 0, 1 << 20), null, auth)) {
            ShuffleResult r = new ShuffleClient(CONFIG, Emitter.NOOP).auth(auth)
                    .run(FlightScenario.endpoints(servers), root, () -> false);
            assertTrue(r.allOk(), r::toString);
            assertEquals(servers.rowsPerPartition() * 2, r.rowsReceived());

            FlightEndpointException e = assertThrows(FlightEndpointException.class, () -> new ShuffleClient(CONFIG, Emitter.NOOP)
                    .auth(FlightAuth.bearer("wrong")).run(FlightScenario.endpoints(servers), root, () -> false));
            assertTrue(e.getMessage().contains("UNAUTHENTICATED"), e.getMessage());
            assertFalse(e.getMessage().contains(token));
            assertFalse(auth.toString().contains(token));
        }
    }

    @Test
    void missingCredentialsAreAClearSettingError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlightAuth.of("basic", "SLUICE_NOT_SET", Map.<String, String>of()::get));
        assertTrue(e.getMessage().contains("SLUICE_NOT_SET"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlightAuth.of("kerberos", "X", k -> "v"));
        assertThrows(IllegalArgumentException.class, () -> FlightAuth.basic("no-colon"));
    }
}
