package dev.sluice.bench;

import dev.sluice.event.DeltaEvent;
import dev.sluice.event.DeltaEvent.CommitOperation;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.FlightEvent;
import dev.sluice.event.S3Event;
import dev.sluice.event.S3Event.RequestOutcome;

/**
 * A deterministic mix of events of all engines, shaped like a busy run (window samples and
 * request events dominate), for benchmarks and load tests. Names of things that outlive an event
 * (clients, connections, streams, channels, objects, writers) are the same String instance every
 * time, as a probe passes its client's or connection's name; ids of requests and attempts are new.
 */
public final class SyntheticEvents {

    /** Changes whenever the mix does, so a trace of an older mix kept on disk is not taken for this one. */
    public static final int MIX_VERSION = 2;

    private static final String[] THREADS = {"aws-java-sdk-NettyEventLoop-1-0", "aws-java-sdk-NettyEventLoop-1-1",
        "sdk-async-response-0-1", "pool-1-thread-1", "pool-1-thread-2", "grpc-nio-worker-ELG-1-2", "writer-3"};

    private static final String[] CLIENTS = names("client-", 8);
    private static final String[] KEYS = names("lake/part-", 512);
    private static final String[] CHANNELS = names("ch-", 64);
    private static final String[] LOOPS = names("aws-java-sdk-NettyEventLoop-1-", 2);
    private static final String[] CONNECTIONS = names("conn-", 2);
    private static final String[] STREAMS = names("stream-", 4);
    private static final String[] WRITERS = names("writer-", 8);

    private final String runId;
    private long n;

    public SyntheticEvents(String runId) {
        this.runId = runId;
    }

    /** The i-th event, 1 µs of run time apart. */
    public Event next() {
        long i = n++;
        String thread = THREADS[(int) (i % THREADS.length)];
        return new Event(runId, i * 1_000, thread, 20 + i % THREADS.length, body(i));
    }

    private static String[] names(String prefix, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = prefix + i;
        }
        return out;
    }

    static EventBody body(long i) {
        // a request's three events (i % 8 = 0, 1, 2) name the same client, as a probe's do: a request
        // completed under another client would stay in flight for ever in the detectors' state
        String client = CLIENTS[(int) (i / 8 % 8)];
        switch ((int) (i % 8)) {
            case 0:
                return new S3Event.RequestStarted(client, "req-" + i, "GetObject", KEYS[(int) (i % 512)], 0, 4 << 20);
            case 1:
                return new S3Event.RequestIo(client, "req-" + (i - 1), CHANNELS[(int) (i % 64)], LOOPS[(int) (i % 2)]);
            case 2:
                return new S3Event.RequestCompleted(client, "req-" + (i - 2), RequestOutcome.OK, 4 << 20, 1_500_000 + i % 1000, null);
            case 3:
            case 4:
                return new FlightEvent.StreamWindowSampled(CONNECTIONS[(int) (i % 2)], STREAMS[(int) (i % 4)], 65_535 - i % 65_535, i % 65_535, 1 << 20, i);
            case 5:
                return new FlightEvent.ConnectionWindowSampled(CONNECTIONS[(int) (i % 2)], 65_535 - i % 65_535, 65_535, i % 65_535, 1 << 20, 4, 0);
            case 6:
                return new FlightEvent.BatchReceived(CONNECTIONS[(int) (i % 2)], STREAMS[(int) (i % 4)], 8192, 1 << 20);
            default:
                String writer = WRITERS[(int) (i % 8)];
                return new DeltaEvent.CommitAttempted(writer, "file:///tmp/table", "a-" + i,
                        writer + "/b" + i / 64, CommitOperation.WRITE, i / 64, 0, 1000);
        }
    }
}
