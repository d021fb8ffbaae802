package dev.sluice.agent;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * What the small "user apps" share: a plain {@code S3AsyncClient} on the SDK's Netty client, built
 * the way a job builds one. The apps use the AWS SDK only, nothing of Sluice; their arguments are
 * the endpoint, bucket and key, their credentials come from the environment.
 */
final class UserApps {

    static final String KEY_ID = "APP_KEY_ID";
    static final String SECRET = "APP_SECRET";
    /** Exit code of an app whose own work went wrong (the agent must never cause it). */
    static final int WORK_FAILED = 3;

    private UserApps() {
    }

    static S3AsyncClient client(String endpoint) {
        return S3AsyncClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(System.getenv(KEY_ID), System.getenv(SECRET))))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(20)))
                .build();
    }
}
