package dev.sluice.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sluice profiles test` with a live SSO login, end to end in a child JVM (the SDK finds the token
 * cache under {@code $HOME}, read once per JVM): a temporary HOME with the CLI's token cache and
 * AWS config, the SDK's own SSO provider calling the portal stub ({@code AWS_ENDPOINT_URL_SSO}) and
 * the real S3Proxy accepting the role credentials it hands out. No token or key in any output.
 */
@Timeout(120)
class SsoLiveLoginTest {

    private static final String SESSION = "dev";
    private static final String START_URL = "https://sluice-test.awsapps.com/start";
    private static final String ACCOUNT = "111122223333";
    private static final String TOKEN = "sso-token-" + UUID.randomUUID();
    private static final List<String> KEYS = List.of("ASIASLUICE" + Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT),
            "secret-" + UUID.randomUUID(), "session-" + UUID.randomUUID());

    @TempDir
    static Path dir;
    private static S3Proxy proxy;
    private static SsoPortalStub portal;
    private static Path profiles;

    @BeforeAll
    static void start() throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.resolve("blobs").toString());
        Files.createDirectories(dir.resolve("blobs").resolve("lake"));
        proxy = S3Proxy.builder().blobStore(BlobStores.create("filesystem", props))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEYS.get(0), KEYS.get(1))
                // S3Proxy 4.1 answers 501 to a header it does not know, and x-amz-security-token (role credentials'
                // session token) is one; with this it checks the signature over it and ignores its value
                .ignoreUnknownHeaders(true).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        portal = SsoPortalStub.start(TOKEN, ACCOUNT, "Reader", KEYS);

        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(Files.createDirectories(home.resolve(".aws")).resolve("config"), """
                [profile sso-dev]
                sso_session = %s
                sso_account_id = %s
                sso_role_name = Reader
                region = us-east-1

                [profile sso-admin]
                sso_session = %s
                sso_account_id = %s
                sso_role_name = Admin

                [profile sso-legacy]
                sso_start_url = %s
                sso_region = us-east-1
                sso_account_id = %s
                sso_role_name = Reader

                [sso-session %s]
                sso_start_url = %s
                sso_region = us-east-1
                """.formatted(SESSION, ACCOUNT, SESSION, ACCOUNT, START_URL, ACCOUNT, SESSION, START_URL));
        Path cache = Files.createDirectories(home.resolve(".aws/sso/cache"));
        String expires = Instant.now().plusSeconds(3600).toString();
        // as `aws sso login` writes them: keyed by the session name, and by the start URL for a legacy profile
        Files.writeString(cache.resolve(SsoLogin.sha1(SESSION) + ".json"), """
                {"startUrl":"%s","region":"us-east-1","accessToken":"%s","expiresAt":"%s"}"""
                .formatted(START_URL, TOKEN, expires));
        Files.writeString(cache.resolve(SsoLogin.sha1(START_URL) + ".json"), """
                {"startUrl":"%s","region":"us-east-1","accessToken":"revoked-%s","expiresAt":"%s"}"""
                .formatted(START_URL, TOKEN, expires));

        StringBuilder toml = new StringBuilder();
        for (String name : List.of("sso-dev", "sso-admin", "sso-legacy")) {
            toml.append("[profiles.").append(name).append(".s3]\nendpoint = \"http://127.0.0.1:").append(proxy.getPort())
                    .append("\"\naws-profile = \"").append(name).append("\"\nbucket = \"lake\"\npath-style = true\n\n");
        }
        profiles = Files.writeString(dir.resolve("profiles.toml"), toml);
    }

    @AfterAll
    static void stop() throws Exception {
        portal.close();
        proxy.stop();
    }

    /** {@code sluice profiles test NAME} in a JVM of its own, with the temporary HOME; exit code and all output. */
    private static Map.Entry<Integer, String> profilesTest(String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")
                        .replace(File.pathSeparator + File.pathSeparator, File.pathSeparator),
                "dev.sluice.app.Launcher", "profiles", "--file", profiles.toString(), "test", name));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", dir.resolve("home").toString());
        env.put("AWS_CONFIG_FILE", dir.resolve("home/.aws/config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("home/.aws/credentials").toString());
        env.put("AWS_ENDPOINT_URL_SSO", portal.endpoint().toString());
        env.put("SLUICE_LOG_LEVEL", "DEBUG"); // the most a user can turn on: still no token or key
        Process p = pb.start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "profiles test " + name + " did not end");
        String out = Files.readString(dir.resolve(name + ".log"));
        for (String secret : List.of(TOKEN, KEYS.get(1), KEYS.get(2))) {
            assertFalse(out.contains(secret), () -> "a token or key in the output of profiles test " + name + ": " + out);
        }
        return Map.entry(p.exitValue(), out);
    }

    private static String line(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() -> new AssertionError(start
                + " in " + out));
    }

    @Test
    void aLiveSessionLoginResolvesThroughThePortalAndTheBucketAcceptsTheRoleCredentials() throws Exception {
        Map.Entry<Integer, String> run = profilesTest("sso-dev");
        assertEquals(0, run.getKey(), run.getValue());
        String credentials = line(run.getValue(), "PASS    s3 credentials");
        assertTrue(credentials.endsWith(": resolved from SSO (profile 'sso-dev', session '" + SESSION + "', account "
                + ACCOUNT + ", role Reader)"), credentials);
        assertTrue(line(run.getValue(), "PASS    s3 bucket").contains("answered a one-key list"), run.getValue());
        assertTrue(portal.calls().contains(new SsoPortalStub.Call(ACCOUNT, "Reader", TOKEN)),
                () -> "the SDK called the portal with the cached token: " + portal.calls());
    }

    @Test
    void aRoleThePortalRefusesIsOneLineNamingAccountAndRole() throws Exception {
        Map.Entry<Integer, String> run = profilesTest("sso-admin");
        assertEquals(1, run.getKey(), run.getValue());
        assertEquals("FAIL    s3 credentials  http://127.0.0.1:" + proxy.getPort() + ": the SSO portal refused the role"
                + " (profile 'sso-admin', session '" + SESSION + "', account " + ACCOUNT + ", role Admin):"
                + " 403 ForbiddenException — fix: set sso_account_id and sso_role_name of AWS profile 'sso-admin'"
                + " to a role assigned to you (aws sso list-account-roles), or ask for that role",
                line(run.getValue(), "FAIL    s3 credentials"));
    }

    @Test
    void aRevokedLegacyLoginIsOneLineSayingToLogInAgain() throws Exception {
        Map.Entry<Integer, String> run = profilesTest("sso-legacy");
        assertEquals(1, run.getKey(), run.getValue());
        assertEquals("FAIL    s3 credentials  http://127.0.0.1:" + proxy.getPort() + ": the SSO portal refused the login"
                + " of AWS profile 'sso-legacy' (401 UnauthorizedException): signed out or revoked since the token was"
                + " cached — fix: run `aws sso login --profile sso-legacy` and test again",
                line(run.getValue(), "FAIL    s3 credentials"));
        assertFalse(run.getValue().lines().anyMatch(l -> l.contains("\tat ") || l.contains("Exception:")),
                () -> "no stack trace: " + run.getValue());
    }
}
