package dev.sluice.scenario.flight;

import dev.sluice.engine.flight.ShuffleConfig;
import dev.sluice.engine.flight.ShuffleProducer;
import dev.sluice.event.FlightEvent.ReceiverPolicy;
import dev.sluice.scenario.InvalidSettingException;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.SettingType;
import dev.sluice.scenario.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one declaration of every Flight setting and the client configuration they make. Ranges allow
 * real shuffles (hundreds of streams, 1 GiB windows, batches of 64 MiB) and refuse what would only
 * exhaust the machine.
 */
public final class FlightSettings {

    /** How the client authenticates to staging endpoints. */
    public enum Auth { NONE, BEARER, BASIC }

    // ---- embedded servers --------------------------------------------------------------------
    public static final Setting<Integer> SERVERS = Setting.of("flight.servers", SettingType.integer(1, 64), "2",
            "embedded Flight servers (one connection each)");
    public static final Setting<Integer> PARTITIONS = Setting.of("flight.partitions", SettingType.integer(1, 256), "2",
            "partitions (streams) per server");
    public static final Setting<Integer> BATCHES = Setting.of("flight.batches", SettingType.integer(1, 1_000_000), "32",
            "batches per partition");
    public static final Setting<Long> BATCH_SIZE = Setting.of("flight.batchSize", SettingType.size(1L << 10, 64L << 20),
            "64KiB", "approximate size of one record batch (up to several MiB)");
    public static final Setting<Integer> MAX_CALLS_PER_CONNECTION = Setting.of("flight.maxCallsPerConnection",
            SettingType.integer(0, 10_000), "0", "server cap on concurrent calls per connection (0 = none)");

    // ---- shuffle client ----------------------------------------------------------------------
    public static final Setting<Long> WINDOW = Setting.of("flight.window", SettingType.size(65_535, 1L << 30), "65536",
            "HTTP/2 flow-control window of the client, stream and connection");
    public static final Setting<Boolean> WINDOW_AUTO_TUNE = Setting.of("flight.windowAutoTune", SettingType.bool(), "false",
            "BDP auto-tuning (initialFlowControlWindow) instead of a fixed window");
    public static final Setting<ReceiverPolicy> RECEIVER = Setting.of("flight.receiver",
            SettingType.choice(ReceiverPolicy.class), "grpc-java",
            "grpc-java (window back on arrival) or h2 (back on consumption)");
    public static final Setting<ShuffleConfig.Strategy> STRATEGY = Setting.of("flight.strategy",
            SettingType.choice(ShuffleConfig.Strategy.class), "drain", "select-all, drain or bounded-drain");
    public static final Setting<ShuffleConfig.Order> ORDER = Setting.of("flight.order",
            SettingType.choice(ShuffleConfig.Order.class), "arrival",
            "consumer order: sequential, round-robin or arrival (drain only)");
    public static final Setting<Long> BUDGET = Setting.of("flight.budget", SettingType.size(64L << 10, 8L << 30), "256MiB",
            "drain: memory budget for buffered batches");
    public static final Setting<Duration> BUDGET_WAIT = Setting.of("flight.budgetWait",
            SettingType.duration(Duration.ZERO, Duration.ofMinutes(10)), "2s",
            "drain: longest wait for budget before the shuffle fails");
    public static final Setting<Integer> QUEUE = Setting.of("flight.queue", SettingType.integer(1, 100_000), "2",
            "bounded-drain: batches per stream queue");
    public static final Setting<Duration> SAMPLE_EVERY = Setting.of("flight.sampleEvery",
            SettingType.duration(Duration.ZERO, Duration.ofMinutes(1)), "10ms",
            "window sampling period (0ms = off, down to 1ms)");
    public static final Setting<Duration> STALL_TIMEOUT = Setting.of("flight.stallTimeout",
            SettingType.duration(Duration.ofMillis(100), Duration.ofHours(1)), "3s",
            "the client cancels every stream after this long without progress");
    public static final Setting<Duration> DEADLINE = Setting.of("flight.deadline",
            SettingType.duration(Duration.ofSeconds(1), Duration.ofHours(24)), "60s", "deadline of the whole shuffle");
    public static final Setting<Duration> CONSUME_DELAY = Setting.of("flight.consumeDelay",
            SettingType.duration(Duration.ZERO, Duration.ofMinutes(1)), "0ms", "simulated work per consumed batch");
    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.of("flight.connectTimeout",
            SettingType.duration(Duration.ofMillis(100), Duration.ofMinutes(5)), "10s",
            "deadline of the first call to each endpoint (a refused connection fails at once)");

    // ---- staging endpoints -------------------------------------------------------------------
    public static final Setting<List<URI>> ENDPOINTS = Setting.of("flight.endpoints",
            SettingType.list(SettingType.uri(Set.of("grpc+tcp", "grpc+tls"), true, "grpc+tcp://host:8815"), 1, 256),
            "", "comma-separated grpc+tcp:// or grpc+tls://host:port endpoints (required)");
    public static final Setting<List<String>> TICKETS = Setting.of("flight.tickets",
            SettingType.list(SettingType.text(Pattern.compile("[^\\p{Cntrl},]{1,4096}"), "a ticket of up to 4096 characters"),
                    0, 100_000),
            "", "comma-separated tickets read from every endpoint; empty = discover with GetFlightInfo");
    public static final Setting<String> PATH = Setting.of("flight.path",
            SettingType.text(Pattern.compile("[^\\p{Cntrl}]{1,1024}"), "a descriptor path of up to 1024 characters"),
            ShuffleProducer.SHUFFLE_PATH, "descriptor path for GetFlightInfo discovery");
    public static final Setting<Auth> AUTH = Setting.of("flight.auth", SettingType.choice(Auth.class), "none",
            "credentials: none, bearer or basic");
    public static final Setting<Optional<String>> AUTH_ENV = Setting.of("flight.authEnv",
            SettingType.optional(SettingType.name(Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}"),
                    "the NAME of an environment variable (letters, digits and _), like FLIGHT_TOKEN"), "no credentials"),
            "", "name of the environment variable holding the token or user:password");
    public static final Setting<Optional<Path>> TRUSTED_CERTIFICATES = Setting.of("flight.trustedCertificates",
            SettingType.optional(SettingType.path(SettingType.PathType.Is.READABLE_FILE), "the JDK's trust store"),
            "", "PEM file of the CAs that verify grpc+tls:// endpoints (empty = the JDK's trust store)");

    static final List<Setting<?>> SERVER = List.of(SERVERS, PARTITIONS, BATCHES, BATCH_SIZE, MAX_CALLS_PER_CONNECTION);
    static final List<Setting<?>> CLIENT = List.of(WINDOW, WINDOW_AUTO_TUNE, RECEIVER, STRATEGY, ORDER, BUDGET, BUDGET_WAIT,
            QUEUE, SAMPLE_EVERY, STALL_TIMEOUT, DEADLINE, CONSUME_DELAY, CONNECT_TIMEOUT);
    static final List<Setting<?>> STAGING = List.of(ENDPOINTS, TICKETS, PATH, AUTH, AUTH_ENV, TRUSTED_CERTIFICATES);

    private FlightSettings() {
    }

    /** The client configuration these settings describe. */
    static ShuffleConfig config(Settings s) {
        return new ShuffleConfig(s.get(RECEIVER), Math.toIntExact(s.get(WINDOW)), s.get(WINDOW_AUTO_TUNE), s.get(STRATEGY),
                s.get(ORDER), s.get(BUDGET), s.get(BUDGET_WAIT), s.get(QUEUE), s.get(SAMPLE_EVERY), s.get(STALL_TIMEOUT),
                s.get(DEADLINE), s.get(CONSUME_DELAY), s.get(CONNECT_TIMEOUT));
    }

    /** Combinations the client refuses, as a setting error before anything starts. */
    static void checkClient(Settings s) throws InvalidSettingException {
        if (s.get(STRATEGY) == ShuffleConfig.Strategy.SELECT_ALL && s.get(ORDER) == ShuffleConfig.Order.ARRIVAL) {
            throw InvalidSettingException.of(ORDER.key(), s.text(ORDER.key()),
                    "needs a drain strategy; flight.strategy=select-all reads sequential or round-robin");
        }
    }
}
