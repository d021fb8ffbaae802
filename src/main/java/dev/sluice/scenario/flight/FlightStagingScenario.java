package dev.sluice.scenario.flight;

import dev.sluice.engine.flight.FlightAuth;
import dev.sluice.engine.flight.FlightDiscovery;
import dev.sluice.engine.flight.FlightEndpointException;
import dev.sluice.engine.flight.ShuffleClient;
import dev.sluice.engine.flight.ShuffleConfig;
import dev.sluice.engine.flight.ShuffleResult;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Engine;
import dev.sluice.scenario.InvalidSettingException;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.SettingType;
import dev.sluice.scenario.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * {@code flight-staging}: the shuffle client against Flight endpoints you run ({@code grpc+tcp://}),
 * streams given as tickets or discovered with {@code GetFlightInfo}. Same probes, same detectors.
 */
public final class FlightStagingScenario implements Scenario {

    private final List<Setting<?>> settings;

    FlightStagingScenario() {
        List<Setting<?>> s = new ArrayList<>(FlightSettings.STAGING);
        s.addAll(FlightSettings.CLIENT);
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
    public List<Setting<?>> settings() {
        return settings;
    }

    @Override
    public void check(Settings settings) throws InvalidSettingException {
        FlightSettings.checkClient(settings);
        FlightSettings.Auth auth = settings.get(FlightSettings.AUTH);
        if (auth != FlightSettings.Auth.NONE && settings.get(FlightSettings.AUTH_ENV).isEmpty()) {
            throw InvalidSettingException.of(FlightSettings.AUTH.key(), settings.text(FlightSettings.AUTH.key()),
                    "needs flight.authEnv, the name of the environment variable that holds the "
                            + (auth == FlightSettings.Auth.BEARER ? "token" : "user:password"));
        }
        try {
            // the variable must be set now, before anything starts (its value is never shown)
            FlightAuth.of(SettingType.ChoiceType.id(auth), settings.get(FlightSettings.AUTH_ENV).orElse(""), System::getenv);
        } catch (IllegalArgumentException e) {
            throw InvalidSettingException.of(FlightSettings.AUTH_ENV.key(), settings.text(FlightSettings.AUTH_ENV.key()),
                    e.getMessage());
        }
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        Settings s = context.settings();
        ShuffleConfig config = FlightSettings.config(s);
        List<Location> locations = s.get(FlightSettings.ENDPOINTS).stream().map(Location::new).toList();
        Path trusted = s.get(FlightSettings.TRUSTED_CERTIFICATES).orElse(null);
        FlightAuth auth;
        try {
            auth = FlightAuth.of(SettingType.ChoiceType.id(s.get(FlightSettings.AUTH)), s.get(FlightSettings.AUTH_ENV).orElse(""),
                    System::getenv);
        } catch (IllegalArgumentException e) {
            // the variable flight.authEnv names is not set: known only now, from the environment
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

    private static FlightDiscovery.Plan plan(List<Location> locations, Settings s, BufferAllocator root, long timeoutMillis,
                                             Path trusted, FlightAuth auth) throws FlightEndpointException, InterruptedException {
        List<String> tickets = s.get(FlightSettings.TICKETS);
        if (tickets.isEmpty()) {
            return FlightDiscovery.discover(locations, s.get(FlightSettings.PATH), root, timeoutMillis, trusted, auth);
        }
        List<ShuffleClient.Endpoint> endpoints = new ArrayList<>();
        for (Location l : locations) {
            List<Ticket> list = new ArrayList<>();
            for (String t : tickets) {
                list.add(new Ticket(t.getBytes(StandardCharsets.UTF_8)));
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
