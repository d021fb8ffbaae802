package dev.sluice.scenario.delta;

import dev.sluice.engine.delta.Expected;
import dev.sluice.engine.delta.RowBatch;
import dev.sluice.event.DeltaEvent;
import dev.sluice.event.DeltaEvent.MissingReason;
import dev.sluice.event.Emitter;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent's side of {@code delta-s3-processes}: starts one {@link WriterProcess} JVM per writer
 * (this JVM's java and class path), relays each child's events into this run's emitter as they
 * arrive (one run, one trace, one clock; the writer name is the child's lane), lets all children
 * through a lock-step gate together, and collects their acknowledgements for verify. A child that
 * exits early, fails or outlives the deadline is reported as a failed commit, never waited on forever.
 */
final class WriterProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(WriterProcesses.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 120_000;
    /**
     * Test-only: {@code -Dsluice.test.writerDiesAfter=writer-1:1} makes that writer's JVM halt (as a
     * kill would end it: no goodbye, its socket dropped) right after its first acknowledged commit.
     */
    static final String DIES_AFTER_PROPERTY = "sluice.test.writerDiesAfter";

    /** A batch a child committed: its version and data file. */
    private record Ack(long version, String file) { }

    private final Emitter emitter;
    private final String table;
    private final Path logDir;
    private final Map<String, Ack> acks = new ConcurrentHashMap<>();
    private final Object gate = new Object();
    private final Set<Socket> waiting = new HashSet<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private int live;

    WriterProcesses(Emitter emitter, String table, Path logDir) {
        this.emitter = emitter;
        this.table = table;
        this.logDir = logDir;
    }

    /**
     * Runs {@code writers} children with {@code job} (plus each one's name and the relay port) and
     * waits for all of them, at most {@code deadlineMillis}; returns the plan verify checks against.
     */
    List<Expected> run(int writers, int batches, int rows, Properties job, long deadlineMillis) throws IOException,
            InterruptedException {
        List<Process> processes = new ArrayList<>();
        List<Thread> relays = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, writers, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            for (int w = 0; w < writers; w++) {
                processes.add(start(writer(w), job, server.getLocalPort()));
            }
            synchronized (gate) {
                live = writers;
            }
            for (int w = 0; w < writers; w++) {
                Socket s;
                try {
                    s = server.accept();
                } catch (SocketTimeoutException e) {
                    throw new IOException("a writer process did not connect within " + CONNECT_TIMEOUT_MILLIS / 1000
                            + " s (its log: " + logDir + ")", e);
                }
                Thread t = new Thread(() -> relay(s), "writer-process-relay-" + w);
                t.setDaemon(true);
                t.start();
                relays.add(t);
            }
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
            for (int w = 0; w < writers; w++) {
                Process p = processes.get(w);
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()));
                if (!p.waitFor(left, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    childFailed(writer(w), "did not finish within " + deadlineMillis / 1000 + " s and was killed");
                } else if (p.exitValue() != 0) {
                    childFailed(writer(w), "exited with code " + p.exitValue() + " (its log: "
                            + logDir.resolve(writer(w) + ".log") + ")");
                }
            }
            for (Thread t : relays) {
                t.join(10_000);
            }
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
        return plan(writers, batches, rows);
    }

    private Process start(String writer, Properties job, int port) throws IOException {
        Properties own = new Properties();
        own.putAll(job);
        own.setProperty("writer", writer);
        own.setProperty("port", Integer.toString(port));
        String dies = System.getProperty(DIES_AFTER_PROPERTY, "");
        if (dies.startsWith(writer + ":")) {
            own.setProperty(WriterProcess.DIES_AFTER, dies.substring(writer.length() + 1));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), WriterProcess.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve(writer + ".log").toFile());
        Process p = pb.start();
        StringWriter text = new StringWriter();
        own.store(text, null);
        try (OutputStream in = p.getOutputStream()) {
            in.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private void relay(Socket socket) {
        String writer = "an unnamed writer process";
        try (socket; DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()))) {
            while (true) {
                EventFrames.Type type = EventFrames.readType(in);
                switch (type) {
                    case HELLO -> writer = in.readUTF();
                    case EVENT -> emitter.emit(EventFrames.readEvent(in));
                    case GATE -> {
                        in.readUTF();
                        arrive(socket);
                    }
                    case ACK -> acks.put(in.readUTF(), new Ack(Long.parseLong(in.readUTF()), in.readUTF()));
                    case DONE -> {
                        in.readUTF();
                        finished.add(writer);
                    }
                }
            }
        } catch (EOFException end) {
            LOG.debug("{} closed its connection", writer);
        } catch (IOException | RuntimeException e) {
            LOG.warn("relay of {} stopped: {}", writer, e.toString());
            emitter.emit(new dev.sluice.event.AppEvent.Note(writer + ": its events stopped arriving: " + e.getMessage()));
        } finally {
            leave();
        }
    }

    /** A child waits at the gate; when every live child waits, all go. */
    private void arrive(Socket socket) throws IOException {
        synchronized (gate) {
            waiting.add(socket);
            releaseIfAllWait();
        }
    }

    private void leave() {
        synchronized (gate) {
            live--;
            try {
                releaseIfAllWait();
            } catch (IOException e) {
                LOG.warn("could not release the writers at the gate: {}", e.toString());
            }
        }
    }

    private void releaseIfAllWait() throws IOException {
        if (!waiting.isEmpty() && waiting.size() >= live) {
            for (Socket s : waiting) {
                s.getOutputStream().write(1);
                s.getOutputStream().flush();
            }
            waiting.clear();
        }
    }

    private void childFailed(String writer, String why) {
        emitter.emit(new DeltaEvent.CommitFailed(writer, table, writer + "/process", writer + "/process",
                "WriterProcessDied", "writer process " + writer + " " + why, "", "", -1, 0, -1, 0));
    }

    private List<Expected> plan(int writers, int batches, int rows) {
        List<Expected> plan = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            for (int b = 0; b < batches; b++) {
                RowBatch batch = RowBatch.of(writer(w), b, rows);
                Ack ack = acks.get(batch.id());
                plan.add(ack == null ? new Expected(batch, null, MissingReason.FAILURE_SURFACED)
                        : new Expected(batch, ack.file(), MissingReason.ACKNOWLEDGED, ack.version()));
            }
        }
        return plan;
    }

    static String writer(int w) {
        return "writer-" + w;
    }
}
