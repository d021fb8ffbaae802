package dev.sluice.source.pcap;

import io.netty.buffer.ByteBuf;

/**
 * Finds a frame boundary in a byte stream entered at an unknown point: a 9-byte header is plausible
 * when its type is known, its length fits the type, its stream id fits the type and its flags use
 * only the type's bits. Three plausible headers in a row (or a run of two that ends exactly where the
 * buffered bytes end) are taken as a boundary; a false match fails on the next frame and syncs again.
 */
final class FrameHeaders {

    /** Largest length accepted while syncing: a default-size frame, or up to 1 MiB when SETTINGS raised it. */
    private static final int MAX_SYNC_LENGTH = 1 << 20;
    private static final int[] FLAG_BITS = {0x09, 0x2D, 0x00, 0x00, 0x01, 0x0C, 0x01, 0x00, 0x00, 0x04};

    private FrameHeaders() {
    }

    static boolean plausibleRun(ByteBuf b, int at, int end) {
        int count = 0;
        int i = at;
        while (i + 9 <= end && count < 3) {
            int length = plausible(b, i);
            if (length < 0) {
                return false;
            }
            count++;
            i += 9 + length;
        }
        return count >= 3 || (count >= 2 && i == end);
    }

    /** The payload length of a plausible frame header at {@code i}, or -1. */
    static int plausible(ByteBuf b, int i) {
        int length = b.getUnsignedMedium(i);
        int type = b.getUnsignedByte(i + 3);
        int flags = b.getUnsignedByte(i + 4);
        int stream = b.getInt(i + 5);
        if (type >= FLAG_BITS.length || stream < 0 || length > MAX_SYNC_LENGTH || (flags & ~FLAG_BITS[type]) != 0) {
            return -1;
        }
        boolean connectionLevel = type == 4 || type == 6 || type == 7;
        if (connectionLevel != (stream == 0) && type != 8) {
            return -1;
        }
        boolean fits = switch (type) {
            case 2 -> length == 5;
            case 3 -> length == 4;
            case 4 -> length % 6 == 0 && ((flags & 1) == 0 || length == 0);
            case 6 -> length == 8;
            case 7 -> length >= 8;
            case 8 -> length == 4;
            default -> true;
        };
        return fits ? length : -1;
    }
}
