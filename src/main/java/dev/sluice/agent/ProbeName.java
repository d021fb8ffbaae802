package dev.sluice.agent;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The agent's probes, each disabled on its own when it fails. */
public enum ProbeName {
    /** A client handler was built (client built). */
    S3_CLIENT_BUILT("s3.client-built"),
    /** A request was issued and later completed. */
    S3_REQUEST("s3.request"),
    /** A client was closed. */
    S3_CLIENT_CLOSED("s3.client-closed"),
    /** Threads that own clients, watched for their end. */
    THREAD_WATCH("thread-watch"),
    /** A gRPC-java client connection was made (grpc-netty or grpc-netty-shaded). */
    GRPC_CONNECTION("grpc.connection"),
    /** gRPC calls: streams opened, active, their DATA and their end. */
    GRPC_STREAM("grpc.stream"),
    /** Window sampling on each connection's event loop, and WINDOW_UPDATE frames. */
    GRPC_WINDOWS("grpc.windows"),
    /** Arrow Flight's getStream (tickets) and FlightStream.next (what the consumer waits on, batches). */
    FLIGHT_STREAM("flight.stream"),
    /** delta-standalone commits and logs. */
    DELTA_COMMIT("delta.commit"),
    /** The JDK's FutureTask and CompletableFuture: failures nobody read. */
    FUTURES("futures");

    private final String id;

    ProbeName(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static ProbeName byId(String id) {
        for (ProbeName p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        return null;
    }

    static String ids() {
        return Arrays.stream(values()).map(ProbeName::id).collect(Collectors.joining(", "));
    }
}
