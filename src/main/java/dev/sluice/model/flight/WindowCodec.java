package dev.sluice.model.flight;

import dev.sluice.model.PackedLog;

/** {@link WindowSample}s as columns: the initial window (0 on stream samples) dictionary-coded, the rest as numbers. */
final class WindowCodec implements PackedLog.Codec<WindowSample> {

    static final int NANOS = 0;
    static final int CONNECTION = 0;

    @Override
    public int longs() {
        return 7;
    }

    @Override
    public int strings() {
        return 2;
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
        longs[0] = w.nanos();
        longs[1] = w.receiveWindow();
        longs[2] = w.initial();
        longs[3] = w.unconsumed();
        longs[4] = w.sendWindow();
        longs[5] = w.activeStreams();
        longs[6] = w.pendingStreams();
        strings[0] = w.connection();
        strings[1] = w.stream();
    }

    @Override
    public WindowSample decode(long[] longs, String[] strings) {
        return new WindowSample(longs[0], strings[0], strings[1], longs[1], longs[2], longs[3], longs[4], (int) longs[5],
                (int) longs[6]);
    }
}
