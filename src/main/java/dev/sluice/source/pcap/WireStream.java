package dev.sluice.source.pcap;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/2 stream as the wire shows it: both windows (RFC 9113 §6.9; they may go negative after a
 * SETTINGS decrease), DATA bytes each way, and the gRPC messages in each direction, cut at their
 * 5-byte prefixes (compressed flag, 4-byte length).
 */
final class WireStream {

    /** How much of the client's first message is kept to read a Flight ticket from it. */
    private static final int TICKET_BYTES = 4096;

    final int id;
    final String name;
    String path = "";
    String authority = "";
    /** What the server may still send on it (the client's receive window). */
    long windowToClient;
    /** What the client may still send on it. */
    long windowToServer;
    long bytesToClient;
    /** Bytes the client received on it and has not yet returned window for (never below 0). */
    long unreturnedToClient;
    boolean announced;
    boolean clientEnded;
    boolean done;
    String ticket;
    final Messages toClient = new Messages(false);
    final Messages toServer = new Messages(true);

    WireStream(int id, String name, long windowToClient, long windowToServer) {
        this.id = id;
        this.name = name;
        this.windowToClient = windowToClient;
        this.windowToServer = windowToServer;
    }

    /** What the stream is for: the gRPC method and, when the request body was seen, its Flight ticket. */
    String description() {
        String method = path.isEmpty() ? "(method unknown: its HEADERS were not captured or not decodable)" : authority + path;
        return ticket == null ? method : method + " ticket " + ticket;
    }

    /** The gRPC messages of one direction: where each starts and ends within the DATA bytes. */
    static final class Messages {
        private final boolean keepFirst;
        private final byte[] prefix = new byte[5];
        private int prefixHave;
        private long remaining = -1;
        private long length;
        long completed;
        private byte[] first;
        private int firstHave;
        /** The boundary was lost (a hole): messages are no longer counted on this stream. */
        boolean lost;

        Messages(boolean keepFirst) {
            this.keepFirst = keepFirst;
        }

        /**
         * Feeds DATA bytes; calls {@code done} with each complete message's length.
         */
        void feed(ByteBuf data, java.util.function.LongConsumer done) {
            if (lost) {
                return;
            }
            int i = data.readerIndex();
            int end = data.writerIndex();
            while (i < end) {
                if (remaining < 0) {
                    prefix[prefixHave++] = data.getByte(i++);
                    if (prefixHave == 5) {
                        length = ((prefix[1] & 0xFFL) << 24) | ((prefix[2] & 0xFFL) << 16) | ((prefix[3] & 0xFFL) << 8)
                                | (prefix[4] & 0xFFL);
                        remaining = length;
                        prefixHave = 0;
                        if (keepFirst && completed == 0 && first == null) {
                            first = new byte[(int) Math.min(length, TICKET_BYTES)];
                        }
                    }
                } else {
                    int n = (int) Math.min(remaining, end - i);
                    if (first != null && completed == 0 && firstHave < first.length) {
                        int k = Math.min(n, first.length - firstHave);
                        data.getBytes(i, first, firstHave, k);
                        firstHave += k;
                    }
                    i += n;
                    remaining -= n;
                }
                if (remaining == 0) {
                    remaining = -1;
                    completed++;
                    done.accept(length);
                }
            }
        }

        /**
         * The Flight {@code Ticket} in the first request message ({@code bytes ticket = 1}), printable or
         * hex, or null when there is none.
         */
        String ticket() {
            if (first == null || firstHave < 2 || first[0] != 0x0A) {
                return null;
            }
            long len = 0;
            int shift = 0;
            int i = 1;
            while (i < firstHave && shift < 35) {
                int b = first[i++] & 0xFF;
                len |= (long) (b & 0x7F) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            int n = (int) Math.min(len, firstHave - i);
            if (n < 0) {
                return null;
            }
            String text = new String(first, i, n, StandardCharsets.UTF_8);
            boolean printable = text.chars().allMatch(c -> c >= 0x20 && c != 0x7F && c != 0xFFFD);
            String shown = printable ? text : java.util.HexFormat.of().formatHex(first, i, i + Math.min(n, 64));
            return n < len ? shown + "…" : shown;
        }
    }
}
