package dev.sluice.engine.flight;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;

/** Finds a shuffle's streams with {@code GetFlightInfo} on each given endpoint. */
public final class FlightDiscovery {

    /** The streams to read, per endpoint, and the rows the servers announced (-1 when any did not say). */
    public record Plan(List<ShuffleClient.Endpoint> endpoints, long expectedRows) { }

    private FlightDiscovery() {
    }

    private static FlightClient client(BufferAllocator a, Location here, Path trusted, FlightAuth auth) throws IOException {
        FlightClient.Builder b = FlightClient.builder(a, here);
        if (!auth.isNone()) {
            b.intercept(auth.middleware());
        }
        if (trusted != null && "grpc+tls".equals(here.getUri().getScheme())) {
            try (InputStream in = Files.newInputStream(trusted)) {
                b.trustedCertificates(in);
                return b.build();
            }
        }
        return b.build();
    }

    public static Plan discover(List<Location> locations, String path, BufferAllocator parent, long timeoutMillis, Path trusted,
                         FlightAuth auth) throws FlightEndpointException, InterruptedException {
        Map<String, Location> byUri = new LinkedHashMap<>();
        Map<String, List<Ticket>> tickets = new LinkedHashMap<>();
        long rows = 0;
        for (Location here : locations) {
            FlightInfo info;
            try (BufferAllocator a = parent.newChildAllocator("flight-discovery", 0, Long.MAX_VALUE);
                 FlightClient client = client(a, here, trusted, auth)) {
                info = client.getInfo(FlightDescriptor.path(path), CallOptions.timeout(timeoutMillis, TimeUnit.MILLISECONDS));
            } catch (IOException e) {
                throw new FlightEndpointException("TLS for " + here.getUri() + ": cannot read trusted certificates " + trusted
                        + ": " + e.getMessage(), e);
            } catch (FlightRuntimeException e) {
                throw new FlightEndpointException("GetFlightInfo(path '" + path + "') on " + here.getUri() + " failed: "
                        + e.status().code() + " " + e.getMessage(), e);
            }
            rows = rows < 0 || info.getRecords() < 0 ? -1 : rows + info.getRecords();
            for (FlightEndpoint e : info.getEndpoints()) {
                // no location (or the reuse-connection URI) means: read it from the endpoint that described it
                Location target = e.getLocations().isEmpty()
                        || "arrow-flight-reuse-connection".equals(e.getLocations().get(0).getUri().getScheme())
                        ? here : e.getLocations().get(0);
                String key = target.getUri().toString();
                byUri.putIfAbsent(key, target);
                tickets.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getTicket());
            }
        }
        List<ShuffleClient.Endpoint> out = new ArrayList<>();
        byUri.forEach((uri, loc) -> out.add(new ShuffleClient.Endpoint(loc, tickets.get(uri))));
        if (out.isEmpty()) {
            throw new FlightEndpointException("GetFlightInfo(path '" + path + "') on " + locations + " listed no streams", null);
        }
        return new Plan(out, rows);
    }
}
