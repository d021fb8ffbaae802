package dev.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;

/**
 * {@code bench agent}'s Flight user app: plain Arrow Flight, nothing of Sluice. One {@code FlightClient}
 * per endpoint reads the same tickets from every endpoint, one stream after another, a pass each time the bench asks
 * ({@link AgentBenchFigures#serve}); the bytes are the Arrow buffers received.
 * Arguments: tickets(comma-separated) uri…
 */
public final class AgentBenchFlightApp {

    static final String USAGE = "usage: AgentBenchFlightApp TICKET[,TICKET...] URI...";

    private AgentBenchFlightApp() {
    }

    public static void main(String[] args) throws Exception {
        AgentBenchFigures figures = new AgentBenchFigures();
        if (args.length < 2) {
            throw new IllegalArgumentException(USAGE + " (got " + args.length + " arguments)");
        }
        String[] tickets = args[0].split(",");
        try (BufferAllocator allocator = new RootAllocator()) {
            List<FlightClient> clients = new ArrayList<>();
            try {
                for (int i = 1; i < args.length; i++) {
                    clients.add(FlightClient.builder(allocator, new Location(args[i])).build());
                }
                figures.firstRequest();
                figures.serve(() -> readAll(clients, tickets));
            } finally {
                for (FlightClient c : clients) {
                    c.close();
                }
            }
        }
    }

    private static long readAll(List<FlightClient> clients, String[] tickets) throws Exception {
        long bytes = 0;
        for (FlightClient client : clients) {
            for (String ticket : tickets) {
                try (FlightStream s = client.getStream(new Ticket(ticket.getBytes(StandardCharsets.UTF_8)))) {
                    while (s.next()) {
                        for (FieldVector v : s.getRoot().getFieldVectors()) {
                            bytes += v.getBufferSize();
                        }
                    }
                }
            }
        }
        return bytes;
    }
}
