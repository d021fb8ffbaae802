package dev.sluice.scenario.s3;

import dev.sluice.engine.s3.ClientKind;
import dev.sluice.engine.s3.ClientOptions;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.engine.s3.Lifecycle;
import dev.sluice.engine.s3.LoopWatchdog;
import dev.sluice.engine.s3.ReaderConfig;
import dev.sluice.engine.s3.S3ClientFactory;
import dev.sluice.engine.s3.S3EngineException;
import dev.sluice.engine.s3.S3Target;
import dev.sluice.engine.s3.SampleDataset;
import dev.sluice.engine.s3.ThreadRegistry;
import dev.sluice.event.AppEvent;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.Settings;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every S3 scenario shares: its settings, and one session = an S3 endpoint (the embedded
 * S3Proxy with the seeded sample dataset, unless {@code s3.endpoint} names another), a probed
 * client factory and the loop watchdog. Closing the session stops all of it and waits for the
 * engine's threads to end, so their end is in the run.
 */
final class S3Session implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Session.class);

    /** The settings of every S3 scenario, with the defaults given by {@code overrides} where set. */
    /** Scenarios that show Netty event loops refuse other client kinds with a clear message. */
    static void requireNetty(String scenario, Settings settings) {
        if (!"netty".equals(settings.get("s3.client"))) {
            throw new IllegalArgumentException(scenario + " shows Netty event loops: it needs s3.client=netty, got '"
                    + settings.get("s3.client") + "'");
        }
    }

    static List<Setting> settings(Map<String, String> overrides) {
        List<Setting> base = List.of(
                new Setting("s3.endpoint", "", "S3 endpoint URL; empty = the embedded S3Proxy on 127.0.0.1"),
                new Setting("s3.region", "us-east-1", "region used for signing"),
                new Setting("s3.bucket", "sluice-sample", "bucket to read"),
                new Setting("s3.prefix", "", "prefix to read; empty = the seeded sample dataset's prefix"),
                new Setting("s3.profile", "", "credentials profile for s3.endpoint (empty = default chain); never a key"),
                new Setting("s3.path-style", "true", "path-style addressing (needed for S3Proxy and most S3 clones)"),
                new Setting("s3.dataset.objects", "256", "objects in the seeded sample dataset"),
                new Setting("s3.dataset.min-size", "4KiB", "smallest sample object"),
                new Setting("s3.dataset.max-size", "16MiB", "largest sample object (sizes spread on a log scale)"),
                new Setting("s3.client", "netty", "client kind: netty (async, event loops) or sync (URL connection on a pool)"),
                new Setting("s3.lifecycle", "shared", "shared (one client), per-thread (ThreadLocal, never closed) or per-request"),
                new Setting("s3.concurrency", "16", "requests in flight (sync: pool threads)"),
                new Setting("s3.threads", "8", "pool threads issuing requests (async kinds)"),
                new Setting("s3.event-loops", "2", "event-loop threads per client"),
                new Setting("s3.part-size", "8MiB", "objects larger than this are read in ranged parts"),
                new Setting("s3.api-call-timeout", "30s", "apiCallTimeout of every client (always set)"),
                new Setting("s3.verify", "md5", "md5 (whole objects against their ETag) or length"));
        List<Setting> out = new ArrayList<>();
        for (Setting s : base) {
            out.add(overrides.containsKey(s.key()) ? new Setting(s.key(), overrides.get(s.key()), s.description()) : s);
        }
        Map<String, String> extra = new LinkedHashMap<>(overrides);
        base.forEach(s -> extra.remove(s.key()));
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("not S3 settings: " + extra.keySet());
        }
        return out;
    }

    final ScenarioContext context;
    final Settings settings;
    final S3ClientFactory factory;
    final ThreadRegistry registry = new ThreadRegistry();
    final SampleDataset dataset;
    private final EmbeddedS3Server server;
    private final LoopWatchdog watchdog;

    private S3Session(ScenarioContext context, EmbeddedS3Server server, S3Target target, SampleDataset dataset) {
        this.context = context;
        this.settings = context.settings();
        this.server = server;
        this.dataset = dataset;
        this.factory = new S3ClientFactory(target, context.emitter(), registry);
        this.watchdog = new LoopWatchdog(registry, context.emitter(), 100);
        watchdog.watchPools(factory);
    }

    /** Starts (or reaches) the endpoint and seeds the sample dataset; a failure says which stage. */
    static S3Session open(ScenarioContext context) throws ScenarioException {
        Settings s = context.settings();
        String endpoint = s.get("s3.endpoint").trim();
        String bucket = s.get("s3.bucket");
        SampleDataset dataset;
        try {
            dataset = new SampleDataset(bucket, s.getInt("s3.dataset.objects"), s.getBytes("s3.dataset.min-size"),
                    s.getBytes("s3.dataset.max-size"));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("settings", e.getMessage(), e);
        }
        String prefix = s.get("s3.prefix").isBlank() ? dataset.prefix() : s.get("s3.prefix");
        if (!endpoint.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new ScenarioException("settings", "s3.endpoint is not a URL: '" + endpoint + "'", e);
            }
            S3Target target = S3Target.external(uri, s.get("s3.region"), bucket, prefix, s.getBoolean("s3.path-style"),
                    s.get("s3.profile"));
            context.emitter().emit(new AppEvent.Note("s3: reading " + target.where()));
            return new S3Session(context, null, target, dataset);
        }
        context.progress(0.0, "starting embedded S3");
        EmbeddedS3Server server;
        try {
            server = EmbeddedS3Server.start(context.dataDir().resolve("embedded-s3"));
        } catch (S3EngineException e) {
            throw new ScenarioException("start embedded S3", e.getMessage(), e);
        }
        try {
            context.progress(0.05, "seeding sample dataset");
            if (dataset.seed(server)) {
                context.emitter().emit(new AppEvent.Note("s3: seeded " + dataset.objects() + " objects ("
                        + dataset.totalBytes() / 1024 + " KiB) under s3://" + bucket + "/" + dataset.prefix()));
            }
        } catch (S3EngineException e) {
            closeQuietly(server);
            throw new ScenarioException("seed sample dataset", e.getMessage(), e);
        }
        S3Target target = server.target(bucket, prefix);
        context.emitter().emit(new AppEvent.Note("s3: reading " + target.where()));
        return new S3Session(context, server, target, dataset);
    }

    private static void closeQuietly(EmbeddedS3Server server) {
        try {
            server.close();
        } catch (S3EngineException e) {
            LOG.warn("embedded S3 did not stop cleanly", e);
        }
    }

    ClientOptions clientOptions() {
        return ClientOptions.defaults(ClientKind.parse(settings.get("s3.client")), Lifecycle.parse(settings.get("s3.lifecycle")))
                .withEventLoops(settings.getInt("s3.event-loops"))
                .withMaxConnections(Math.max(1, settings.getInt("s3.concurrency")))
                .withApiCallTimeout(settings.getDuration("s3.api-call-timeout"));
    }

    ReaderConfig readerConfig() {
        String verify = settings.get("s3.verify");
        if (!verify.equals("md5") && !verify.equals("length")) {
            throw new IllegalArgumentException("s3.verify must be md5 or length, got '" + verify + "'");
        }
        return new ReaderConfig(clientOptions(), settings.getInt("s3.concurrency"), settings.getInt("s3.threads"),
                settings.getBytes("s3.part-size"), verify.equals("md5"));
    }

    @Override
    public void close() throws InterruptedException {
        watchdog.close();
        int alive = registry.awaitAllEnded(20_000);
        if (alive > 0) {
            LOG.warn("{} S3 engine threads still alive 20 s after the scenario ended", alive);
        }
        if (server != null) {
            closeQuietly(server);
        }
    }
}
