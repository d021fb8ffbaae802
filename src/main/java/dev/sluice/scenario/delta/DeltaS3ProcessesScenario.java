package dev.sluice.scenario.delta;

import dev.sluice.engine.delta.DeltaTables;
import dev.sluice.engine.delta.Expected;
import dev.sluice.engine.delta.LogStoreKind;
import dev.sluice.engine.delta.NotADeltaTableException;
import dev.sluice.engine.delta.S3Access;
import dev.sluice.engine.delta.TableVerifier;
import dev.sluice.engine.delta.TableWriter;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.engine.s3.S3EngineException;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Emitter;
import dev.sluice.event.Engine;
import dev.sluice.scenario.PresetScenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * {@code delta-s3-processes}: N writer processes (separate JVMs, as separate jobs are) append to one
 * table on S3 — the embedded S3Proxy unless {@code s3.endpoint} or a profile names another. With
 * {@code delta.logStore=delta-default} each process's {@code S3SingleDriverLogStore} checks for a
 * version and then writes it, so concurrent commits replace each other and verify finds rows that
 * were acknowledged missing; with {@code sluice} the conditional PUT lets one win each version and
 * the others retry. Writers meet at a gate before reading and before committing their first
 * {@code delta.together} batches, so the race shows the same way every run.
 */
final class DeltaS3ProcessesScenario extends PresetScenario {

    private static final long DEADLINE_MILLIS = 240_000;

    DeltaS3ProcessesScenario() {
        super("delta-s3-processes", "Writer processes append to one Delta table on S3: delta-default's single-driver"
                        + " store loses commits, Sluice's conditional-write store retries them",
                Engine.DELTA, base(), DeltaScenario.defaults("delta.writers", "3", "delta.batches", "3", "delta.rows", "100",
                        "delta.together", "3", "delta.strategy", "retry", "delta.operation", "read-append"));
    }

    private static List<Setting<?>> base() {
        List<Setting<?>> all = new ArrayList<>(List.of(DeltaSettings.WRITERS, DeltaSettings.BATCHES, DeltaSettings.ROWS,
                DeltaSettings.PAYLOAD_BYTES, DeltaSettings.STRATEGY, DeltaSettings.OPERATION, DeltaSettings.LOG_STORE,
                DeltaSettings.RETRY_MAX, DeltaSettings.RETRY_BACKOFF, DeltaSettings.TOGETHER));
        all.addAll(DeltaS3Settings.ALL);
        return all;
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        Settings s = context.settings();
        Optional<URI> endpoint = s.get(DeltaS3Settings.ENDPOINT);
        String bucket = s.get(DeltaS3Settings.BUCKET);
        String stamp = LocalDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS",
                Locale.ROOT));
        Path logDir = context.dataDir().resolve(name()).resolve(stamp);
        Files.createDirectories(logDir);
        EmbeddedS3Server server = null;
        try {
            Properties job = new Properties();
            S3Access access;
            if (endpoint.isPresent() || s.get(DeltaS3Settings.PROFILE).isPresent()) {
                String profile = s.get(DeltaS3Settings.PROFILE).orElse("");
                access = S3Access.external(endpoint.orElse(null), s.get(DeltaS3Settings.REGION),
                        s.get(DeltaS3Settings.PATH_STYLE), profile);
                job.setProperty("profile", profile);
            } else {
                context.progress(0.0, "starting embedded S3");
                server = EmbeddedS3Server.start(context.dataDir().resolve("embedded-s3"));
                access = new S3Access(server.endpoint(), "us-east-1", true, server.credentials().provider(),
                        "embedded S3Proxy " + server.endpoint());
                AwsCredentials generated = server.credentials().provider().resolveCredentials();
                // handed to the children on their standard input only; generated for this start, never stored
                job.setProperty("accessKeyId", generated.accessKeyId());
                job.setProperty("secretAccessKey", generated.secretAccessKey());
            }
            access.ensureBucket(bucket);
            URI table = URI.create("s3://" + bucket + "/" + name() + "/" + stamp);
            LogStoreKind store = s.get(DeltaSettings.LOG_STORE);
            context.emitter().emit(new AppEvent.Note("delta: " + s.get(DeltaSettings.WRITERS) + " writer processes append to "
                    + table + " at " + access.description() + " with delta.logStore=" + store.id()
                    + "; check it later with: sluice verify " + table));
            DeltaTables tables = new DeltaTables(store, DeltaTables.LocalFs.RAW, access, context.emitter());
            new TableWriter(tables.sharedLog(table, "setup"), table, "setup", context.emitter(),
                    s.get(DeltaSettings.PAYLOAD_BYTES), tables.conf()).createTable();
            job.setProperty("table", table.toString());
            job.setProperty("endpoint", access.endpoint() == null ? "" : access.endpoint().toString());
            job.setProperty("region", access.region());
            job.setProperty("pathStyle", Boolean.toString(access.pathStyle()));
            job.setProperty("logStore", store.id());
            job.setProperty("batches", s.text(DeltaSettings.BATCHES.key()));
            job.setProperty("rows", s.text(DeltaSettings.ROWS.key()));
            job.setProperty("payload", s.text(DeltaSettings.PAYLOAD_BYTES.key()));
            job.setProperty("together", s.text(DeltaSettings.TOGETHER.key()));
            job.setProperty("mode", s.get(DeltaSettings.OPERATION).name());
            job.setProperty("retries", s.get(DeltaSettings.STRATEGY) == dev.sluice.engine.delta.DeltaWorkload.Strategy.RETRY
                    ? s.text(DeltaSettings.RETRY_MAX.key()) : "0");
            job.setProperty("backoff", s.get(DeltaSettings.RETRY_BACKOFF).toString());
            context.progress(0.1, "starting " + s.get(DeltaSettings.WRITERS) + " writer processes");
            List<Expected> plan = new WriterProcesses(context.emitter(), table.toString(), logDir)
                    .run(s.get(DeltaSettings.WRITERS), s.get(DeltaSettings.BATCHES), s.get(DeltaSettings.ROWS), job,
                            DEADLINE_MILLIS);
            context.progress(0.9, "verifying " + table);
            verify(context.emitter(), access, table, plan);
            context.progress(1.0, name() + " done");
        } catch (S3EngineException e) {
            throw new ScenarioException("start embedded S3", e.getMessage(), e);
        } catch (IOException e) {
            throw new ScenarioException("run writer processes", e.getMessage(), e);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static void verify(Emitter emitter, S3Access access, URI table, List<Expected> plan) throws ScenarioException {
        try {
            TableVerifier.Report report = new TableVerifier(DeltaTables.hadoopConf(LogStoreKind.SLUICE,
                    DeltaTables.LocalFs.RAW, access), emitter).verify(table, plan);
            for (String problem : report.problems()) {
                emitter.emit(new AppEvent.Note("verify " + table + ": " + problem));
            }
        } catch (NotADeltaTableException e) {
            throw new ScenarioException("verify " + table, e.getMessage(), e);
        }
    }
}
