package dev.sluice.source.pcap;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP relay on 127.0.0.1 in front of one server that records every byte it forwards, both ways,
 * as the TCP segments of a capture: the capture tcpdump would have written on loopback, without
 * needing tcpdump. Each connection it accepts is one TCP connection in the file (handshake, data as
 * read from the socket, FIN).
 */
final class RecordingRelay implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingRelay.class);
    // one origin for the whole test JVM, so every relay's capture shares a clock; one Instant, so its
    // seconds and nanos come from the same reading
    private static final long NANO_ORIGIN = System.nanoTime();
    @SuppressWarnings("TimeInStaticInitializer") // on purpose: the origin is class-load time
    private static final long EPOCH_ORIGIN = epochNanos(Instant.now());

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final CaptureWriter writer;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    RecordingRelay(InetSocketAddress target, CaptureWriter writer) throws IOException {
        this.target = target;
        this.writer = writer;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "relay-accept-" + listener.getLocalPort());
        accept.setDaemon(true);
        threads.add(accept);
        accept.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    static long now() {
        return EPOCH_ORIGIN + (System.nanoTime() - NANO_ORIGIN);
    }

    private void acceptLoop() {
        try {
            while (!closing) {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                TcpFlowWriter flow = new TcpFlowWriter(writer, client.getInetAddress().getAddress(), client.getPort(),
                        listener.getInetAddress().getAddress(), listener.getLocalPort());
                flow.handshake(now());
                Pump up = new Pump(client, server, flow, true);
                Pump down = new Pump(server, client, flow, false);
                up.peer = down;
                down.peer = up;
                for (Pump p : List.of(up, down)) {
                    Thread t = new Thread(p, "relay-" + (p.fromClient ? "up-" : "down-") + client.getPort());
                    t.setDaemon(true);
                    threads.add(t);
                    t.start();
                }
            }
        } catch (IOException e) {
            if (!closing) {
                failures.add(e);
            }
        }
    }

    /** Copies one direction and records it. */
    private final class Pump implements Runnable {
        private final Socket from;
        private final Socket to;
        private final TcpFlowWriter flow;
        final boolean fromClient;
        Pump peer;
        volatile boolean ended;

        Pump(Socket from, Socket to, TcpFlowWriter flow, boolean fromClient) {
            this.from = from;
            this.to = to;
            this.flow = flow;
            this.fromClient = fromClient;
        }

        @Override
        public void run() {
            byte[] buf = new byte[1 << 16];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (flow) {
                        flow.send(now(), fromClient, buf, 0, n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
                to.shutdownOutput();
            } catch (SocketException e) {
                // a reset or our own close ends this direction like a FIN would
                LOG.debug("relay {} ended by {}", fromClient ? "up" : "down", e.toString());
            } catch (IOException e) {
                if (!closing) {
                    failures.add(e);
                }
            } finally {
                ended = true;
                synchronized (flow) {
                    if (peer.ended) {
                        try {
                            flow.fin(now());
                        } catch (IOException e) {
                            failures.add(e);
                        }
                    }
                }
            }
        }
    }

    /** Stops relaying; throws what failed while it ran. */
    @Override
    public void close() throws IOException {
        closing = true;
        listener.close();
        for (Socket s : new ArrayList<>(sockets)) {
            s.close();
        }
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the relay stopped", e);
            }
        }
        if (!failures.isEmpty()) {
            throw new UncheckedIOException("the relay failed", new IOException(failures.get(0)));
        }
    }

    private static long epochNanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }
}
