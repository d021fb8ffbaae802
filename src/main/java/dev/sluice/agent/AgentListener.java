package dev.sluice.agent;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Emitter;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import dev.sluice.trace.LiveWire;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the run live ({@code listen=}): a pipeline sink that encodes each batch once ({@link LiveWire})
 * into a shared, bounded log, and one thread per connected console that sends the log from the start,
 * then each new batch. The dispatcher only appends, so a slow or stuck console never slows the job:
 * when the log exceeds {@value #MAX_HELD_BYTES} bytes its oldest batches go, and a console that had not
 * sent them yet (or connects later) is told how many events it misses. A console must present the
 * token when one is set (constant-time compare); its value is read from the environment, never logged.
 */
final class AgentListener implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger(AgentListener.class);
    static final long MAX_HELD_BYTES = 32L << 20;
    private static final int HELLO_MILLIS = 5_000;
    private static final long END_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private record Chunk(byte[] bytes, int events) { }

    private final ServerSocket server;
    private final String token;
    private final Object lock = new Object();
    private final List<Chunk> held = new ArrayList<>();
    private final AtomicInteger consoles = new AtomicInteger();
    private long firstHeld; // index of held.get(0) among all chunks ever appended
    private long heldBytes;
    private long eventsBeforeHeld;
    private boolean ended;
    private int sending; // consoles that have not yet sent the end
    private byte[] header;
    private volatile Emitter notes = Emitter.NOOP;

    private AgentListener(ServerSocket server, String token) {
        this.server = server;
        this.token = token;
    }

    /**
     * Binds {@code address} now, so a refusal (port taken, token variable unset) stops the start in one line.
     *
     * @param tokenEnv the environment variable holding the token, or null for none
     */
    static AgentListener bind(InetSocketAddress address, String tokenEnv) {
        String token = null;
        if (tokenEnv != null) {
            token = System.getenv(tokenEnv);
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("sluice agent: token.env=" + tokenEnv + " names an environment"
                        + " variable that is not set in this process; set it to the token a console must present");
            }
        }
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.bind(address, 8);
            return new AgentListener(socket, token);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new IllegalArgumentException("sluice agent: cannot listen on " + address.getAddress().getHostAddress()
                    + ":" + address.getPort() + ": " + e.getMessage() + "; accepted: a free port on an address of this"
                    + " machine (port 0: any free port)", e);
        }
    }

    /** The address bound (the actual port when 0 was asked for), as HOST:PORT. */
    String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** Where connect and disconnect notes go (the run's own pipeline). */
    void notesTo(Emitter emitter) {
        notes = emitter;
    }

    @Override
    public void open(RunInfo run) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        LiveWire.writeHeader(out, run);
        out.flush();
        synchronized (lock) {
            header = bytes.toByteArray();
        }
        Thread acceptor = new Thread(this::acceptLoop, "sluice-agent-listen");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @Override
    public void accept(List<Event> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        byte[] bytes = LiveWire.encode(batch);
        synchronized (lock) {
            held.add(new Chunk(bytes, batch.size()));
            heldBytes += bytes.length;
            while (heldBytes > MAX_HELD_BYTES && held.size() > 1) {
                Chunk gone = held.remove(0);
                heldBytes -= gone.bytes.length;
                eventsBeforeHeld += gone.events;
                firstHeld++;
            }
            lock.notifyAll();
        }
    }

    /** Ends the stream: every console gets what is held and the end (waiting up to 2 s), then the port closes. */
    @Override
    public void close() throws InterruptedException {
        long deadline = System.nanoTime() + END_WAIT_NANOS;
        synchronized (lock) {
            ended = true;
            lock.notifyAll();
            while (sending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        closeQuietly(server);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.debug("sluice agent: accept on {} failed", address(), e);
                }
                return;
            }
            int number = consoles.incrementAndGet();
            Thread t = new Thread(() -> serve(socket), "sluice-agent-console-" + number);
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket socket) {
        String peer = socket.getRemoteSocketAddress().toString();
        boolean counted = false;
        try (socket) {
            socket.setSoTimeout(HELLO_MILLIS);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            String presented = LiveWire.readHello(in);
            if (presented == null) {
                return; // not a Sluice console: nothing to say to it
            }
            if (!LiveWire.tokenMatches(token, presented)) {
                notes.emit(new AppEvent.Note("sluice agent: refused a console from " + peer + ": wrong or missing token"));
                LiveWire.writeRefusal(out, "sluice agent at " + address() + " refused the connection: wrong or missing"
                        + " token (the console reads it from the environment variable it is given)");
                return;
            }
            socket.setSoTimeout(0);
            synchronized (lock) {
                if (ended) {
                    return;
                }
                sending++;
                counted = true;
                out.write(header);
            }
            out.flush(); // the console knows the run at once, not with the first batch
            notes.emit(new AppEvent.Note("sluice agent: console connected from " + peer));
            send(out);
            notes.emit(new AppEvent.Note("sluice agent: console " + peer + " has the whole stream"));
        } catch (SocketException e) {
            LOG.debug("sluice agent: console {} went away", peer, e);
            notes.emit(new AppEvent.Note("sluice agent: console " + peer + " disconnected"));
        } catch (IOException e) {
            LOG.debug("sluice agent: console {} failed", peer, e);
            notes.emit(new AppEvent.Note("sluice agent: console " + peer + " disconnected"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (counted) {
                synchronized (lock) {
                    sending--;
                    lock.notifyAll();
                }
            }
        }
    }

    /** Sends held chunks from the first, in order, until the run ends; a gap frame where chunks were let go. */
    private void send(DataOutputStream out) throws IOException, InterruptedException {
        long next = 0;
        long covered = 0; // events sent, or reported missing, so far
        while (true) {
            Chunk chunk = null;
            long missing = 0;
            synchronized (lock) {
                while (next >= firstHeld + held.size() && !ended) {
                    lock.wait();
                }
                if (next < firstHeld) {
                    missing = eventsBeforeHeld - covered;
                    next = firstHeld;
                } else if (next < firstHeld + held.size()) {
                    chunk = held.get((int) (next - firstHeld));
                    next++;
                }
            }
            if (missing > 0) {
                covered += missing;
                LiveWire.writeGap(out, missing);
            } else if (chunk != null) {
                covered += chunk.events;
                out.write(chunk.bytes);
                if (!moreHeld(next)) {
                    out.flush(); // caught up: what is sent now is as live as it gets
                }
            } else {
                LiveWire.writeEnd(out);
                return;
            }
        }
    }

    private boolean moreHeld(long next) {
        synchronized (lock) {
            return next < firstHeld + held.size();
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("sluice agent: closing the listening socket failed", e);
        }
    }
}
