package dev.sluice.profile;

import dev.sluice.engine.flight.EmbeddedFlightServers;
import dev.sluice.engine.s3.EmbeddedS3Server;
import dev.sluice.engine.s3.S3EngineException;
import dev.sluice.engine.s3.S3Target;
import dev.sluice.profile.CheckResult.Check;
import dev.sluice.scenario.InvalidSettingException;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.delta.DeltaSettings;
import dev.sluice.scenario.flight.FlightSettings;
import dev.sluice.scenario.s3.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sluice profiles test} and the console's Test: checks every part a profile names, one
 * {@link CheckResult} per check, each failure saying what to fix. A part the profile leaves to the
 * embedded defaults (no {@code s3.endpoint}, no {@code flight.endpoints}; the built-in profile
 * leaves all) is checked by starting the embedded server and reaching it the same way. Blocking:
 * run it off the UI thread.
 */
public final class ProfileCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ProfileCheck.class);

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Duration timeout;
    private final Function<String, String> env;

    /** {@code env} reads an environment variable (the Flight token's), normally {@code System::getenv}. */
    public ProfileCheck(Duration timeout, Function<String, String> env) {
        this.timeout = timeout;
        this.env = env;
    }

    /** Checks with the process environment and {@link #DEFAULT_TIMEOUT} per network step. */
    public static ProfileCheck standard() {
        return new ProfileCheck(DEFAULT_TIMEOUT, System::getenv);
    }

    /** Whether every check passed (skipped ones follow a failure, so they never stand alone). */
    public static boolean passed(List<CheckResult> results) {
        return results.stream().noneMatch(CheckResult::failed);
    }

    /** Runs every check of {@code profile}, telling {@code listener} as it goes. */
    public List<CheckResult> run(Profile profile, CheckListener listener) {
        CheckRun run = new CheckRun(listener);
        boolean all = profile.values().isEmpty();
        if (all || names(profile, ProfileField.Part.S3)) {
            part(run, Check.S3_ENDPOINT, "s3", () -> s3(profile, run));
        }
        if (all || names(profile, ProfileField.Part.FLIGHT)) {
            part(run, Check.FLIGHT_CONNECT, "flight", () -> flight(profile, run));
        }
        if (profile.values().containsKey(ProfileField.DELTA_TABLE)) {
            part(run, Check.DELTA_TABLE, "delta", () -> delta(profile, run));
        }
        return run.results();
    }

    /** Runs one part; a value its setting refuses (a profile not saved yet) fails the part's first check. */
    private static void part(CheckRun run, Check first, String subject, Runnable checks) {
        try {
            checks.run();
        } catch (InvalidSettingException e) {
            run.add(CheckResult.fail(first, subject, e.getMessage(), "correct the value in the profile"));
        }
    }

    private static boolean names(Profile p, ProfileField.Part part) {
        return p.values().keySet().stream().anyMatch(f -> f.part() == part);
    }

    /** The profile's value of {@code field}, else the setting's default, parsed as the run would. */
    private static <T> T value(Profile p, ProfileField field, Setting<T> setting) {
        return setting.parse(p.values().getOrDefault(field, setting.defaultValue()));
    }

    private void s3(Profile p, CheckRun run) {
        S3Check check = new S3Check(timeout);
        Optional<URI> endpoint = value(p, ProfileField.S3_ENDPOINT, S3Settings.ENDPOINT);
        String bucket = value(p, ProfileField.S3_BUCKET, S3Settings.BUCKET);
        String prefix = value(p, ProfileField.S3_PREFIX, S3Settings.PREFIX).orElse("");
        if (endpoint.isPresent()) {
            check.run(new S3Check.Target(endpoint.get(), value(p, ProfileField.S3_REGION, S3Settings.REGION),
                    value(p, ProfileField.S3_AWS_PROFILE, S3Settings.PROFILE).orElse(""), bucket, prefix,
                    value(p, ProfileField.S3_PATH_STYLE, S3Settings.PATH_STYLE), null), run);
            return;
        }
        run.progress(Check.S3_ENDPOINT, "embedded S3Proxy", "starting the embedded S3Proxy (no s3.endpoint)");
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sluice-profile-check");
            // the bucket the runs seed, present as on a machine that has run before
            Files.createDirectories(dir.resolve(bucket));
            try (EmbeddedS3Server server = EmbeddedS3Server.start(dir)) {
                S3Target t = server.target(bucket, prefix);
                check.run(new S3Check.Target(t.endpoint(), t.region(), "", bucket, prefix, true, t.credentials()), run);
            }
        } catch (IOException | S3EngineException e) {
            run.add(CheckResult.fail(Check.S3_ENDPOINT, "embedded S3Proxy", "does not start: " + e.getMessage(),
                    "free the temporary directory and test again; run with --verbose for the cause"));
        } finally {
            delete(dir);
        }
    }

    private void flight(Profile p, CheckRun run) {
        FlightCheck check = new FlightCheck(timeout, env);
        Optional<Path> trusted = value(p, ProfileField.FLIGHT_TRUSTED_CERTIFICATES, FlightSettings.TRUSTED_CERTIFICATES);
        FlightSettings.Auth auth = value(p, ProfileField.FLIGHT_AUTH, FlightSettings.AUTH);
        String authEnv = value(p, ProfileField.FLIGHT_AUTH_ENV, FlightSettings.AUTH_ENV).orElse("");
        String endpoints = p.values().get(ProfileField.FLIGHT_ENDPOINTS);
        if (endpoints != null) {
            for (URI e : FlightSettings.ENDPOINTS.parse(endpoints)) {
                check.run(new FlightCheck.Target(e, trusted.orElse(null), auth, authEnv), run);
            }
            return;
        }
        if (!p.values().isEmpty()) {
            run.add(CheckResult.fail(Check.FLIGHT_CONNECT, "flight", "the profile sets Flight options but no endpoints",
                    "add flight.endpoints (grpc+tcp:// or grpc+tls://host:port)"));
            return;
        }
        run.progress(Check.FLIGHT_CONNECT, "embedded Flight server", "starting an embedded Flight server (no flight.endpoints)");
        try (BufferAllocator allocator = new RootAllocator();
             EmbeddedFlightServers servers = EmbeddedFlightServers.start(allocator,
                     new EmbeddedFlightServers.Spec(1, 1, 1, 1024, 0, 1 << 20))) {
            check.run(new FlightCheck.Target(servers.locations().get(0).getUri(), null, FlightSettings.Auth.NONE, ""), run);
        } catch (IOException e) {
            run.add(CheckResult.fail(Check.FLIGHT_CONNECT, "embedded Flight server", "does not start: " + e.getMessage(),
                    "test again; run with --verbose for the cause"));
        }
    }

    private static void delta(Profile p, CheckRun run) {
        run.add(new DeltaCheck().run(value(p, ProfileField.DELTA_TABLE, DeltaSettings.VERIFY_TABLE), run));
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.warn("could not remove the check's temporary directory {}", dir, e);
        }
    }
}
