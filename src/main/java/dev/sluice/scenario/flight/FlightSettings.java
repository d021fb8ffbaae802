package dev.sluice.scenario.flight;

import dev.sluice.engine.flight.ReceiverPolicy;
import dev.sluice.engine.flight.ShuffleConfig;
import dev.sluice.scenario.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/** The documented settings of the Flight scenarios (key to default and help) and the client configuration they make. */
final class FlightSettings {

    private FlightSettings() {
    }

    /** Settings of the embedded servers. */
    static Map<String, String[]> server() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("flight.servers", new String[]{"2", "embedded Flight servers (one connection each)"});
        m.put("flight.partitions", new String[]{"2", "partitions (streams) per server"});
        m.put("flight.batches", new String[]{"32", "batches per partition"});
        m.put("flight.batchSize", new String[]{"64KiB", "approximate size of one record batch (up to several MiB)"});
        m.put("flight.maxCallsPerConnection", new String[]{"0", "server cap on concurrent calls per connection (0 = none)"});
        return m;
    }

    /** Settings of the shuffle client. */
    static Map<String, String[]> client() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("flight.window", new String[]{"65536", "HTTP/2 flow-control window of the client, stream and connection"});
        m.put("flight.windowAutoTune", new String[]{"false", "BDP auto-tuning (initialFlowControlWindow) instead of a fixed window"});
        m.put("flight.receiver", new String[]{"grpc-java", "grpc-java (window back on arrival) or h2 (back on consumption)"});
        m.put("flight.strategy", new String[]{"drain", "select-all, drain or bounded-drain"});
        m.put("flight.order", new String[]{"arrival", "consumer order: sequential, round-robin or arrival (drain only)"});
        m.put("flight.budget", new String[]{"256MiB", "drain: memory budget for buffered batches"});
        m.put("flight.budgetWait", new String[]{"2s", "drain: longest wait for budget before the shuffle fails"});
        m.put("flight.queue", new String[]{"2", "bounded-drain: batches per stream queue"});
        m.put("flight.sampleEvery", new String[]{"10ms", "window sampling period (0ms = off, down to 1ms)"});
        m.put("flight.stallTimeout", new String[]{"3s", "the client cancels every stream after this long without progress"});
        m.put("flight.deadline", new String[]{"60s", "deadline of the whole shuffle"});
        m.put("flight.consumeDelay", new String[]{"0ms", "simulated work per consumed batch"});
        m.put("flight.connectTimeout", new String[]{"10s", "deadline of the first call to each endpoint (a refused connection fails at once)"});
        return m;
    }

    /** The client configuration these settings describe. */
    static ShuffleConfig config(Settings s) {
        return new ShuffleConfig(ReceiverPolicy.fromId(s.get("flight.receiver")), (int) s.getBytes("flight.window"),
                s.getBoolean("flight.windowAutoTune"), ShuffleConfig.Strategy.fromId(s.get("flight.strategy")),
                ShuffleConfig.Order.fromId(s.get("flight.order")), s.getBytes("flight.budget"), s.getDuration("flight.budgetWait"),
                s.getInt("flight.queue"), s.getDuration("flight.sampleEvery"), s.getDuration("flight.stallTimeout"),
                s.getDuration("flight.deadline"), s.getDuration("flight.consumeDelay"), s.getDuration("flight.connectTimeout"));
    }
}
