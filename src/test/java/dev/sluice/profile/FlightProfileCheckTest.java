package dev.sluice.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.engine.flight.EmbeddedFlightServers;
import dev.sluice.engine.flight.FlightAuth;
import dev.sluice.engine.flight.TestCertificates;
import dev.sluice.profile.CheckResult.Check;
import dev.sluice.profile.CheckResult.Status;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Flight checks against real Flight servers on 127.0.0.1: plain, TLS with a throw-away CA, and with a token. */
@Timeout(60)
class FlightProfileCheckTest {

    private static final EmbeddedFlightServers.Spec ONE = new EmbeddedFlightServers.Spec(1, 1, 1, 1024, 0, 1 << 20);
    private static final String TOKEN = UUID.randomUUID().toString();

    @TempDir
    static Path certs;
    private static Path caPem;
    private static BufferAllocator allocator;
    private static EmbeddedFlightServers plain;
    private static EmbeddedFlightServers tls;

    @BeforeAll
    static void start() throws Exception {
        allocator = new RootAllocator();
        plain = EmbeddedFlightServers.start(allocator, ONE);
        TestCertificates made = TestCertificates.create(certs);
        caPem = made.caPem();
        tls = EmbeddedFlightServers.start(allocator, ONE, made.serverTls(), FlightAuth.bearer(TOKEN));
    }

    @AfterAll
    static void stop() {
        tls.close();
        plain.close();
        allocator.close();
    }

    private static List<CheckResult> check(Map<ProfileField, String> values, Map<String, String> env) {
        return new ProfileCheck(Duration.ofSeconds(5), env::get).run(new Profile("f", "", values), CheckListener.SILENT);
    }

    private static String endpoint(EmbeddedFlightServers s) {
        return s.locations().get(0).getUri().toString();
    }

    private static List<Status> statuses(List<CheckResult> r) {
        return r.stream().map(CheckResult::status).toList();
    }

    @Test
    void aPlainServerThatIsUpPassesConnectAuthAndAnswer() {
        List<CheckResult> r = check(Map.of(ProfileField.FLIGHT_ENDPOINTS, endpoint(plain)), Map.of());
        assertEquals(List.of(Check.FLIGHT_CONNECT, Check.FLIGHT_AUTH, Check.FLIGHT_ANSWER), r.stream()
                .map(CheckResult::check).toList());
        assertTrue(ProfileCheck.passed(r), r::toString);
        assertEquals("the server asked for no credentials", r.get(1).detail());
        assertTrue(r.get(2).detail().startsWith("the server answered (UNIMPLEMENTED")
                || r.get(2).detail().startsWith("ListFlights answered"), r.get(2)::line);
    }

    @Test
    void aServerThatIsDownFailsTheConnectionAndSkipsTheRest() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<CheckResult> r = check(Map.of(ProfileField.FLIGHT_ENDPOINTS, "grpc+tcp://127.0.0.1:" + port), Map.of());
        assertEquals(List.of(Status.FAIL, Status.SKIPPED, Status.SKIPPED), statuses(r));
        assertEquals("connection refused at 127.0.0.1:" + port, r.get(0).detail());
        assertEquals("correct flight.endpoints, or start the server it names", r.get(0).fix());
    }

    @Test
    void tlsWithTheTrustedCaAndTheTokenPasses() {
        Map<ProfileField, String> v = new EnumMap<>(Map.of(ProfileField.FLIGHT_ENDPOINTS, endpoint(tls),
                ProfileField.FLIGHT_TRUSTED_CERTIFICATES, caPem.toString(), ProfileField.FLIGHT_AUTH, "bearer",
                ProfileField.FLIGHT_AUTH_ENV, "FLIGHT_TOKEN"));
        List<CheckResult> r = check(v, Map.of("FLIGHT_TOKEN", TOKEN));
        assertEquals(List.of(Check.FLIGHT_CONNECT, Check.FLIGHT_TLS, Check.FLIGHT_AUTH, Check.FLIGHT_ANSWER),
                r.stream().map(CheckResult::check).toList());
        assertTrue(ProfileCheck.passed(r), r::toString);
        assertEquals("accepted bearer credentials from $FLIGHT_TOKEN", r.get(2).detail());
    }

    @Test
    void aCertificateNoTrustedCaSignedIsUntrusted() {
        List<CheckResult> r = check(Map.of(ProfileField.FLIGHT_ENDPOINTS, endpoint(tls)), Map.of());
        CheckResult t = r.get(1);
        assertEquals(Check.FLIGHT_TLS, t.check());
        assertEquals(Status.FAIL, t.status());
        assertEquals("untrusted certificate: certificate 'CN=127.0.0.1' is not signed by a CA in the JDK's trust store",
                t.detail());
        assertEquals("set flight.trusted-certificates to the PEM file of the CA that signed it", t.fix());
    }

    @Test
    void aWrongTokenIsRefusedAndAMissingVariableIsNamed() {
        Map<ProfileField, String> v = new EnumMap<>(Map.of(ProfileField.FLIGHT_ENDPOINTS, endpoint(tls),
                ProfileField.FLIGHT_TRUSTED_CERTIFICATES, caPem.toString(), ProfileField.FLIGHT_AUTH, "bearer",
                ProfileField.FLIGHT_AUTH_ENV, "FLIGHT_TOKEN"));
        List<CheckResult> wrong = check(v, Map.of("FLIGHT_TOKEN", TOKEN + "x"));
        assertEquals(List.of(Status.PASS, Status.PASS, Status.FAIL, Status.SKIPPED), statuses(wrong));
        assertTrue(wrong.get(2).detail().startsWith("the server refused bearer credentials from $FLIGHT_TOKEN"),
                wrong.get(2)::line);
        assertTrue(wrong.get(2).line().contains("fix: renew the credentials in $FLIGHT_TOKEN"), wrong.get(2)::line);
        assertTrue(!wrong.get(2).line().contains(TOKEN), "the token never shows");

        List<CheckResult> unset = check(v, Map.of());
        assertEquals("environment variable FLIGHT_TOKEN (flight.auth-env) is not set", unset.get(2).detail());
    }
}
