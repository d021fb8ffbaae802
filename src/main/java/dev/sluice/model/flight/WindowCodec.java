package dev.sluice.model.flight;

import dev.sluice.model.PackedLog;

/** {@link WindowSample}s as columns: the initial window (0 on stream samples) dictionary-coded, the rest as numbers. */
final class WindowCodec implements PackedLog.Codec<WindowSample> {

    static final int NANOS = 0;
    static final int CONNECTION = 0;
    static final int LONGS = 7;
    static final int STRINGS = 2;

    @Override
    public int longs() {
        return LONGS;
    }

    @Override
    public int strings() {
        return STRINGS;
    }

    @Override
    public boolean unique(int field) {
        return false;
    }

    @Override
    public boolean repeats(int field) {
        return field == 2;
    }

    @Override
    public void encode(WindowSample w, long[] longs, String[] strings) {
        encode(w.nanos(), w.connection(), w.stream(), w.receiveWindow(), w.initial(), w.unconsumed(), w.sendWindow(),
                w.activeStreams(), w.pendingStreams(), longs, strings);
    }

    /** {@link #encode(WindowSample, long[], String[])} of a sample's fields, with no sample built. */
    static void encode(long nanos, String connection, String stream, long receiveWindow, long initial, long unconsumed,
                       long sendWindow, int activeStreams, int pendingStreams, long[] longs, String[] strings) {
        longs[0] = nanos;
        longs[1] = receiveWindow;
        longs[2] = initial;
        longs[3] = unconsumed;
        longs[4] = sendWindow;
        longs[5] = activeStreams;
        longs[6] = pendingStreams;
        strings[0] = connection;
        strings[1] = stream;
    }

    @Override
    public WindowSample decode(long[] longs, String[] strings) {
        return new WindowSample(longs[0], strings[0], strings[1], longs[1], longs[2], longs[3], longs[4], (int) longs[5],
                (int) longs[6]);
    }
}
