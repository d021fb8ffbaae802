package dev.sluice.model.s3;

import dev.sluice.event.S3Event.RequestOutcome;
import dev.sluice.model.PackedLog;

/** {@link RequestSpan}s as columns: the request id as text, clients, operations and threads in dictionaries. */
final class RequestCodec implements PackedLog.Codec<RequestSpan> {

    private static final RequestOutcome[] OUTCOMES = RequestOutcome.values();
    static final int START = 0;
    /** The string field holding the request id (as text: ids rarely repeat). */
    static final int REQUEST = 1;

    @Override
    public int longs() {
        return 4;
    }

    @Override
    public int strings() {
        return 6;
    }

    @Override
    public boolean unique(int field) {
        return field == REQUEST;
    }

    @Override
    @SuppressWarnings("EnumOrdinal") // in memory only, never persisted: the ordinal is read back by the same build
    public void encode(RequestSpan r, long[] longs, String[] strings) {
        longs[0] = r.startNanos();
        longs[1] = r.ioNanos();
        longs[2] = r.endNanos();
        longs[3] = r.outcome() == null ? 0 : r.outcome().ordinal() + 1;
        strings[0] = r.client();
        strings[REQUEST] = r.request();
        strings[2] = r.operation();
        strings[3] = r.issuer();
        strings[4] = r.ioThread();
        strings[5] = r.completer();
    }

    @Override
    public RequestSpan decode(long[] longs, String[] strings) {
        return new RequestSpan(strings[0], strings[1], strings[2], strings[3], longs[0], strings[4], longs[1], strings[5],
                longs[2], longs[3] == 0 ? null : OUTCOMES[(int) longs[3] - 1]);
    }
}
