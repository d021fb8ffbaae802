package dev.sluice.engine.flight;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClientMiddleware;

/**
 * Credentials for Flight endpoints: none, a bearer token or basic {@code user:password}, sent as the
 * {@code authorization} header of every call. The secret stays in memory: it comes from an
 * environment variable whose name is the only thing settings and traces hold, and it never appears
 * in {@link #toString()} or an error message.
 */
public final class FlightAuth {

    public static final FlightAuth NONE = new FlightAuth("none", null);

    private final String scheme;
    private final String header;

    private FlightAuth(String scheme, String header) {
        this.scheme = scheme;
        this.header = header;
    }

    public static FlightAuth bearer(String token) {
        return new FlightAuth("bearer", "Bearer " + token);
    }

    public static FlightAuth basic(String userColonPassword) {
        if (userColonPassword.indexOf(':') <= 0) {
            throw new IllegalArgumentException("basic credentials must look like user:password");
        }
        return new FlightAuth("basic", "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * {@code scheme} none, bearer or basic; the secret is read from the environment variable
     * {@code envName} through {@code env} (normally {@link System#getenv(String)}).
     */
    public static FlightAuth of(String scheme, String envName, Function<String, String> env) {
        String s = scheme.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return NONE;
        }
        if (!s.equals("bearer") && !s.equals("basic")) {
            throw new IllegalArgumentException("flight.auth must be none, bearer or basic, got '" + scheme + "'");
        }
        if (envName.isBlank()) {
            throw new IllegalArgumentException("flight.auth=" + s + " needs flight.authEnv, the name of the environment "
                    + "variable that holds the " + (s.equals("bearer") ? "token" : "user:password"));
        }
        String secret = env.apply(envName.trim());
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + envName.trim() + " (flight.authEnv) is not set");
        }
        return s.equals("bearer") ? bearer(secret) : basic(secret);
    }

    public boolean isNone() {
        return header == null;
    }

    /** Client middleware adding the header to every call. */
    FlightClientMiddleware.Factory middleware() {
        return (CallInfo info) -> new FlightClientMiddleware() {
            @Override
            public void onBeforeSendingHeaders(CallHeaders outgoing) {
                outgoing.insert("authorization", header);
            }

            @Override
            public void onHeadersReceived(CallHeaders incoming) {
                // nothing to read back
            }

            @Override
            public void onCallCompleted(CallStatus status) {
                // failures reach the caller through the call itself
            }
        };
    }

    /** The header value, for the embedded servers' check only. */
    String header() {
        return header;
    }

    @Override
    public String toString() {
        return "FlightAuth[" + scheme + "]";
    }
}
