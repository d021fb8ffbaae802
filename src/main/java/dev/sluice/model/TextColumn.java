package dev.sluice.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An append-only column of strings that rarely repeat (request and attempt ids): their UTF-8 bytes
 * packed into chunks of up to 1 MiB, never copied once written, with a start and a length per value. About a
 * dozen bytes for a short id instead of the ~56 of a {@link String} object. Null is stored as length -1.
 * Single writer; {@link #freeze()} shares the chunks as {@link LongColumn} shares its blocks.
 */
public final class TextColumn {

    private static final int CHUNK_BITS = 20;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private byte[][] chunks = new byte[1][];
    private int chunk = -1;
    private int used;
    private int chunkSize = 4096; // chunks grow from 4 KiB to 1 MiB: a short log does not hold a whole MiB
    private final LongColumn starts = new LongColumn();
    private final LongColumn lengths = new LongColumn();

    public void add(String value) {
        if (value == null) {
            starts.add(starts.size() == 0 ? 0 : starts.get(starts.size() - 1));
            lengths.add(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (chunk < 0 || used + bytes.length > chunks[chunk].length) {
            chunk++;
            if (chunk == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunk * 2);
            }
            chunks[chunk] = new byte[Math.max(chunkSize, bytes.length)];
            chunkSize = Math.min(CHUNK, chunkSize * 2);
            used = 0;
        }
        System.arraycopy(bytes, 0, chunks[chunk], used, bytes.length);
        starts.add(((long) chunk << CHUNK_BITS) + used);
        lengths.add(bytes.length);
        used += bytes.length;
    }

    /** Value {@code index} as written so far (the writer's thread). */
    public String get(int index) {
        return text(chunks, starts.get(index), (int) lengths.get(index));
    }

    private static String text(byte[][] chunks, long start, int length) {
        return length < 0 ? null : new String(chunks[(int) (start >>> CHUNK_BITS)], (int) (start & (CHUNK - 1)), length,
                StandardCharsets.UTF_8);
    }

    public Frozen freeze() {
        return new Frozen(chunks, starts.freeze(), lengths.freeze());
    }

    /** The values as they were at freeze time. */
    public static final class Frozen {
        private final byte[][] chunks;
        private final LongColumn.Frozen starts;
        private final LongColumn.Frozen lengths;

        Frozen(byte[][] chunks, LongColumn.Frozen starts, LongColumn.Frozen lengths) {
            this.chunks = chunks;
            this.starts = starts;
            this.lengths = lengths;
        }

        public String get(int index) {
            return text(chunks, starts.get(index), (int) lengths.get(index));
        }

        public int size() {
            return starts.size();
        }
    }
}
