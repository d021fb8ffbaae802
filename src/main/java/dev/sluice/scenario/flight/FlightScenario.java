package dev.sluice.scenario.flight;

import dev.sluice.engine.flight.EmbeddedFlightServers;
import dev.sluice.engine.flight.FlightEndpointException;
import dev.sluice.engine.flight.ShuffleClient;
import dev.sluice.engine.flight.ShuffleConfig;
import dev.sluice.engine.flight.ShuffleProducer;
import dev.sluice.engine.flight.ShuffleResult;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Engine;
import dev.sluice.scenario.InvalidSettingException;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.PresetScenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.ScenarioException;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A Flight shuffle scenario: M embedded Flight servers on 127.0.0.1 and the shuffle client reading
 * every partition with one configuration. The five built-in scenarios differ only in defaults.
 * A run that stalls or exhausts its budget ends by itself (that is what it came to show); a stream
 * that fails for any other reason, or rows that do not add up, fail the run.
 */
public final class FlightScenario extends PresetScenario {

    private FlightScenario(String name, String summary, Map<String, String> defaults) {
        super(name, summary, Engine.FLIGHT, baseSettings(), defaults);
    }

    private static List<Setting<?>> baseSettings() {
        List<Setting<?>> s = new ArrayList<>(FlightSettings.SERVER);
        s.addAll(FlightSettings.CLIENT);
        return List.copyOf(s);
    }

    /** The built-in Flight scenarios, staging last. */
    public static List<Scenario> all() {
        return List.of(
                new FlightScenario("flight-drain",
                        "Healthy shuffle: one drain task per stream, budgeted buffers, h2 receiver; no findings",
                        Map.of("flight.receiver", "h2")),
                new FlightScenario("flight-select-all-h2",
                        "h2 receiver, one consumer reading stream by stream: FLOW_CONTROL_STALL, then the run ends itself",
                        Map.of("flight.receiver", "h2", "flight.strategy", "select-all", "flight.order", "sequential")),
                new FlightScenario("flight-max-streams",
                        "Server allows 2 calls per connection, round-robin consumer: STREAM_SLOT_STARVATION",
                        Map.of("flight.servers", "1", "flight.partitions", "4", "flight.strategy", "select-all",
                                "flight.order", "round-robin", "flight.maxCallsPerConnection", "2")),
                new FlightScenario("flight-bounded-drain",
                        "h2 receiver with bounded per-stream queues: the stall comes back (FLOW_CONTROL_STALL)",
                        Map.of("flight.receiver", "h2", "flight.strategy", "bounded-drain", "flight.order", "sequential")),
                new FlightScenario("flight-budget",
                        "drain with a budget smaller than the skew between streams: BUFFER_BUDGET_EXCEEDED, not OOM",
                        Map.of("flight.order", "sequential", "flight.budget", "1MiB")),
                new FlightStagingScenario());
    }

    static EmbeddedFlightServers.Spec serverSpec(Settings s) {
        int window = Math.toIntExact(s.get(FlightSettings.WINDOW));
        return new EmbeddedFlightServers.Spec(s.get(FlightSettings.SERVERS), s.get(FlightSettings.PARTITIONS),
                s.get(FlightSettings.BATCHES), s.get(FlightSettings.BATCH_SIZE),
                s.get(FlightSettings.MAX_CALLS_PER_CONNECTION), Math.max(window, 1 << 20));
    }

    @Override
    public void check(Settings settings) throws InvalidSettingException {
        FlightSettings.checkClient(settings);
    }

    /** Every partition of every embedded server, one endpoint per server. */
    public static List<ShuffleClient.Endpoint> endpoints(EmbeddedFlightServers servers) {
        List<ShuffleClient.Endpoint> out = new ArrayList<>();
        for (Location l : servers.locations()) {
            List<Ticket> tickets = new ArrayList<>();
            for (int p = 0; p < servers.spec().partitions(); p++) {
                tickets.add(ShuffleProducer.ticket(p));
            }
            out.add(new ShuffleClient.Endpoint(l, tickets));
        }
        return out;
    }

    @Override
    public void run(ScenarioContext context) throws Exception {
        Settings s = context.settings();
        ShuffleConfig config = FlightSettings.config(s);
        EmbeddedFlightServers.Spec spec = serverSpec(s);
        try (BufferAllocator root = new RootAllocator()) {
            EmbeddedFlightServers servers;
            try {
                servers = EmbeddedFlightServers.start(root, spec);
            } catch (Exception e) {
                throw new ScenarioException("start embedded Flight servers", e.getMessage(), e);
            }
            try (servers) {
                context.progress(0.05, "servers up on " + servers.locations());
                ShuffleResult r;
                try {
                    r = new ShuffleClient(config, context.emitter()).run(endpoints(servers), root, context::stopRequested);
                } catch (FlightEndpointException e) {
                    throw new ScenarioException("connect", e.getMessage(), e);
                }
                report(context, r, servers.rowsPerPartition() * spec.servers() * spec.partitions());
            }
        }
    }

    private static void report(ScenarioContext context, ShuffleResult r, long expectedRows) throws ScenarioException {
        if (r.aborted() != null) {
            context.emitter().emit(new AppEvent.Note("flight: shuffle ended early: " + r.aborted()));
            context.progress(1.0, "ended early: " + r.aborted());
            return;
        }
        List<ShuffleResult.StreamOutcome> failed = r.failed();
        if (!failed.isEmpty()) {
            throw new ScenarioException("shuffle", failed.size() + " stream(s) failed: " + failed.get(0).error());
        }
        if (r.rowsReceived() != expectedRows || r.rowsConsumed() != expectedRows) {
            throw new ScenarioException("verify rows", "rows served " + expectedRows + ", received " + r.rowsReceived()
                    + ", consumed " + r.rowsConsumed());
        }
        context.emitter().emit(new AppEvent.Note("flight: " + expectedRows + " rows received and consumed, peak buffered "
                + r.peakBuffered() + " bytes"));
        context.progress(1.0, "shuffle complete");
    }
}
