package dev.sluice.scenario.flight;

import dev.sluice.engine.flight.FlightAuth;
import dev.sluice.engine.flight.FlightDiscovery;
import dev.sluice.engine.flight.FlightEndpointException;
import dev.sluice.engine.flight.ShuffleClient;
import dev.sluice.engine.flight.ShuffleConfig;
import dev.sluice.engine.flight.ShuffleProducer;
import dev.sluice.engine.flight.ShuffleResult;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Engine;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * {@code flight-staging}: the shuffle client against Flight endpoints you run ({@code grpc+tcp://}),
 * streams given as tickets or discovered with {@code GetFlightInfo}. Same probes, same detectors.
 */
public final class FlightStagingScenario implements Scenario {

    private final List<Setting> settings;

    FlightStagingScenario() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("flight.endpoints", new String[]{"", "comma-separated grpc+tcp:// or grpc+tls://host:port endpoints (required)"});
        m.put("flight.tickets", new String[]{"", "comma-separated tickets read from every endpoint; empty = discover with GetFlightInfo"});
        m.put("flight.path", new String[]{ShuffleProducer.SHUFFLE_PATH, "descriptor path for GetFlightInfo discovery"});
        m.put("flight.auth", new String[]{"none", "credentials: none, bearer or basic"});
        m.put("flight.authEnv", new String[]{"", "name of the environment variable holding the token or user:password"});
        m.put("flight.trustedCertificates", new String[]{"", "PEM file of the CAs that verify grpc+tls:// endpoints (empty = the JDK's trust store)"});
        m.putAll(FlightSettings.client());
        List<Setting> s = new ArrayList<>();
        m.forEach((k, v) -> s.add(new Setting(k, v[0], v[1])));
        this.settings = List.copyOf(s);
    }

    @Override
    public String name() {
        return "flight-staging";
    }

    @Override
    public String summary() {
        return "The shuffle client against your Flight endpoints (flight.endpoints), with window probes and detectors";
    }

    @Override
    public Engine engine() {
        return Engine.FLIGHT;
    }

    @Override
    public List<Setting> settings() {
        return settings;
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        Settings s = context.settings();
        ShuffleConfig config;
        List<Location> locations;
        Path trusted;
        FlightAuth auth;
        try {
            config = FlightSettings.config(s);
            locations = locations(s.get("flight.endpoints"));
            trusted = trusted(s.get("flight.trustedCertificates"));
            auth = FlightAuth.of(s.get("flight.auth"), s.get("flight.authEnv"), System::getenv);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("settings", e.getMessage(), e);
        }
        try (BufferAllocator root = new RootAllocator()) {
            FlightDiscovery.Plan plan;
            try {
                plan = plan(locations, s, root, config.connectTimeout().toMillis(), trusted, auth);
                context.progress(0.05, "reading " + plan.endpoints().size() + " endpoint(s)");
                ShuffleResult r = new ShuffleClient(config, context.emitter()).trustedCertificates(trusted).auth(auth)
                        .run(plan.endpoints(), root, context::stopRequested);
                report(context, r, plan.expectedRows());
            } catch (FlightEndpointException e) {
                throw new ScenarioException("connect", e.getMessage(), e);
            }
        }
    }

    private static List<Location> locations(String text) {
        List<Location> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(part.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("flight.endpoints: '" + part.trim() + "' is not a URI: " + e.getMessage(), e);
            }
            boolean known = "grpc+tcp".equals(uri.getScheme()) || "grpc+tls".equals(uri.getScheme());
            if (!known || uri.getHost() == null || uri.getPort() <= 0) {
                throw new IllegalArgumentException("flight.endpoints: '" + part.trim() + "' must be grpc+tcp://host:port or grpc+tls://host:port");
            }
            out.add(new Location(uri));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("flight.endpoints is empty: give grpc+tcp://host:port[,grpc+tcp://host:port...]");
        }
        return out;
    }

    private static Path trusted(String file) {
        if (file.isBlank()) {
            return null;
        }
        Path p = Path.of(file.trim());
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException("flight.trustedCertificates: cannot read " + p.toAbsolutePath());
        }
        return p;
    }

    private static FlightDiscovery.Plan plan(List<Location> locations, Settings s, BufferAllocator root, long timeoutMillis,
                                             Path trusted, FlightAuth auth) throws FlightEndpointException, InterruptedException {
        String tickets = s.get("flight.tickets").trim();
        if (tickets.isEmpty()) {
            return FlightDiscovery.discover(locations, s.get("flight.path"), root, timeoutMillis, trusted, auth);
        }
        List<ShuffleClient.Endpoint> endpoints = new ArrayList<>();
        for (Location l : locations) {
            List<Ticket> list = new ArrayList<>();
            for (String t : tickets.split(",")) {
                list.add(new Ticket(t.trim().getBytes(StandardCharsets.UTF_8)));
            }
            endpoints.add(new ShuffleClient.Endpoint(l, list));
        }
        return new FlightDiscovery.Plan(endpoints, -1);
    }

    private static void report(ScenarioContext context, ShuffleResult r, long expectedRows) throws ScenarioException {
        if (r.aborted() != null) {
            context.emitter().emit(new AppEvent.Note("flight: shuffle ended early: " + r.aborted()));
            return;
        }
        List<ShuffleResult.StreamOutcome> failed = r.failed();
        if (!failed.isEmpty()) {
            throw new ScenarioException("shuffle", failed.size() + " stream(s) failed: " + failed.get(0).error());
        }
        if (expectedRows >= 0 && r.rowsReceived() != expectedRows) {
            throw new ScenarioException("verify rows", "the endpoints announced " + expectedRows + " rows, received "
                    + r.rowsReceived());
        }
        context.emitter().emit(new AppEvent.Note("flight: " + r.rowsReceived() + " rows received from "
                + r.streams().size() + " stream(s)" + (expectedRows >= 0 ? ", as announced" : "")));
        context.progress(1.0, "shuffle complete");
    }
}
