package dev.sluice.engine.s3;

import java.security.SecureRandom;
import java.util.HexFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An access key and secret generated for one embedded server. They live only in memory: never
 * written to a trace, log or setting ({@link #toString()} shows the key id only).
 */
public final class S3Credentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String accessKeyId;
    private final String secret;

    public S3Credentials(String accessKeyId, String secret) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
    }

    /** Fresh random credentials. */
    public static S3Credentials generate() {
        byte[] id = new byte[8];
        byte[] key = new byte[24];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(key);
        return new S3Credentials("SLUICE" + HexFormat.of().withUpperCase().formatHex(id), HexFormat.of().formatHex(key));
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    String secret() {
        return secret;
    }

    /** The same key id with another secret (to show what a wrong secret does). */
    public S3Credentials withWrongSecret() {
        return new S3Credentials(accessKeyId, secret + "x");
    }

    public AwsCredentialsProvider provider() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
    }

    @Override
    public String toString() {
        return "S3Credentials[" + accessKeyId + ", secret=<redacted>]";
    }
}
