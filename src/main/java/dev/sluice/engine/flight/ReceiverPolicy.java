package dev.sluice.engine.flight;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the client hands HTTP/2 connection window back to the server. */
public enum ReceiverPolicy {
    /** Stock gRPC-java: the connection window is refilled as DATA arrives; an unread stream holds only its own window. */
    GRPC_JAVA("grpc-java"),
    /** As Rust's h2/tonic and some proxies: the connection window comes back only as a stream's data is consumed. */
    H2("h2");

    private final String id;

    ReceiverPolicy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ReceiverPolicy fromId(String id) {
        for (ReceiverPolicy p : values()) {
            if (p.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("flight.receiver must be one of "
                + Arrays.stream(values()).map(ReceiverPolicy::id).collect(Collectors.joining(", ")) + ", got '" + id + "'");
    }
}
