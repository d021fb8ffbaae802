package dev.sluice.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void everyFamilyIsCatalogedWithItsEngine() {
        Set<Engine> engines = new HashSet<>();
        for (EventKind k : EventCatalog.kinds()) {
            engines.add(k.engine());
            assertSame(k, EventCatalog.byName(k.name()));
        }
        assertEquals(Set.of(Engine.values()), engines);
        assertEquals(Engine.S3, EventCatalog.byName("ClientCreated").engine());
        assertEquals(Engine.APP, EventCatalog.byName("Heartbeat").engine());
    }

    @Test
    void valuesRoundTripThroughSlots() {
        S3Event.ClientCreated created = new S3Event.ClientCreated("client-1", S3Event.ClientKind.NETTY, S3Event.Lifecycle.SHARED, "elg-1", S3Event.LoopGroupOwner.SDK_OWNED, 4, S3Event.Completion.EXECUTOR);
        EventKind kind = EventCatalog.of(created);
        Object[] stored = kind.values(created);
        assertEquals("client-1", stored[0]);
        assertEquals("netty", stored[1], "an enum field is stored by its id");
        assertEquals("sdk-owned", stored[4]);
        assertEquals(4L, stored[5]);
        assertEquals(created, kind.create(stored));

        FlightEvent.ConnectionClosed opened = new FlightEvent.ConnectionClosed("c", "s", true);
        EventKind k2 = EventCatalog.of(opened);
        assertEquals(opened, k2.create(k2.values(opened)));
    }

    @Test
    void nullTextAndMissingIntegersDecodeToDefaults() {
        EventKind kind = EventCatalog.byName("RequestCompleted");
        Object[] stored = new Object[kind.fields().size()];
        S3Event.RequestCompleted rc = (S3Event.RequestCompleted) kind.create(stored);
        assertEquals(0, rc.bytes());
        assertEquals(null, rc.error());
    }

    @Test
    void slotsAreAssignedPerTypeInDeclarationOrder() {
        EventKind kind = EventCatalog.byName("ConnectionWindowSampled");
        assertNotNull(kind);
        assertEquals("s1", kind.fields().get(0).slot());
        assertEquals("n1", kind.fields().get(1).slot());
        assertFalse(kind.fields().stream().anyMatch(f -> f.slot().equals("s2")));
    }
}
