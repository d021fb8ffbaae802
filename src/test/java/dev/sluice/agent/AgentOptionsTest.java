package dev.sluice.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        String accepted = "accepted: record=FILE and/or listen=HOST:PORT[,token.env=NAME][,test.failProbe=PROBE]";
        assertEquals("sluice agent: no trace file and no listen address given; " + accepted,
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(null)).getMessage());
        assertEquals("sluice agent: option 'listen' is not known; " + accepted,
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("record=a,listen")).getMessage());
        assertEquals("sluice agent: option record is given twice; " + accepted,
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("record=a,record=b")).getMessage());
        assertEquals("sluice agent: test.failProbe=s3 names no probe; accepted: s3.client-built, s3.request, "
                        + "s3.client-closed, thread-watch, grpc.connection, grpc.stream, grpc.windows, flight.stream, delta.commit, futures",
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("record=a,test.failProbe=s3"))
                        .getMessage());
    }

    @Test
    void listenIsLoopbackWithoutATokenAndAnyOtherAddressNeedsOne() {
        AgentOptions live = AgentOptions.parse("listen=127.0.0.1:0");
        assertNull(live.record());
        assertEquals(0, live.listen().getPort());
        assertTrue(live.listen().getAddress().isLoopbackAddress());
        AgentOptions both = AgentOptions.parse("record=/tmp/j.sluice,listen=localhost:7000");
        assertEquals(Path.of("/tmp/j.sluice"), both.record());
        assertEquals(7000, both.listen().getPort());
        assertEquals("sluice agent: listen=0.0.0.0:7000 is not a loopback address, so a console must present a token:"
                        + " add token.env=NAME, NAME being an environment variable that holds it",
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("listen=0.0.0.0:7000")).getMessage());
        AgentOptions withToken = AgentOptions.parse("listen=0.0.0.0:7000,token.env=SLUICE_TOKEN");
        assertEquals("SLUICE_TOKEN", withToken.tokenEnv());
        assertEquals("sluice agent: listen=7000 is not HOST:PORT; accepted: e.g. listen=127.0.0.1:7000 (port 0: any free"
                        + " port)",
                assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("listen=7000")).getMessage());
        assertEquals("sluice agent: token.env=s3cr=t is not an environment variable name; accepted: letters, digits and _"
                        + " (the variable holds the token, never the option)",
                assertThrows(IllegalArgumentException.class,
                        () -> AgentOptions.parse("listen=127.0.0.1:1,token.env=s3cr=t")).getMessage());
    }

    @Test
    void aTokenVariableThatIsNotSetIsRefusedAtStart() {
        String unset = "SLUICE_TEST_TOKEN_THAT_IS_NOT_SET";
        assertNull(System.getenv(unset));
        assertEquals("sluice agent: token.env=" + unset + " names an environment variable that is not set in this"
                        + " process; set it to the token a console must present",
                assertThrows(IllegalArgumentException.class, () -> AgentListener.bind(
                        AgentOptions.address("127.0.0.1:0"), unset)).getMessage());
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
