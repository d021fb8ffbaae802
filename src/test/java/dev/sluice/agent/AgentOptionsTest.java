package dev.sluice.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    @Test
    void recordAndTheTestProbeAreRead() {
        AgentOptions options = AgentOptions.parse("record=/tmp/job.sluice,test.failProbe=s3.request");
        assertEquals(Path.of("/tmp/job.sluice"), options.record());
        assertEquals("s3.request", options.failProbe());
        assertNull(AgentOptions.parse("record=job.sluice").failProbe());
        assertEquals(Path.of("job.sluice").toAbsolutePath(), AgentOptions.parse("record=job.sluice").record());
    }

    @Test
    void badOptionsAreRefusedInOneLineNamingWhatIsAccepted() {
        assertEquals("sluice agent: no trace file given; accepted: record=FILE[,test.failProbe=PROBE]",
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(null)).getMessage());
        assertEquals("sluice agent: option 'listen' is not known; accepted: record=FILE[,test.failProbe=PROBE]",
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("record=a,listen")).getMessage());
        assertEquals("sluice agent: option record is given twice; accepted: record=FILE[,test.failProbe=PROBE]",
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("record=a,record=b")).getMessage());
        assertEquals("sluice agent: test.failProbe=s3 names no probe; accepted: s3.client-built, s3.request, "
                        + "s3.client-closed, thread-watch",
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("record=a,test.failProbe=s3"))
                        .getMessage());
    }

    @Test
    void aClosedByteRangeGivesItsStartAndLengthAnythingElseNone() {
        assertArrayEquals(new long[] {0, 1024}, ByteRange.parse("bytes=0-1023"));
        assertArrayEquals(new long[] {100, 1}, ByteRange.parse("bytes=100-100"));
        assertArrayEquals(new long[] {0, 0}, ByteRange.parse(""));
        assertArrayEquals(new long[] {0, 0}, ByteRange.parse("bytes=-500"));
        assertArrayEquals(new long[] {0, 0}, ByteRange.parse("bytes=0-1,5-9"));
        assertArrayEquals(new long[] {0, 0}, ByteRange.parse("bytes=9-1"));
    }
}
