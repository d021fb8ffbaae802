package dev.sluice.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What a valid event is, derived from the @Nullable and @Signed declarations of the event records. */
class EventValidationTest {

    @Test
    void requiredTextIsThereOptionalTextMayBeNull() {
        EventKind completed = EventCatalog.byName("RequestCompleted");
        assertNull(completed.validate(new S3Event.RequestCompleted("c", "r", S3Event.RequestOutcome.OK, 10, 5, null)));
        assertEquals("RequestCompleted.client is missing",
                completed.validate(new S3Event.RequestCompleted(null, "r", S3Event.RequestOutcome.OK, 10, 5, null)));
    }

    @Test
    void countsSizesAndDurationsAreNotNegativeUnlessDeclaredSigned() {
        assertEquals("RequestCompleted.bytes is -1 (must be 0 or more)", EventCatalog.byName("RequestCompleted")
                .validate(new S3Event.RequestCompleted("c", "r", S3Event.RequestOutcome.OK, -1, 5, null)));
        assertNull(EventCatalog.byName("BufferReserved").validate(new FlightEvent.BufferReserved("s", -4096, 0, 8192)));
        assertNull(EventCatalog.byName("CommitAttempted")
                .validate(new DeltaEvent.CommitAttempted("w", "t", "a", "b", DeltaEvent.CommitOperation.CREATE_TABLE, -1, 0, 0)));
        assertNull(EventCatalog.byName("ConnectionOpened")
                .validate(new FlightEvent.ConnectionOpened("c", "e", FlightEvent.ReceiverPolicy.H2, 65_535, -1)));
        assertNull(EventCatalog.byName("StreamWindowSampled")
                .validate(new FlightEvent.StreamWindowSampled("c", "s", -100, 0, -5, 0)));
    }

    @Test
    void storedValuesMustFitTheirJavaType() {
        EventKind closed = EventCatalog.byName("ClientClosed");
        assertEquals("ClientClosed.inFlight is 99999999999 (must be 0 or more and at most 2147483647)",
                closed.checkStored(new Object[] {"c", 99_999_999_999L, "main", "client"}));
        assertEquals("ClientClosed.inFlight is missing", closed.checkStored(new Object[] {"c", null, "main", "client"}));
        EventKind connection = EventCatalog.byName("ConnectionClosed");
        assertEquals("ConnectionClosed.byPeer is 2 (must be 0 or 1)", connection.checkStored(new Object[] {"c", "r", 2L}));
        assertNull(connection.checkStored(new Object[] {"c", "r", 1L}));
    }

    @Test
    void anEnumFieldIsStoredByItsIdAndAnUnknownIdIsNamed() {
        EventKind closed = EventCatalog.byName("ClientClosed");
        S3Event.ClientClosed body = new S3Event.ClientClosed("c", 0, "main", S3Event.CloseTarget.EVENT_LOOP_GROUP);
        assertEquals("event-loop-group", closed.values(body)[3]);
        assertEquals(body, closed.create(new Object[] {"c", 0L, "main", "event-loop-group"}));
        assertEquals("ClientClosed.target is 'EVENT_LOOP_GROUP' (must be one of client, event-loop-group, reclaim)",
                closed.checkStored(new Object[] {"c", 0L, "main", "EVENT_LOOP_GROUP"}));
        assertEquals("CommitAttempted.operation is 'MERGE' (must be one of CREATE TABLE, WRITE, ADD COLUMNS)",
                EventCatalog.byName("CommitAttempted").checkStored(new Object[] {"w", "t", "a", "b", "MERGE", 0L, 0L, 0L}));
    }

    @Test
    void everyIdIsDistinctWithinItsEnum() {
        for (EventKind k : EventCatalog.kinds()) {
            for (EventKind.Field f : k.fields()) {
                if (f.javaType().isEnum()) {
                    Object[] constants = f.javaType().getEnumConstants();
                    assertEquals(constants.length, Arrays.stream(constants).map(c -> ((EventEnum) c).id()).distinct().count(),
                            k.name() + "." + f.name());
                }
            }
        }
    }
}
