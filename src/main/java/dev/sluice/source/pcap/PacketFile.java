package dev.sluice.source.pcap;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the packets of a pcap or pcapng file one at a time, in file order, keeping only the current
 * packet in memory (its buffer is reused). Both byte orders; pcap with micro- or nanosecond
 * timestamps; pcapng sections, interfaces (link type, {@code if_tsresol}, {@code if_tsoffset}) and
 * enhanced, simple and obsolete packet blocks. Other pcapng blocks are skipped.
 */
final class PacketFile implements Closeable {

    /** Longest packet or block accepted: anything longer is a corrupt length, not a packet. */
    private static final int MAX_RECORD = 256 << 20;
    private static final int PCAPNG_SECTION = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    /** One captured packet: {@code data[0, length)} is valid until the next {@link #next()}. */
    static final class Packet {
        long epochNanos;
        int linkType;
        byte[] data = new byte[2048];
        int length;
        /** Ordinal in the file, from 1. */
        long number;
    }

    private record Interface(int linkType, long unitsPerSecond, boolean binary, int exponent, long offsetSeconds) { }

    private final InputStream in;
    private final String name;
    private final Packet packet = new Packet();
    private final boolean pcapng;
    private ByteOrder order;
    private boolean nanos;
    private int linkType;
    private final List<Interface> interfaces = new ArrayList<>();
    private byte[] block = new byte[4096];
    private long bytesRead;

    PacketFile(InputStream raw, String name) throws IOException, CaptureFormatException {
        this.in = new BufferedInputStream(raw, 1 << 16);
        this.name = name;
        byte[] head = readFully(new byte[4], 4, "the file header");
        int magicBig = ByteBuffer.wrap(head).order(ByteOrder.BIG_ENDIAN).getInt();
        if (magicBig == PCAPNG_SECTION) {
            pcapng = true;
            readSection(head);
            return;
        }
        pcapng = false;
        switch (magicBig) {
            case 0xA1B2C3D4 -> { order = ByteOrder.BIG_ENDIAN; nanos = false; }
            case 0xD4C3B2A1 -> { order = ByteOrder.LITTLE_ENDIAN; nanos = false; }
            case 0xA1B23C4D -> { order = ByteOrder.BIG_ENDIAN; nanos = true; }
            case 0x4D3CB2A1 -> { order = ByteOrder.LITTLE_ENDIAN; nanos = true; }
            default -> throw new CaptureFormatException(name + ": is not a pcap or pcapng file (magic "
                    + String.format("%08x", magicBig) + "; accepted: a1b2c3d4, a1b23c4d, 0a0d0d0a)");
        }
        ByteBuffer h = ByteBuffer.wrap(readFully(new byte[20], 20, "the pcap header")).order(order);
        h.position(16);
        linkType = h.getInt() & 0x0FFFFFFF; // the top bits may carry FCS flags
    }

    boolean isPcapng() {
        return pcapng;
    }

    long bytesRead() {
        return bytesRead;
    }

    /**
     * The next packet, or null at the end of the file.
     *
     * @throws EOFException when the file ends inside a packet (a capture cut while being written)
     */
    Packet next() throws IOException, CaptureFormatException {
        return pcapng ? nextBlock() : nextRecord();
    }

    private Packet nextRecord() throws IOException, CaptureFormatException {
        byte[] hdr = new byte[16];
        int n = in.readNBytes(hdr, 0, 16);
        bytesRead += n;
        if (n == 0) {
            return null;
        }
        if (n < 16) {
            throw new EOFException("the file ends inside the header of packet " + (packet.number + 1));
        }
        ByteBuffer h = ByteBuffer.wrap(hdr).order(order);
        long sec = h.getInt() & 0xFFFFFFFFL;
        long frac = h.getInt() & 0xFFFFFFFFL;
        int captured = h.getInt();
        checkLength(captured, "packet " + (packet.number + 1));
        fill(captured, "packet " + (packet.number + 1));
        packet.epochNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
        packet.linkType = linkType;
        packet.number++;
        return packet;
    }

    private Packet nextBlock() throws IOException, CaptureFormatException {
        while (true) {
            byte[] hdr = new byte[8];
            int n = in.readNBytes(hdr, 0, 8);
            bytesRead += n;
            if (n == 0) {
                return null;
            }
            if (n < 8) {
                throw new EOFException("the file ends inside a block header after packet " + packet.number);
            }
            int type = ByteBuffer.wrap(hdr).order(ByteOrder.BIG_ENDIAN).getInt();
            if (type == PCAPNG_SECTION) {
                readSection(hdr);
                continue;
            }
            ByteBuffer h = ByteBuffer.wrap(hdr).order(order);
            type = h.getInt();
            int total = h.getInt();
            checkLength(total, "a block after packet " + packet.number);
            if (total < 12 || total % 4 != 0) {
                throw new CaptureFormatException(name + ": block of type " + type + " after packet " + packet.number
                        + " has length " + total + " (must be a multiple of 4, at least 12)");
            }
            ByteBuffer body = ByteBuffer.wrap(readBlock(total - 8), 0, total - 12).order(order);
            switch (type) {
                case 1 -> addInterface(body);
                case 6 -> { return packet(body, body.getInt(), body.getInt(), body.getInt(), body.getInt()); }
                case 2 -> {
                    int ifc = body.getShort() & 0xFFFF;
                    body.getShort();
                    return packet(body, ifc, body.getInt(), body.getInt(), body.getInt());
                }
                case 3 -> {
                    int orig = body.getInt();
                    return simple(body, orig);
                }
                default -> { } // statistics, name resolution, custom blocks: not packets
            }
        }
    }

    private Packet packet(ByteBuffer body, int ifc, int high, int low, int captured) throws CaptureFormatException {
        body.getInt(); // original length
        Interface i = iface(ifc);
        if (captured < 0 || captured > body.remaining()) {
            throw new CaptureFormatException(name + ": packet " + (packet.number + 1) + " claims " + captured
                    + " captured bytes in a block of " + body.remaining());
        }
        long units = ((high & 0xFFFFFFFFL) << 32) | (low & 0xFFFFFFFFL);
        packet.epochNanos = toNanos(units, i) + i.offsetSeconds() * 1_000_000_000L;
        return copy(body, captured, i);
    }

    private Packet simple(ByteBuffer body, int orig) throws CaptureFormatException {
        Interface i = iface(0);
        // a simple packet has no time stamp: it keeps the previous packet's
        return copy(body, Math.min(orig, body.remaining()), i);
    }

    private Packet copy(ByteBuffer body, int captured, Interface i) {
        if (packet.data.length < captured) {
            packet.data = new byte[Math.max(captured, packet.data.length * 2)];
        }
        body.get(packet.data, 0, captured);
        packet.length = captured;
        packet.linkType = i.linkType();
        packet.number++;
        return packet;
    }

    private Interface iface(int ifc) throws CaptureFormatException {
        if (ifc < 0 || ifc >= interfaces.size()) {
            throw new CaptureFormatException(name + ": packet " + (packet.number + 1) + " names interface " + ifc
                    + ", but the section describes " + interfaces.size());
        }
        return interfaces.get(ifc);
    }

    private void addInterface(ByteBuffer body) {
        int link = body.getShort() & 0xFFFF;
        body.getShort();
        body.getInt(); // snap length
        long units = 1_000_000;
        boolean binary = false;
        int exponent = 6;
        long offset = 0;
        while (body.remaining() >= 4) {
            int code = body.getShort() & 0xFFFF;
            int len = body.getShort() & 0xFFFF;
            if (code == 0 || len > body.remaining()) {
                break;
            }
            int start = body.position();
            if (code == 9 && len >= 1) {
                int r = body.get(start) & 0xFF;
                binary = (r & 0x80) != 0;
                exponent = r & 0x7F;
                units = binary ? -1 : BigInteger.TEN.pow(exponent).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
            } else if (code == 14 && len >= 8) {
                offset = body.getLong(start);
            }
            body.position(start + ((len + 3) & ~3));
        }
        interfaces.add(new Interface(link, units, binary, exponent, offset));
    }

    private static long toNanos(long units, Interface i) {
        if (!i.binary() && i.exponent() <= 9) {
            return units * BigInteger.TEN.pow(9 - i.exponent()).longValueExact();
        }
        BigInteger perSecond = i.binary() ? BigInteger.ONE.shiftLeft(i.exponent()) : BigInteger.TEN.pow(i.exponent());
        return BigInteger.valueOf(units).multiply(BigInteger.valueOf(1_000_000_000L)).divide(perSecond).longValue();
    }

    /** A section header: its byte order and a fresh interface list ({@code head} is its first 4 or 8 bytes). */
    private void readSection(byte[] head) throws IOException, CaptureFormatException {
        byte[] first = head.length == 8 ? head : concat(head, readFully(new byte[4], 4, "the section header"));
        byte[] magic = readFully(new byte[4], 4, "the section header");
        int big = ByteBuffer.wrap(magic).order(ByteOrder.BIG_ENDIAN).getInt();
        if (big == BYTE_ORDER_MAGIC) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (Integer.reverseBytes(big) == BYTE_ORDER_MAGIC) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            throw new CaptureFormatException(name + ": pcapng section header has byte-order magic "
                    + String.format("%08x", big) + " (must be 1a2b3c4d in either order)");
        }
        int total = ByteBuffer.wrap(first, 4, 4).order(order).getInt();
        checkLength(total, "the section header");
        if (total < 28 || total % 4 != 0) {
            throw new CaptureFormatException(name + ": pcapng section header has length " + total + " (must be >= 28)");
        }
        readBlock(total - 12);
        interfaces.clear();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private byte[] readBlock(int n) throws IOException {
        if (block.length < n) {
            block = new byte[Math.max(n, block.length * 2)];
        }
        int got = in.readNBytes(block, 0, n);
        bytesRead += got;
        if (got < n) {
            throw new EOFException("the file ends inside a block after packet " + packet.number);
        }
        return block;
    }

    private void fill(int n, String what) throws IOException {
        if (packet.data.length < n) {
            packet.data = new byte[Math.max(n, packet.data.length * 2)];
        }
        int got = in.readNBytes(packet.data, 0, n);
        bytesRead += got;
        if (got < n) {
            throw new EOFException("the file ends inside " + what);
        }
        packet.length = n;
    }

    private byte[] readFully(byte[] b, int n, String what) throws IOException, CaptureFormatException {
        int got = in.readNBytes(b, 0, n);
        bytesRead += got;
        if (got < n) {
            throw new CaptureFormatException(name + ": the file ends inside " + what + " (" + got + " of " + n + " bytes)");
        }
        return b;
    }

    private void checkLength(int length, String what) throws CaptureFormatException {
        if (length < 0 || length > MAX_RECORD) {
            throw new CaptureFormatException(name + ": " + what + " has length " + (length & 0xFFFFFFFFL)
                    + " (at most " + MAX_RECORD + " bytes accepted)");
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
