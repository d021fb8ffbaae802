package dev.sluice.model.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.model.PackedLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A window sample appended as its fields (the live fold, no record per event) reads back as the record would. */
class WindowEncodingTest {

    @Test
    void samplesAppendedAsFieldsReadBackAsTheRecordsAppended() {
        PackedLog<WindowSample> byRecord = new PackedLog<>(new WindowCodec());
        PackedLog<WindowSample> byFields = new PackedLog<>(new WindowCodec());
        long[] longs = new long[WindowCodec.LONGS];
        String[] strings = new String[WindowCodec.STRINGS];
        List<WindowSample> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            boolean connection = i % 3 == 0;
            WindowSample w = new WindowSample(i * 1_000L, "conn-" + i % 2, connection ? "" : "stream-" + i % 4,
                    65_535 - i, connection ? 1_048_576 : 0, i % 97, -i, connection ? i % 5 : 0, connection ? i % 2 : 0);
            expected.add(w);
            byRecord.add(w);
            WindowCodec.encode(w.nanos(), w.connection(), w.stream(), w.receiveWindow(), w.initial(), w.unconsumed(),
                    w.sendWindow(), w.activeStreams(), w.pendingStreams(), longs, strings);
            byFields.addEncoded(longs, strings);
        }
        assertEquals(expected, byRecord.freeze());
        assertEquals(expected, byFields.freeze());
        assertEquals(expected.get(4_321), byFields.get(4_321));
    }

    @Test
    void fieldsOfAnotherShapeAreRefused() {
        PackedLog<WindowSample> log = new PackedLog<>(new WindowCodec());
        assertThrows(IllegalArgumentException.class, () -> log.addEncoded(new long[3], new String[WindowCodec.STRINGS]));
        assertThrows(IllegalArgumentException.class, () -> log.addEncoded(new long[WindowCodec.LONGS], new String[1]));
        assertEquals(0, log.size());
    }
}
