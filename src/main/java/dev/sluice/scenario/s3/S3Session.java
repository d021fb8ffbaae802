package dev.sluice.scenario.s3;

import dev.sluice.engine.s3.ClientOptions;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.engine.s3.LoopWatchdog;
import dev.sluice.engine.s3.ReaderConfig;
import dev.sluice.engine.s3.S3ClientFactory;
import dev.sluice.engine.s3.S3EngineException;
import dev.sluice.engine.s3.S3Target;
import dev.sluice.engine.s3.SampleDataset;
import dev.sluice.engine.s3.ThreadRegistry;
import dev.sluice.event.AppEvent;
import dev.sluice.event.S3Event.ClientKind;
import dev.sluice.scenario.InvalidSettingException;
import dev.sluice.scenario.PresetScenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.Settings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private static final int REACH_TIMEOUT_MILLIS = 2_000;

    /** The settings of every S3 scenario, with the defaults given by {@code defaults} where set. */
    static List<Setting<?>> settings(String scenario, Map<String, String> defaults) {
        return PresetScenario.withDefaults(scenario, S3Settings.COMMON, defaults);
    }

    /**
     * What the types cannot check: sizes that contradict each other, a scenario that needs Netty,
     * and an explicit endpoint that cannot be reached (so that a dead endpoint is not blamed on
     * credentials later).
     */
    static void check(String scenario, Settings s, boolean needsNetty) throws InvalidSettingException {
        long min = s.get(S3Settings.DATASET_MIN_SIZE);
        long max = s.get(S3Settings.DATASET_MAX_SIZE);
        if (min > max) {
            throw InvalidSettingException.of(S3Settings.DATASET_MIN_SIZE.key(), s.text(S3Settings.DATASET_MIN_SIZE.key()),
                    "must not be larger than s3.dataset.max-size=" + s.text(S3Settings.DATASET_MAX_SIZE.key()));
        }
        ClientKind kind = s.get(S3Settings.CLIENT);
        if (needsNetty && kind != ClientKind.NETTY) {
            throw InvalidSettingException.of(S3Settings.CLIENT.key(), kind.id(), scenario
                    + " shows Netty event loops, so it needs s3.client=netty");
        }
        Optional<URI> endpoint = s.get(S3Settings.ENDPOINT);
        if (endpoint.isPresent()) {
            reach(endpoint.get());
        }
    }

    /** Opens and closes one TCP connection to the endpoint, or says in one line why it cannot. */
    private static void reach(URI endpoint) throws InvalidSettingException {
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
        String where = endpoint.getHost() + ":" + port;
        String reason;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port), REACH_TIMEOUT_MILLIS);
            return;
        } catch (ConnectException e) {
            reason = "connection refused at " + where;
        } catch (UnknownHostException e) {
            reason = "unknown host " + endpoint.getHost();
        } catch (SocketTimeoutException e) {
            reason = "no answer from " + where + " within " + REACH_TIMEOUT_MILLIS / 1000 + " s";
        } catch (IOException | IllegalArgumentException e) {
            reason = where + ": " + e.getMessage();
        }
        throw InvalidSettingException.of(S3Settings.ENDPOINT.key(), endpoint.toString(), "the endpoint cannot be reached: "
                + reason);
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
        Optional<URI> endpoint = s.get(S3Settings.ENDPOINT);
        String bucket = s.get(S3Settings.BUCKET);
        SampleDataset dataset = new SampleDataset(bucket, s.get(S3Settings.DATASET_OBJECTS),
                s.get(S3Settings.DATASET_MIN_SIZE), s.get(S3Settings.DATASET_MAX_SIZE));
        String prefix = s.get(S3Settings.PREFIX).orElse(dataset.prefix());
        if (endpoint.isPresent()) {
            S3Target target = S3Target.external(endpoint.get(), s.get(S3Settings.REGION), bucket, prefix,
                    s.get(S3Settings.PATH_STYLE), s.get(S3Settings.PROFILE).orElse(""));
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
        return ClientOptions.defaults(settings.get(S3Settings.CLIENT), settings.get(S3Settings.LIFECYCLE))
                .withEventLoops(settings.get(S3Settings.EVENT_LOOPS))
                .withMaxConnections(settings.get(S3Settings.CONCURRENCY))
                .withApiCallTimeout(settings.get(S3Settings.API_CALL_TIMEOUT));
    }

    ReaderConfig readerConfig() {
        return new ReaderConfig(clientOptions(), settings.get(S3Settings.CONCURRENCY), settings.get(S3Settings.THREADS),
                settings.get(S3Settings.PART_SIZE), settings.get(S3Settings.VERIFY) == S3Settings.Verify.MD5);
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
