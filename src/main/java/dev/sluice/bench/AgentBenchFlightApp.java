package dev.sluice.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
 * per endpoint reads the same tickets from every endpoint, one stream after another, until steady to warm up
 * ({@link AgentBenchFigures#warmUp}) and {@code passes} times timed; the bytes are the Arrow buffers received.
 * Arguments: passes figures-file tickets(comma-separated) uri…
 */
public final class AgentBenchFlightApp {

    static final String USAGE = "usage: AgentBenchFlightApp PASSES FIGURES_FILE TICKET[,TICKET...] URI...";

    private AgentBenchFlightApp() {
    }

    public static void main(String[] args) throws Exception {
        AgentBenchFigures figures = new AgentBenchFigures();
        if (args.length < 4) {
            throw new IllegalArgumentException(USAGE + " (got " + args.length + " arguments)");
        }
        int passes = Integer.parseInt(args[0]);
        String[] tickets = args[2].split(",");
        try (BufferAllocator allocator = new RootAllocator()) {
            List<FlightClient> clients = new ArrayList<>();
            try {
                for (int i = 3; i < args.length; i++) {
                    clients.add(FlightClient.builder(allocator, new Location(args[i])).build());
                }
                figures.firstRequest();
                figures.warmUp(() -> readAll(clients, tickets)); // the JIT, the connections (and the agent's start), untimed
                figures.workStarts();
                long bytes = 0;
                for (int p = 0; p < passes; p++) {
                    bytes += readAll(clients, tickets);
                }
                figures.workEnded(bytes, Path.of(args[1]));
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
