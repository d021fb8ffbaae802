package dev.sluice.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one redaction rule: what counts as a credential, and what stays readable. */
class SecretsTest {

    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String TOKEN = "ghp_a8Kd93LmQz7Xw2Pn5Rt6Yv1Bc4Ef0GhIjK";

    @Test
    void credentialsAreRecognised() {
        for (String s : List.of(KEY_ID, SECRET_KEY, "user:" + SECRET_KEY, "ASIAY34FZKBOKMUTVV7A", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", TOKEN,
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "prefix/" + KEY_ID + "/data")) {
            assertTrue(Secrets.looksLikeCredential(s), s);
        }
    }

    @Test
    void namesPathsAndChoicesAreNot() {
        for (String s : List.of("", "staging", "FLIGHT_TOKEN", "us-east-1", "first-writer-creates", "sluice-sample",
                "/tmp/junit1234567890123456789/data/delta-first-writer", "http://127.0.0.1:18181",
                "grpc+tcp://flight-0.staging.example.com:8815", "9e107d9d372bb6826bd81d3542a419d6",
                "123e4567-e89b-12d3-a456-426614174000", "sample-v1/objects/", "256MiB", "event-loop-group")) {
            assertFalse(Secrets.looksLikeCredential(s), s);
        }
    }

    @Test
    void redactHidesUserInfoAndTokensAndKeepsTheRest() {
        assertEquals("http://<redacted>@127.0.0.1:18181",
                Secrets.redact("http://" + KEY_ID + ":" + SECRET_KEY.replace("/", "") + "@127.0.0.1:18181"));
        assertEquals("grpc+tcp://<redacted>@host:1, grpc+tcp://other:2",
                Secrets.redact("grpc+tcp://user:token@host:1, grpc+tcp://other:2"));
        assertEquals("s3: reading s3://bucket/<redacted>/x at http://127.0.0.1:9000",
                Secrets.redact("s3: reading s3://bucket/" + KEY_ID + "/x at http://127.0.0.1:9000"));
        assertEquals("token <redacted> was pasted", Secrets.redact("token " + TOKEN + " was pasted"));
        assertEquals("secret <redacted>.", Secrets.redact("secret " + SECRET_KEY + "."));
        assertEquals("nothing secret here: us-east-1", Secrets.redact("nothing secret here: us-east-1"));
    }

    @Test
    void settingsAreRedactedByKeyAndByValue() {
        Map<String, String> out = Settings.of(Map.of("s3.secretKey", "hunter2", "s3.profile", "staging",
                "s3.prefix", "exports/" + TOKEN + "/", "s3.region", "")).redacted();
        assertEquals(Secrets.REDACTED, out.get("s3.secretKey"));
        assertEquals("staging", out.get("s3.profile"));
        assertEquals("exports/<redacted>/", out.get("s3.prefix"));
        assertEquals("", out.get("s3.region"));
    }
}
