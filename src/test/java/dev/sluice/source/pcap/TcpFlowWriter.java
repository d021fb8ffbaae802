package dev.sluice.source.pcap;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Builds the frames of one TCP connection (link header, IPv4 or IPv6, TCP) and writes them to a
 * {@link CaptureWriter}: handshake, data cut into segments, FIN. {@link #segment} writes any segment
 * by hand, for retransmissions, reordering and holes.
 */
final class TcpFlowWriter {

    static final int MSS = 16_384;
    private static final int CLIENT_ISN = 0x7FFF_F000; // wraps past 2^31 early: signed arithmetic is exercised
    private static final int SERVER_ISN = 0xFFFF_F000; // and past 2^32

    private final CaptureWriter writer;
    private final byte[] clientIp;
    private final byte[] serverIp;
    private final int clientPort;
    private final int serverPort;
    /** Next sequence number of each side. */
    int clientSeq = CLIENT_ISN + 1;
    int serverSeq = SERVER_ISN + 1;

    TcpFlowWriter(CaptureWriter writer, byte[] clientIp, int clientPort, byte[] serverIp, int serverPort) {
        this.writer = writer;
        this.clientIp = clientIp;
        this.serverIp = serverIp;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
    }

    void handshake(long t) throws IOException {
        segment(t, true, CLIENT_ISN, 0, TcpSegment.SYN, new byte[0], 0, 0);
        segment(t, false, SERVER_ISN, CLIENT_ISN + 1, TcpSegment.SYN | TcpSegment.ACK, new byte[0], 0, 0);
        segment(t, true, clientSeq, serverSeq, TcpSegment.ACK, new byte[0], 0, 0);
    }

    /** Sends {@code data} from one side in segments of at most {@link #MSS}, each acknowledging the other side. */
    void send(long t, boolean fromClient, byte[] data) throws IOException {
        send(t, fromClient, data, 0, data.length);
    }

    synchronized void send(long t, boolean fromClient, byte[] data, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i += MSS) {
            int n = Math.min(MSS, offset + length - i);
            if (fromClient) {
                segment(t, true, clientSeq, serverSeq, TcpSegment.ACK, data, i, n);
                clientSeq += n;
            } else {
                segment(t, false, serverSeq, clientSeq, TcpSegment.ACK, data, i, n);
                serverSeq += n;
            }
        }
    }

    /** An ACK with no data from one side, acknowledging everything the other sent. */
    synchronized void ack(long t, boolean fromClient) throws IOException {
        segment(t, fromClient, fromClient ? clientSeq : serverSeq, fromClient ? serverSeq : clientSeq, TcpSegment.ACK,
                new byte[0], 0, 0);
    }

    synchronized void fin(long t) throws IOException {
        segment(t, true, clientSeq, serverSeq, TcpSegment.FIN | TcpSegment.ACK, new byte[0], 0, 0);
        clientSeq++;
        segment(t, false, serverSeq, clientSeq, TcpSegment.FIN | TcpSegment.ACK, new byte[0], 0, 0);
        serverSeq++;
        segment(t, true, clientSeq, serverSeq, TcpSegment.ACK, new byte[0], 0, 0);
    }

    /** One segment, exactly as given. */
    void segment(long t, boolean fromClient, int seq, int ack, int flags, byte[] data, int offset, int length)
            throws IOException {
        byte[] src = fromClient ? clientIp : serverIp;
        byte[] dst = fromClient ? serverIp : clientIp;
        ByteBuffer tcp = ByteBuffer.allocate(20 + length);
        tcp.putShort((short) (fromClient ? clientPort : serverPort)).putShort((short) (fromClient ? serverPort : clientPort))
                .putInt(seq).putInt(ack).put((byte) 0x50).put((byte) flags).putShort((short) 65_535).putInt(0)
                .put(data, offset, length);
        ByteBuffer ip;
        if (src.length == 4) {
            ip = ByteBuffer.allocate(20 + tcp.capacity());
            ip.put((byte) 0x45).put((byte) 0).putShort((short) ip.capacity()).putInt(0).put((byte) 64).put((byte) 6)
                    .putShort((short) 0).put(src).put(dst);
        } else {
            ip = ByteBuffer.allocate(40 + tcp.capacity());
            ip.putInt(0x6000_0000).putShort((short) tcp.capacity()).put((byte) 6).put((byte) 64).put(src).put(dst);
        }
        ip.put(tcp.array());
        writer.frame(t, link(ip.array(), src.length == 16));
    }

    private byte[] link(byte[] ip, boolean v6) {
        int ethertype = v6 ? 0x86DD : 0x0800;
        ByteBuffer f;
        switch (writer.linkType) {
            case 1 -> f = ByteBuffer.allocate(14 + ip.length).put(new byte[12]).putShort((short) ethertype);
            case 113 -> f = ByteBuffer.allocate(16 + ip.length).putShort((short) 0).putShort((short) 772)
                    .putShort((short) 6).put(new byte[8]).putShort((short) ethertype);
            case 276 -> f = ByteBuffer.allocate(20 + ip.length).putShort((short) ethertype).putShort((short) 0)
                    .putInt(1).putShort((short) 772).put((byte) 0).put((byte) 6).put(new byte[8]);
            case 0 -> f = ByteBuffer.allocate(4 + ip.length).putInt(Integer.reverseBytes(v6 ? 30 : 2));
            case 101 -> f = ByteBuffer.allocate(ip.length);
            default -> throw new IllegalArgumentException("link type " + writer.linkType + " (writes 0, 1, 101, 113, 276)");
        }
        return f.put(ip).array();
    }
}
