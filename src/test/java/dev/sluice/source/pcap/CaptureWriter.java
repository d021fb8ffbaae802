package dev.sluice.source.pcap;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes pcap (microsecond, little-endian, as tcpdump on x86) or pcapng (one interface, nanosecond
 * {@code if_tsresol}) files of frames of one link type, for fixtures and for the loopback relay.
 * Thread-safe: the relay's two copying threads write through it.
 */
final class CaptureWriter implements Closeable {

    enum Format { PCAP, PCAPNG }

    private final OutputStream out;
    private final Format format;
    final int linkType;

    @SuppressWarnings("ByteBufferBackingArray") // every buffer is from le(), ByteBuffer.allocate: array() is all of it
    CaptureWriter(Path file, Format format, int linkType) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        this.format = format;
        this.linkType = linkType;
        if (format == Format.PCAP) {
            ByteBuffer h = le(24);
            h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(linkType);
            out.write(h.array());
        } else {
            ByteBuffer shb = le(28);
            shb.putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
            out.write(shb.array());
            ByteBuffer idb = le(32);
            idb.putInt(1).putInt(32).putShort((short) linkType).putShort((short) 0).putInt(262_144)
                    .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]).putInt(0).putInt(32);
            out.write(idb.array());
        }
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    @SuppressWarnings("ByteBufferBackingArray") // every buffer is from le(), ByteBuffer.allocate: array() is all of it
    synchronized void frame(long epochNanos, byte[] frame) throws IOException {
        if (format == Format.PCAP) {
            ByteBuffer h = le(16);
            h.putInt((int) (epochNanos / 1_000_000_000L)).putInt((int) (epochNanos % 1_000_000_000L / 1000))
                    .putInt(frame.length).putInt(frame.length);
            out.write(h.array());
            out.write(frame);
        } else {
            int padded = (frame.length + 3) & ~3;
            int total = 32 + padded;
            ByteBuffer h = le(28);
            h.putInt(6).putInt(total).putInt(0).putInt((int) (epochNanos >>> 32)).putInt((int) epochNanos)
                    .putInt(frame.length).putInt(frame.length);
            out.write(h.array());
            out.write(frame);
            out.write(new byte[padded - frame.length]);
            out.write(le(4).putInt(total).array());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
