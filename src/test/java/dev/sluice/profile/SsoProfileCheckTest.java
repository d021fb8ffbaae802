package dev.sluice.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.profile.CheckResult.Check;
import dev.sluice.profile.CheckResult.Status;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * SSO profiles in a temporary AWS config file ({@code aws.configFile}): one of an {@code sso_session},
 * one of the legacy {@code sso_start_url}, one with keys. Names are unique to this run, so no token
 * of the machine's own SSO cache can match them: without a login the check says to log in, no network.
 */
@Timeout(30)
class SsoProfileCheckTest {

    private static final String SESSION = "sluice-test-" + UUID.randomUUID();
    private static final String START_URL = "https://sluice-test-" + UUID.randomUUID() + ".awsapps.com/start";
    private static final Map<String, String> SAVED = new HashMap<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void config() throws Exception {
        set("aws.configFile", Files.writeString(dir.resolve("config"), """
                [profile sso-new]
                sso_session = %s
                sso_account_id = 111122223333
                sso_role_name = ReadOnly
                region = us-east-1

                [sso-session %s]
                sso_start_url = https://example.awsapps.com/start
                sso_region = us-east-1

                [profile sso-legacy]
                sso_start_url = %s
                sso_region = us-east-1
                sso_account_id = 111122223333
                sso_role_name = ReadOnly

                [profile keys]
                region = us-east-1
                """.formatted(SESSION, SESSION, START_URL)).toString());
        set("aws.sharedCredentialsFile", Files.writeString(dir.resolve("credentials"), "").toString());
    }

    private static void set(String key, String value) {
        SAVED.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterAll
    static void restore() {
        SAVED.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    private static List<CheckResult> check(String awsProfile) throws Exception {
        // a port that takes connections and never answers S3: the check must stop at the credentials
        try (ServerSocket endpoint = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<ProfileField, String> values = new EnumMap<>(ProfileField.class);
            values.put(ProfileField.S3_ENDPOINT, "http://127.0.0.1:" + endpoint.getLocalPort());
            values.put(ProfileField.S3_AWS_PROFILE, awsProfile);
            values.put(ProfileField.S3_BUCKET, "lake");
            return new ProfileCheck(Duration.ofSeconds(5), k -> null).run(new Profile("t", "", values), CheckListener.SILENT);
        }
    }

    private static CheckResult of(List<CheckResult> results, Check c) {
        return results.stream().filter(r -> r.check() == c).findFirst().orElseThrow(() -> new AssertionError(c + " in "
                + results));
    }

    @Test
    void aSessionProfileWithoutALoginSaysToRunAwsSsoLogin() throws Exception {
        List<CheckResult> r = check("sso-new");
        CheckResult credentials = of(r, Check.S3_CREDENTIALS);
        assertEquals(Status.FAIL, credentials.status(), credentials::line);
        assertTrue(credentials.detail().startsWith("AWS profile 'sso-new' signs in with SSO (session '" + SESSION
                + "') and there is no SSO login for it"), credentials::line);
        assertEquals("run `aws sso login --profile sso-new` and test again", credentials.fix());
        assertEquals(Status.SKIPPED, of(r, Check.S3_BUCKET).status());
    }

    @Test
    void aLegacyStartUrlProfileWithoutALoginSaysTheSame() throws Exception {
        CheckResult credentials = of(check("sso-legacy"), Check.S3_CREDENTIALS);
        assertEquals(Status.FAIL, credentials.status(), credentials::line);
        assertTrue(credentials.detail().contains("signs in with SSO (start URL " + START_URL + ")"), credentials::line);
        assertEquals("run `aws sso login --profile sso-legacy` and test again", credentials.fix());
    }

    @Test
    void anExpiredCachedTokenIsNamedWithItsTimeAndALiveOneIsNot() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("sso-cache"));
        Path token = cache.resolve(SsoLogin.sha1(SESSION) + ".json");
        Files.writeString(token, "{\"startUrl\":\"https://example.awsapps.com/start\",\"region\":\"us-east-1\","
                + "\"accessToken\":\"not-a-real-token\",\"expiresAt\":\"2026-01-01T00:00:00Z\"}");
        ProfileFile config = ProfileFile.defaultProfileFile();
        SsoLogin.Status expired = SsoLogin.of("sso-new", config, cache, Instant.parse("2026-06-01T00:00:00Z"));
        assertEquals(SsoLogin.State.EXPIRED, expired.state());
        assertTrue(expired.needsLogin());
        assertTrue(expired.detail().endsWith("its SSO login expired at 2026-01-01T00:00:00Z"), expired::detail);

        SsoLogin.Status live = SsoLogin.of("sso-new", config, cache, Instant.parse("2025-12-31T00:00:00Z"));
        assertEquals(SsoLogin.State.VALID, live.state());
        assertTrue(live.detail().endsWith("logged in until 2026-01-01T00:00:00Z"), live::detail);

        assertEquals(SsoLogin.State.NOT_SSO, SsoLogin.of("keys", config, cache, Instant.EPOCH).state());
    }
}
