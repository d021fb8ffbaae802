package dev.sluice.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.profile.CheckResult.Check;
import dev.sluice.profile.CheckResult.Status;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 checks against a real S3Proxy on 127.0.0.1 whose keys sit in an AWS credentials file of
 * this test ({@code aws.sharedCredentialsFile}), so credentials resolve through the SDK's own
 * profile provider, as a user's would.
 */
@Timeout(60)
class S3ProfileCheckTest {

    @TempDir
    static Path dir;
    private static S3Proxy proxy;
    private static URI endpoint;
    private static String[] keys;
    private static final Map<String, String> SAVED = new java.util.HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        String keyId = "sluicetest" + HexFormat.of().formatHex(new byte[] {1, 2});
        String secret = UUID.randomUUID().toString();
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.resolve("blobs").toString());
        Files.createDirectories(dir.resolve("blobs").resolve("present"));
        proxy = S3Proxy.builder().blobStore(BlobStores.create("filesystem", props))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, keyId, secret).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        Path credentials = Files.writeString(dir.resolve("credentials"), "[good]\naws_access_key_id = " + keyId
                + "\naws_secret_access_key = " + secret + "\n\n[bad]\naws_access_key_id = " + keyId
                + "\naws_secret_access_key = " + secret + "x\n");
        Path config = Files.writeString(dir.resolve("config"), "[default]\nregion = us-east-1\n");
        set("aws.sharedCredentialsFile", credentials.toString());
        keys = new String[] {keyId, secret};
        set("aws.configFile", config.toString());
    }

    private static void set(String key, String value) {
        SAVED.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.stop();
        SAVED.forEach(S3ProfileCheckTest::restore);
    }

    private static List<CheckResult> check(String awsProfile, String bucket, URI at) {
        Map<ProfileField, String> values = new EnumMap<>(ProfileField.class);
        values.put(ProfileField.S3_ENDPOINT, at.toString());
        if (!awsProfile.isEmpty()) {
            values.put(ProfileField.S3_AWS_PROFILE, awsProfile);
        }
        values.put(ProfileField.S3_BUCKET, bucket);
        values.put(ProfileField.S3_PATH_STYLE, "true");
        List<String> progress = new java.util.ArrayList<>();
        List<CheckResult> results = new ProfileCheck(Duration.ofSeconds(5), k -> null).run(new Profile("t", "", values),
                new CheckListener() {
                    @Override
                    public void progress(Check c, String subject, String message) {
                        progress.add(message);
                    }

                    @Override
                    public void finished(CheckResult result) {
                        // the returned list is asserted
                    }
                });
        assertTrue(progress.stream().anyMatch(m -> m.startsWith("listing one key"))
                || results.stream().anyMatch(CheckResult::failed), "a progress line before the list: " + progress);
        return results;
    }

    private static CheckResult of(List<CheckResult> results, Check c) {
        return results.stream().filter(r -> r.check() == c).findFirst().orElseThrow(() -> new AssertionError(c + " in "
                + results));
    }

    @Test
    void aPresentBucketWithGoodCredentialsPassesAndSaysWhereTheCredentialsCameFrom() {
        List<CheckResult> r = check("good", "present", endpoint);
        assertEquals(List.of(Check.S3_ENDPOINT, Check.S3_CREDENTIALS, Check.S3_BUCKET), r.stream().map(CheckResult::check)
                .toList());
        assertTrue(ProfileCheck.passed(r), r::toString);
        assertTrue(of(r, Check.S3_CREDENTIALS).detail().startsWith("resolved from a profile of the AWS config"),
                of(r, Check.S3_CREDENTIALS)::line);
        assertTrue(of(r, Check.S3_BUCKET).detail().contains("answered a one-key list"), of(r, Check.S3_BUCKET)::line);
    }

    @Test
    void theDefaultChainSaysWhichOfItsProvidersAnswered() {
        String id = System.getProperty("aws.accessKeyId");
        String secret = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.accessKeyId", keys[0]);
        System.setProperty("aws.secretAccessKey", keys[1]);
        try {
            List<CheckResult> r = check("", "present", endpoint);
            assertTrue(ProfileCheck.passed(r), r::toString);
            assertEquals("resolved from Java system properties (aws.accessKeyId)", of(r, Check.S3_CREDENTIALS).detail());
        } finally {
            restore("aws.accessKeyId", id);
            restore("aws.secretAccessKey", secret);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void anAbsentBucketFailsNamingTheBucketSetting() {
        CheckResult bucket = of(check("good", "absent", endpoint), Check.S3_BUCKET);
        assertEquals(Status.FAIL, bucket.status());
        assertTrue(bucket.detail().startsWith("no bucket 'absent' at " + endpoint), bucket::line);
        assertEquals("correct s3.bucket, or create the bucket", bucket.fix());
    }

    @Test
    void credentialsTheServerRefusesFailTheBucketCheck() {
        List<CheckResult> r = check("bad", "present", endpoint);
        assertEquals(Status.PASS, of(r, Check.S3_CREDENTIALS).status(), "the wrong secret still resolves");
        CheckResult bucket = of(r, Check.S3_BUCKET);
        assertEquals(Status.FAIL, bucket.status());
        assertTrue(bucket.detail().startsWith("the server refused the credentials from a profile"), bucket::line);
        assertTrue(bucket.fix().contains("s3.aws-profile"), bucket::line);
    }

    @Test
    void anUnknownAwsProfileFailsTheCredentialsCheck() {
        List<CheckResult> r = check("nobody", "present", endpoint);
        CheckResult credentials = of(r, Check.S3_CREDENTIALS);
        assertEquals(Status.FAIL, credentials.status(), credentials::line);
        assertTrue(credentials.fix().contains("s3.aws-profile"), credentials::line);
        assertEquals(Status.SKIPPED, of(r, Check.S3_BUCKET).status());
    }

    @Test
    void aRefusedConnectionFailsTheEndpointAndSkipsTheRest() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<CheckResult> r = check("good", "present", URI.create("http://127.0.0.1:" + port));
        assertEquals("FAIL    s3 endpoint     http://127.0.0.1:" + port + ": connection refused at 127.0.0.1:" + port
                + " — fix: correct s3.endpoint, or start the server it names", of(r, Check.S3_ENDPOINT).line());
        assertEquals(List.of(Status.FAIL, Status.SKIPPED, Status.SKIPPED), r.stream().map(CheckResult::status).toList());
    }
}
