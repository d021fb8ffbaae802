package dev.sluice.profile;

import dev.sluice.profile.CheckResult.Check;
import dev.sluice.profile.CheckResult.Status;
import dev.sluice.scenario.flight.FlightSettings.Auth;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.Criteria;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The Flight part of a profile check, per endpoint: it takes a connection, its TLS certificate
 * verifies ({@code grpc+tls://} only), the credentials are accepted and the server answers a cheap
 * call ({@code ListFlights}; a server that does not implement it still answered).
 */
final class FlightCheck {

    /** One endpoint and how to reach it; {@code trusted} null = the JDK's trust store. */
    record Target(URI endpoint, Path trusted, Auth auth, String authEnv) { }

    private final Duration timeout;
    private final Function<String, String> env;

    FlightCheck(Duration timeout, Function<String, String> env) {
        this.timeout = timeout;
        this.env = env;
    }

    void run(Target t, CheckRun run) {
        String subject = t.endpoint().toString();
        boolean tls = "grpc+tls".equals(t.endpoint().getScheme());
        List<Check> rest = new ArrayList<>(tls ? List.of(Check.FLIGHT_TLS) : List.of());
        rest.addAll(List.of(Check.FLIGHT_AUTH, Check.FLIGHT_ANSWER));
        if (!run.add(TcpReach.check(Check.FLIGHT_CONNECT, t.endpoint(), t.endpoint().getPort(), "flight.endpoints",
                timeout))) {
            run.skip(subject, Check.FLIGHT_CONNECT, rest.toArray(Check[]::new));
            return;
        }
        if (tls) {
            run.progress(Check.FLIGHT_TLS, subject, "TLS handshake, verifying against "
                    + (t.trusted() == null ? "the JDK's trust store" : t.trusted().toString()));
            TlsProbe.Refusal refused = TlsProbe.handshake(t.endpoint().getHost(), t.endpoint().getPort(), t.trusted(),
                    millis());
            if (refused != null) {
                run.add(CheckResult.fail(Check.FLIGHT_TLS, subject, refused.detail(), refused.fix()));
                run.skip(subject, Check.FLIGHT_TLS, Check.FLIGHT_AUTH, Check.FLIGHT_ANSWER);
                return;
            }
            run.add(CheckResult.pass(Check.FLIGHT_TLS, subject, "the certificate verifies against "
                    + (t.trusted() == null ? "the JDK's trust store" : t.trusted().toString()) + " and names the host"));
        }
        String header;
        try {
            header = header(t);
        } catch (IllegalArgumentException e) {
            run.add(CheckResult.fail(Check.FLIGHT_AUTH, subject, e.getMessage(), "export the variable named by"
                    + " flight.auth-env (or set flight.auth=none)"));
            run.skip(subject, Check.FLIGHT_AUTH, Check.FLIGHT_ANSWER);
            return;
        }
        run.progress(Check.FLIGHT_ANSWER, subject, "calling ListFlights");
        answer(t, header, run);
    }

    private int millis() {
        return Math.toIntExact(timeout.toMillis());
    }

    /** The authorization header's value, null for none; the secret comes from the named variable only. */
    private String header(Target t) {
        if (t.auth() == Auth.NONE) {
            return null;
        }
        String name = t.authEnv();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("flight.auth=" + t.auth().name().toLowerCase(Locale.ROOT)
                    + " needs flight.auth-env, the name of the variable that holds the credentials");
        }
        String secret = env.apply(name);
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + name + " (flight.auth-env) is not set");
        }
        if (t.auth() == Auth.BEARER) {
            return "Bearer " + secret;
        }
        if (secret.indexOf(':') <= 0) {
            throw new IllegalArgumentException("environment variable " + name + " must hold user:password for"
                    + " flight.auth=basic");
        }
        return "Basic " + Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    }

    private void answer(Target t, String header, CheckRun run) {
        String subject = t.endpoint().toString();
        String how = header == null ? "no credentials" : t.auth().name().toLowerCase(Locale.ROOT)
                + " credentials from $" + t.authEnv();
        List<CallOption> options = new ArrayList<>(List.of(CallOptions.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)));
        if (header != null) {
            FlightCallHeaders h = new FlightCallHeaders();
            h.insert("authorization", header);
            options.add(new HeaderCallOption(h));
        }
        String answered;
        try (BufferAllocator allocator = new RootAllocator();
             FlightClient client = client(allocator, t)) {
            Iterator<FlightInfo> flights = client.listFlights(Criteria.ALL, options.toArray(CallOption[]::new)).iterator();
            answered = flights.hasNext() ? "ListFlights answered (first: " + flights.next().getDescriptor() + ")"
                    : "ListFlights answered (no flights listed)";
        } catch (FlightRuntimeException e) {
            answered = refused(e, t, how, run);
            if (answered == null) {
                return;
            }
        } catch (IOException e) {
            run.add(CheckResult.fail(Check.FLIGHT_TLS, subject, "cannot read " + t.trusted() + ": " + e.getMessage(),
                    "point flight.trusted-certificates at a readable PEM file"));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.add(CheckResult.fail(Check.FLIGHT_ANSWER, subject, "interrupted", "test again"));
            return;
        }
        run.add(CheckResult.pass(Check.FLIGHT_AUTH, subject, header == null ? "the server asked for no credentials"
                : "accepted " + how));
        run.add(CheckResult.pass(Check.FLIGHT_ANSWER, subject, answered));
    }

    /** What a failed call says: the answer's text when the server answered after all, else null (results added). */
    private String refused(FlightRuntimeException e, Target t, String how, CheckRun run) {
        String subject = t.endpoint().toString();
        FlightStatusCode code = e.status().code();
        String said = code + (e.getMessage() == null || e.getMessage().isBlank() ? "" : " " + e.getMessage());
        switch (code) {
            case UNIMPLEMENTED -> {
                return "the server answered (" + said + "; it serves streams without ListFlights)";
            }
            case UNAUTHENTICATED -> {
                run.add(CheckResult.fail(Check.FLIGHT_AUTH, subject, "the server refused " + how + " (" + said + ")",
                        t.auth() == Auth.NONE ? "set flight.auth and flight.auth-env (the variable holding the token)"
                                : "renew the credentials in $" + t.authEnv() + ", or check flight.auth"));
                run.skip(subject, Check.FLIGHT_AUTH, Check.FLIGHT_ANSWER);
            }
            case UNAUTHORIZED -> {
                run.add(CheckResult.fail(Check.FLIGHT_AUTH, subject, "authenticated, but not allowed (" + said + ")",
                        "ask for read access for these credentials"));
                run.skip(subject, Check.FLIGHT_AUTH, Check.FLIGHT_ANSWER);
            }
            default -> {
                run.add(new CheckResult(Check.FLIGHT_AUTH, subject, Status.SKIPPED, "not known: the call did not complete",
                        ""));
                run.add(CheckResult.fail(Check.FLIGHT_ANSWER, subject, "no answer to ListFlights within " + timeout.toMillis()
                        + " ms: " + said, code == FlightStatusCode.UNAVAILABLE
                        ? "check the scheme (grpc+tcp or grpc+tls) and that the port serves Flight"
                        : "check that the endpoint is an Arrow Flight server"));
            }
        }
        return null;
    }

    private static FlightClient client(BufferAllocator allocator, Target t) throws IOException {
        FlightClient.Builder b = FlightClient.builder(allocator, new Location(t.endpoint()));
        if (t.trusted() != null && "grpc+tls".equals(t.endpoint().getScheme())) {
            try (InputStream in = Files.newInputStream(t.trusted())) {
                b.trustedCertificates(in);
                return b.build();
            }
        }
        return b.build();
    }
}
