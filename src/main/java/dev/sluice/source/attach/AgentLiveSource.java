package dev.sluice.source.attach;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.source.LiveSource;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceKind;
import dev.sluice.trace.LiveWire;
import dev.sluice.trace.TraceWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sluice's agent in another JVM, live: connects to its {@code listen=} port and feeds what it sends
 * through a pipeline into the same sinks a scenario run feeds (the console's live model, a trace
 * writer when recording). The agent stamped time and thread, so the pipeline keeps its order
 * ({@link Pipeline#replay}) and waits instead of dropping; a console that falls behind slows only its
 * own socket, never the job (the agent holds a bounded backlog and says what a late console missed).
 */
public final class AgentLiveSource implements LiveSource {

    private static final Logger LOG = LoggerFactory.getLogger(AgentLiveSource.class);
    private static final int CONNECT_MILLIS = 5_000;
    private static final String CONSOLE_THREAD = "sluice-console";

    private final String host;
    private final int port;
    private final String tokenEnv;
    private final String label;
    private volatile RunInfo run;
    /** The connection {@link #connect} made, for the next start to use. */
    private final AtomicReference<Connection> opened = new AtomicReference<>();

    private record Connection(Socket socket, LiveWire.Reader reader) { }

    /**
     * @param tokenEnv the environment variable of this process holding the agent's token (null: none)
     * @param label    what the process is, when known before connecting (its main class and pid), or null
     */
    public AgentLiveSource(String host, int port, String tokenEnv, String label) {
        this.host = host;
        this.port = port;
        this.tokenEnv = tokenEnv;
        this.label = label;
    }

    /** The address as HOST:PORT. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.AGENT;
    }

    /**
     * The process in short, "PID MainClass" (its class without the package), from the agent once connected or
     * from the label; its address while neither is known.
     */
    public String process() {
        String process = processName();
        if (process == null) {
            return address();
        }
        int at = process.lastIndexOf('@');
        if (at < 0) {
            return process;
        }
        String main = process.substring(0, at);
        String simple = main.endsWith(".jar") ? main : main.substring(main.lastIndexOf('.') + 1);
        return process.substring(at + 1) + " " + simple;
    }

    /** The process id, from the agent once connected or from the label; null while neither is known. */
    public String pid() {
        String process = processName();
        int at = process == null ? -1 : process.lastIndexOf('@');
        return at < 0 ? null : process.substring(at + 1);
    }

    /** "MainClass@PID" as the agent names its run, or the label; null while neither is known. */
    private String processName() {
        RunInfo r = run;
        return r != null ? r.scenario().replaceFirst("^agent:", "") : label;
    }

    /** Whether {@code ended} (a run this class started, done) received the agent's whole run, to its end. */
    static boolean endedWhole(LiveRun ended) {
        return ended instanceof AgentLiveSource.Attached a && a.complete;
    }

    /** The attached process (from the agent once connected: its main class and pid) and where it is. */
    @Override
    public String name() {
        RunInfo r = run;
        String process = r != null ? r.scenario().replaceFirst("^agent:", "") : label;
        return process == null ? address() : process + " at " + address();
    }

    /**
     * Connects to the agent now and reads its run's header, so that a dead address, a wrong token or a port
     * where no agent listens is refused here, in one line, before anything live is stopped for it; the next
     * {@link #start} uses this connection (a start without it connects then).
     */
    public void connect() throws SourceException {
        Connection was = opened.getAndSet(open());
        if (was != null) {
            close(was.socket());
        }
    }

    /** Closes a connection {@link #connect} made that no run will use (the user cancelled meanwhile). */
    public void discard() {
        Connection was = opened.getAndSet(null);
        if (was != null) {
            close(was.socket());
        }
    }

    private Connection open() throws SourceException {
        String token = "";
        if (tokenEnv != null) {
            token = System.getenv(tokenEnv);
            if (token == null || token.isEmpty()) {
                throw new SourceException(address(), "the token variable " + tokenEnv + " is not set in this process;"
                        + " set it to the agent's token");
            }
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
            socket.setSoTimeout(CONNECT_MILLIS); // an agent answers the hello at once; anything else must not hang us
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            LiveWire.writeHello(out, token);
            LiveWire.Reader reader = new LiveWire.Reader(new DataInputStream(new BufferedInputStream(
                    socket.getInputStream(), 1 << 16)));
            socket.setSoTimeout(0);
            run = reader.run();
            return new Connection(socket, reader);
        } catch (LiveWire.Refused e) {
            close(socket);
            throw new SourceException(address(), e.getMessage(), e);
        } catch (IOException e) {
            close(socket);
            throw new SourceException("cannot connect to " + address(), lowerFirst(describe(e)) + " (no Sluice agent"
                    + " answers there; start the job with -javaagent:sluice-agent.jar=listen=" + address()
                    + ", or attach its PID)", e);
        }
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    @Override
    public LiveRun start(List<EventSink> sinks, Path record, BiConsumer<Double, String> progress) throws SourceException {
        progress.accept(-1.0, "connecting to " + address());
        Connection connection = opened.getAndSet(null);
        if (connection == null) {
            connection = open();
        }
        Socket socket = connection.socket();
        LiveWire.Reader reader = connection.reader();
        List<EventSink> all = new ArrayList<>();
        CutAwareWriter writer = record == null ? null : new CutAwareWriter(new TraceWriter(record));
        if (writer != null) {
            all.add(writer);
        }
        all.addAll(sinks);
        Pipeline pipeline = Pipeline.replay(run, all);
        Attached attached = new Attached(socket, reader, pipeline, writer, record);
        Thread thread = new Thread(attached::read, "sluice-attached-" + port);
        thread.setDaemon(true);
        attached.thread = thread;
        thread.start();
        return attached;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing the socket to the agent failed", e);
        }
    }

    /** The recording reads as incomplete when the stream did not reach the agent's end (detached, lost). */
    static final class CutAwareWriter implements EventSink {
        final TraceWriter writer;
        volatile boolean cut;

        CutAwareWriter(TraceWriter writer) {
            this.writer = writer;
        }

        @Override
        public void open(RunInfo run) throws IOException {
            writer.open(run);
        }

        @Override
        public void accept(List<Event> batch) throws IOException {
            writer.accept(batch);
        }

        @Override
        public void tick() throws IOException {
            writer.tick();
        }

        @Override
        public void close() throws IOException {
            if (cut) {
                writer.closeIncomplete();
            } else {
                writer.close();
            }
        }
    }

    private final class Attached extends AttachedRun {
        private final Socket socket;
        private final LiveWire.Reader reader;
        private final Pipeline pipeline;
        private final Path record;
        private volatile boolean stopRequested;
        private volatile boolean complete;
        private long events;
        private long missing;

        Attached(Socket socket, LiveWire.Reader reader, Pipeline pipeline, CutAwareWriter writer, Path record) {
            super(writer);
            this.socket = socket;
            this.reader = reader;
            this.pipeline = pipeline;
            this.record = record;
        }

        void read() {
            String failure = null;
            boolean whole = false;
            long lastTime = 0;
            try {
                loop:
                while (true) {
                    switch (reader.next()) {
                        case EVENT -> {
                            Event e = reader.event();
                            lastTime = Math.max(lastTime, e.timeNanos());
                            pipeline.inject(e);
                            events++;
                        }
                        case GAP -> {
                            missing += reader.gap();
                            pipeline.inject(new Event(run.runId(), lastTime, CONSOLE_THREAD, 0, new AppEvent.Note(
                                    "sluice console: " + reader.gap() + " events of the agent were not received"
                                            + " (it holds a bounded backlog; this console connected late or fell behind)")));
                        }
                        case SKIPPED -> {
                            // a kind of another Sluice version: counted, said at the end
                        }
                        case END -> {
                            whole = true;
                            break loop;
                        }
                    }
                }
            } catch (IOException e) {
                if (!stopRequested) {
                    failure = name() + ": the stream from the agent broke off (" + describe(e) + ")";
                    LOG.warn("{}", failure, LOG.isDebugEnabled() ? e : null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = name() + ": the stream from the agent failed: " + e;
                LOG.error("reading the agent at {} failed", address(), e);
            } finally {
                close(socket);
            }
            complete = whole && missing == 0 && reader.skipped() == 0;
            if (writer != null) {
                writer.cut = !complete;
            }
            try {
                pipeline.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String how = whole ? "the job ended" : stopRequested ? "detached" : "the connection was lost";
            String gaps = (missing == 0 ? "" : ", " + missing + " events not received")
                    + (reader.skipped() == 0 ? "" : ", " + reader.skipped() + " events of unknown kinds skipped");
            String summary = "attached to " + name() + ": " + how + " — " + events + " events" + gaps
                    + (record == null ? "" : ", recorded " + record + (complete ? "" : " (incomplete)"));
            ended = new Ended(summary, failure, record);
        }

        @Override
        public void requestStop() {
            stopRequested = true;
            close(socket); // the agent sees the console go; the job runs on
        }

        @Override
        public long dropped() {
            return pipeline.dropped();
        }
    }
}
