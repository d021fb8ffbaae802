package dev.sluice.scenario.delta;

import dev.sluice.engine.delta.DeltaTables;
import dev.sluice.engine.delta.LogStoreKind;
import dev.sluice.engine.delta.RowBatch;
import dev.sluice.engine.delta.S3Access;
import dev.sluice.engine.delta.TableWriter;
import dev.sluice.event.Emitter;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One writer of {@code delta-s3-processes}, in a JVM of its own as a separate job would be: its own
 * {@code DeltaLog} and log store, so no lock of one JVM orders it against the others. It reads its
 * job from standard input (never from its command line: the embedded server's generated key is in
 * it), sends every event, gate and acknowledgement to the parent over a loopback socket, and exits
 * 0 when every batch was committed or reported.
 */
public final class WriterProcess {

    private static final Logger LOG = LoggerFactory.getLogger(WriterProcess.class);
    private static final long GATE_TIMEOUT_MILLIS = 60_000;
    /** Job key: halt after this many acknowledged commits (set from {@link WriterProcesses#DIES_AFTER_PROPERTY}). */
    static final String DIES_AFTER = "diesAfterCommits";
    /** The exit code of a writer halted by {@link #DIES_AFTER}. */
    static final int DIED_CODE = 97;

    private WriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Properties job = new Properties();
        try (InputStream in = System.in) {
            job.load(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        String writer = job.getProperty("writer");
        int diesAfter = Integer.parseInt(job.getProperty(DIES_AFTER, "-1"));
        int[] committed = {0};
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(job.getProperty("port")))) {
            socket.setSoTimeout((int) GATE_TIMEOUT_MILLIS);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            Object lock = new Object();
            Emitter emitter = body -> {
                synchronized (lock) {
                    try {
                        EventFrames.writeEvent(out, body);
                        out.flush();
                    } catch (IOException e) {
                        // the parent is gone: the run it reported to has ended, so there is nobody to tell
                        LOG.warn("{}: event {} not sent to the parent: {}", writer, body.getClass().getSimpleName(), e.toString());
                    }
                }
            };
            synchronized (lock) {
                EventFrames.writeText(out, EventFrames.Type.HELLO, writer);
                out.flush();
            }
            run(job, writer, emitter, (step, batch, retry) -> {
                synchronized (lock) {
                    try {
                        EventFrames.writeText(out, EventFrames.Type.GATE, batch.id() + " " + step);
                        out.flush();
                    } catch (IOException e) {
                        throw new IllegalStateException(writer + ": parent gone at the gate", e);
                    }
                }
                try {
                    if (in.read() < 0) {
                        throw new IllegalStateException(writer + ": parent closed the connection at the gate");
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(writer + ": no go from the parent at the gate within "
                            + GATE_TIMEOUT_MILLIS / 1000 + " s", e);
                }
            }, (batch, ack) -> {
                synchronized (lock) {
                    EventFrames.writeText(out, EventFrames.Type.ACK, batch.id(), Long.toString(ack.version()), ack.file());
                    out.flush();
                }
                if (++committed[0] == diesAfter) {
                    LOG.warn("{}: halting after {} commit(s), as {} asked", writer, diesAfter, DIES_AFTER);
                    Runtime.getRuntime().halt(DIED_CODE);
                }
            });
            synchronized (lock) {
                EventFrames.writeText(out, EventFrames.Type.DONE, writer);
                out.flush();
            }
        }
    }

    /** Reports one commit to the parent. */
    @FunctionalInterface
    interface AckSink {
        void acknowledged(RowBatch batch, TableWriter.Ack ack) throws IOException;
    }

    private static void run(Properties job, String writer, Emitter emitter, TableWriter.Gate lockStep, AckSink acks)
            throws Exception {
        URI table = URI.create(job.getProperty("table"));
        String endpoint = job.getProperty("endpoint", "");
        URI endpointUri = endpoint.isEmpty() ? null : URI.create(endpoint);
        boolean pathStyle = Boolean.parseBoolean(job.getProperty("pathStyle", "true"));
        String region = job.getProperty("region", "us-east-1");
        S3Access access = job.containsKey("accessKeyId")
                ? new S3Access(endpointUri, region, pathStyle, StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        job.getProperty("accessKeyId"), job.getProperty("secretAccessKey"))), "the run's embedded S3Proxy")
                : S3Access.external(endpointUri, region, pathStyle, job.getProperty("profile", ""));
        LogStoreKind store = LogStoreKind.parse(job.getProperty("logStore"));
        int batches = Integer.parseInt(job.getProperty("batches"));
        int rows = Integer.parseInt(job.getProperty("rows"));
        int together = Integer.parseInt(job.getProperty("together"));
        TableWriter.Mode mode = TableWriter.Mode.valueOf(job.getProperty("mode"));
        TableWriter.Policy policy = new TableWriter.Policy(Integer.parseInt(job.getProperty("retries")),
                Duration.parse(job.getProperty("backoff")), false);
        DeltaTables tables = new DeltaTables(store, DeltaTables.LocalFs.RAW, access, emitter);
        TableWriter tw = new TableWriter(tables.separateLog(table, writer), table, writer, emitter,
                Integer.parseInt(job.getProperty("payload")), tables.conf());
        for (int b = 0; b < batches; b++) {
            boolean inStep = b < together;
            TableWriter.Gate gate = inStep ? (step, batch, retry) -> {
                if (retry == 0) {
                    lockStep.await(step, batch, retry);
                }
            } : TableWriter.Gate.OPEN;
            RowBatch batch = RowBatch.of(writer, b, rows);
            try {
                acks.acknowledged(batch, tw.append(batch, mode, policy, gate));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // reported as CommitFailed/WriteAbandoned by the writer; the next batch still goes
                LOG.info("{} batch {} failed and was reported: {}", writer, b, e.toString());
            }
        }
    }
}
