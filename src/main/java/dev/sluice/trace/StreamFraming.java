package dev.sluice.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import org.apache.arrow.flatbuf.Message;

/**
 * Walks the message framing of an Arrow IPC stream without decoding it, so that a truncated file
 * is cut at its last complete message and a corrupt one is rejected before Arrow would try to
 * allocate a length read from garbage.
 */
final class StreamFraming {

    private static final int CONTINUATION = 0xFFFFFFFF;
    private static final int MAX_METADATA = 64 << 20;

    /**
     * @param validEnd   byte offset after the last complete message
     * @param messages   complete messages (schema, dictionaries, batches)
     * @param sawEnd     whether the end-of-stream marker was found
     * @param problem    why the scan stopped early (null when the file is complete)
     */
    record Scan(long validEnd, int messages, boolean sawEnd, String problem, boolean startsLikeArrow) { }

    private StreamFraming() {
    }

    static Scan scan(FileChannel channel) throws IOException {
        long size = channel.size();
        long pos = 0;
        int messages = 0;
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        while (true) {
            if (pos == size) {
                return new Scan(pos, messages, false, messages == 0 ? "the file is empty" : null, messages > 0);
            }
            if (size - pos < 8) {
                return new Scan(pos, messages, false, "it ends inside a message header at byte " + pos, messages > 0);
            }
            prefix.clear();
            readFully(channel, prefix, pos);
            prefix.flip();
            int marker = prefix.getInt();
            int metadataLength = prefix.getInt();
            if (marker != CONTINUATION) {
                return new Scan(pos, messages, false, messages == 0
                        ? "it does not start with an Arrow IPC stream message"
                        : "bytes at offset " + pos + " are not an Arrow message", messages > 0);
            }
            if (metadataLength == 0) {
                return new Scan(pos + 8, messages, true, null, true);
            }
            if (metadataLength < 0 || metadataLength > MAX_METADATA) {
                return new Scan(pos, messages, false, "message at offset " + pos + " declares an impossible metadata length "
                        + metadataLength, messages > 0);
            }
            if (pos + 8 + metadataLength > size) {
                return new Scan(pos, messages, false, "it ends inside message " + (messages + 1) + " (offset " + pos + ")",
                        messages > 0);
            }
            ByteBuffer meta = ByteBuffer.allocate(metadataLength).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, meta, pos + 8);
            meta.flip();
            long bodyLength;
            try {
                Message message = Message.getRootAsMessage(meta);
                bodyLength = message.bodyLength();
            } catch (RuntimeException e) {
                return new Scan(pos, messages, false, "message at offset " + pos + " has unreadable metadata", messages > 0);
            }
            long end = pos + 8 + metadataLength + bodyLength;
            if (bodyLength < 0 || end > size) {
                return new Scan(pos, messages, false, "it ends inside message " + (messages + 1) + " (offset " + pos
                        + ", body of " + bodyLength + " bytes)", messages > 0);
            }
            pos = end;
            messages++;
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long p = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, p);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + p);
            }
            p += n;
        }
    }
}
