package dev.sluice.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A user app on plain Arrow Flight (no Sluice): one {@code FlightClient} (one connection) opens
 * {@code streams} DoGet calls, then reads them. {@code first-last} opens {@code endless-0…} and waits on the
 * last stream first (the hazard: with the server's slots or its one producer thread taken by the unread
 * streams, which cannot end, it never gets data, and the app's watchdog gives up); {@code in-order} opens
 * {@code part-0…} and reads them as opened (the healthy twin). Exits 0 when it ran as it meant to (every row read in order, or first-last given up), {@link UserApps#WORK_FAILED} otherwise. Arguments: uri streams first-last|in-order.
 */
public final class FlightConsumerApp {

    private static final long GIVE_UP_SECONDS = 6;

    private FlightConsumerApp() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[1]);
        boolean lastFirst = args[2].equals("first-last");
        try (BufferAllocator allocator = new RootAllocator();
             FlightClient client = FlightClient.builder(allocator, new Location(args[0])).build()) {
            client.listActions().forEach(action -> { }); // as jobs do: ask the server something first (connects)
            List<FlightStream> streams = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String ticket = (lastFirst ? FlightTestServer.ENDLESS : "part-") + i;
                streams.add(client.getStream(new Ticket(ticket.getBytes(StandardCharsets.US_ASCII))));
            }
            if (lastFirst) {
                // the job's own timeout: a watchdog gives up on every stream once the consumer has waited long enough
                Thread watchdog = new Thread(() -> {
                    try {
                        Thread.sleep(TimeUnit.SECONDS.toMillis(GIVE_UP_SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    streams.forEach(s -> s.cancel("the consumer gave up", null));
                }, "app-watchdog");
                watchdog.start();
                try {
                    drain(streams.get(count - 1));
                    System.exit(UserApps.WORK_FAILED); // it was meant to starve
                } catch (FlightRuntimeException e) {
                    watchdog.join();
                    System.exit(0); // gave up, as meant; the half-read streams' buffers go with the process
                }
            } else {
                for (FlightStream s : streams) {
                    if (drain(s) != (long) FlightTestServer.BATCHES * FlightTestServer.ROWS) {
                        System.exit(UserApps.WORK_FAILED);
                    }
                }
            }
            for (FlightStream s : streams) {
                s.close();
            }
        }
    }

    private static long drain(FlightStream stream) {
        long rows = 0;
        while (stream.next()) {
            rows += stream.getRoot().getRowCount();
        }
        return rows;
    }
}
