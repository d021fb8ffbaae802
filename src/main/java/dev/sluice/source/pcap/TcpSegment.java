package dev.sluice.source.pcap;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One TCP segment decoded from a captured frame: link layer (Ethernet with VLAN tags, Linux cooked
 * v1 and v2, BSD null/loopback, raw IP), IPv4 or IPv6 (extension headers skipped), then TCP.
 * Checksums are not checked: captures on the sending host (and every loopback capture) carry
 * checksums the NIC fills in later.
 */
record TcpSegment(Address source, Address destination, int seq, int ack, int flags, byte[] data, int offset, int length) {

    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int ACK = 0x10;

    /** An IP address and port; {@code ip} holds 4 or 16 bytes. */
    record Address(byte[] ip, int port) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Address a && a.port == port && Arrays.equals(a.ip, ip);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ip) * 31 + port;
        }

        @Override
        public String toString() {
            try {
                String host = InetAddress.getByAddress(ip).getHostAddress();
                return (ip.length == 16 ? "[" + host + "]" : host) + ":" + port;
            } catch (UnknownHostException e) {
                throw new IllegalStateException("an address of " + ip.length + " bytes", e);
            }
        }
    }

    /** What a frame was, when it is not a TCP segment Sluice reads. */
    enum Skip { NOT_IP, NOT_TCP, FRAGMENT, TRUNCATED, UNKNOWN_LINK }

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** Result of decoding one frame: a segment, or why there is none. */
    record Decoded(TcpSegment segment, Skip skipped) { }

    static Decoded decode(int linkType, byte[] d, int length) {
        int ip;
        int ethertype;
        switch (linkType) {
            case 1 -> { // Ethernet, with any number of 802.1Q / 802.1ad tags
                if (length < 14) {
                    return skip(Skip.TRUNCATED);
                }
                ip = 14;
                ethertype = u16(d, 12);
                while ((ethertype == 0x8100 || ethertype == 0x88A8) && length >= ip + 4) {
                    ethertype = u16(d, ip + 2);
                    ip += 4;
                }
            }
            case 113 -> { // Linux cooked v1: protocol at 14
                if (length < 16) {
                    return skip(Skip.TRUNCATED);
                }
                ip = 16;
                ethertype = u16(d, 14);
            }
            case 276 -> { // Linux cooked v2: protocol first
                if (length < 20) {
                    return skip(Skip.TRUNCATED);
                }
                ip = 20;
                ethertype = u16(d, 0);
            }
            case 0, 108 -> { // BSD null (host byte order) and OpenBSD loop (network order): an address family
                if (length < 4) {
                    return skip(Skip.TRUNCATED);
                }
                ip = 4;
                int family = (int) u32(d, 0);
                if (linkType == 0 && (family & 0xFFFF0000) != 0) {
                    family = Integer.reverseBytes(family); // written little-endian by the capturing host
                }
                ethertype = family == 2 ? 0x0800 : (family == 24 || family == 28 || family == 30 || family == 10) ? 0x86DD : -1;
            }
            case 101, 12, 14, 228, 229 -> { // raw IP: the version nibble says which
                ip = 0;
                ethertype = length > 0 && (d[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800;
            }
            default -> {
                return skip(Skip.UNKNOWN_LINK);
            }
        }
        if (ethertype == 0x0800) {
            return ipv4(d, ip, length);
        }
        if (ethertype == 0x86DD) {
            return ipv6(d, ip, length);
        }
        return skip(Skip.NOT_IP);
    }

    private static Decoded ipv4(byte[] d, int at, int length) {
        if (length < at + 20 || (d[at] & 0xF0) != 0x40) {
            return skip(length < at + 20 ? Skip.TRUNCATED : Skip.NOT_IP);
        }
        int ihl = (d[at] & 0x0F) * 4;
        int total = u16(d, at + 2);
        int fragment = u16(d, at + 6);
        if ((fragment & 0x3FFF) != 0) {
            return skip(Skip.FRAGMENT); // more-fragments flag or an offset: TCP over fragmented IP is not reassembled
        }
        if (d[at + 9] != 6) {
            return skip(Skip.NOT_TCP);
        }
        byte[] src = Arrays.copyOfRange(d, at + 12, at + 16);
        byte[] dst = Arrays.copyOfRange(d, at + 16, at + 20);
        // a zero total length is TSO on the capturing host: the frame's own length is the truth
        int end = total == 0 ? length : Math.min(length, at + total);
        return tcp(d, at + ihl, end, src, dst);
    }

    private static Decoded ipv6(byte[] d, int at, int length) {
        if (length < at + 40 || (d[at] & 0xF0) != 0x60) {
            return skip(length < at + 40 ? Skip.TRUNCATED : Skip.NOT_IP);
        }
        int payload = u16(d, at + 4);
        int next = d[at + 6] & 0xFF;
        byte[] src = Arrays.copyOfRange(d, at + 8, at + 24);
        byte[] dst = Arrays.copyOfRange(d, at + 24, at + 40);
        int end = payload == 0 ? length : Math.min(length, at + 40 + payload);
        int p = at + 40;
        while (next == 0 || next == 43 || next == 60 || next == 51) { // hop-by-hop, routing, destination, AH
            if (end < p + 8) {
                return skip(Skip.TRUNCATED);
            }
            int len = next == 51 ? ((d[p + 1] & 0xFF) + 2) * 4 : ((d[p + 1] & 0xFF) + 1) * 8;
            next = d[p] & 0xFF;
            p += len;
        }
        if (next == 44) {
            return skip(Skip.FRAGMENT);
        }
        if (next != 6) {
            return skip(Skip.NOT_TCP);
        }
        return tcp(d, p, end, src, dst);
    }

    private static Decoded tcp(byte[] d, int at, int end, byte[] src, byte[] dst) {
        if (end < at + 20) {
            return skip(Skip.TRUNCATED);
        }
        int dataOffset = ((d[at + 12] & 0xF0) >> 4) * 4;
        if (dataOffset < 20 || end < at + dataOffset) {
            return skip(Skip.TRUNCATED);
        }
        TcpSegment s = new TcpSegment(new Address(src, u16(d, at)), new Address(dst, u16(d, at + 2)),
                (int) u32(d, at + 4), (int) u32(d, at + 8), d[at + 13] & 0x3F, d, at + dataOffset, end - at - dataOffset);
        return new Decoded(s, null);
    }

    private static Decoded skip(Skip why) {
        return new Decoded(null, why);
    }

    static int u16(byte[] d, int i) {
        return ((d[i] & 0xFF) << 8) | (d[i + 1] & 0xFF);
    }

    static long u32(byte[] d, int i) {
        return ((long) u16(d, i) << 16) | u16(d, i + 2);
    }
}
