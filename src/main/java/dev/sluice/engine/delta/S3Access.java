package dev.sluice.engine.delta;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * How the Delta engine reaches S3 for {@code s3://bucket/prefix} tables: an endpoint (null = AWS
 * itself), region, path-style addressing, and a credentials provider. It goes into the Hadoop
 * configuration that S3A and the log stores read; the provider itself stays in this JVM and the
 * configuration holds only a handle to it ({@link #CREDENTIALS_HANDLE}), so no key is ever in a
 * configuration, a setting or a trace.
 */
public record S3Access(URI endpoint, String region, boolean pathStyle, AwsCredentialsProvider credentials,
                       String description) {

    /** The configuration key holding the handle of this JVM's credentials provider. */
    public static final String CREDENTIALS_HANDLE = "sluice.s3.credentials.handle";

    private static final Map<String, AwsCredentialsProvider> PROVIDERS = new ConcurrentHashMap<>();

    /** AWS itself or another endpoint, with the default chain or a named AWS profile ({@code profile} may be empty). */
    public static S3Access external(URI endpoint, String region, boolean pathStyle, String profile) {
        AwsCredentialsProvider provider = profile == null || profile.isBlank()
                ? DefaultCredentialsProvider.builder().build() : ProfileCredentialsProvider.create(profile);
        String where = endpoint == null ? "AWS S3 (" + region + ")" : endpoint.toString();
        return new S3Access(endpoint, region, pathStyle, provider, where + " with "
                + (profile == null || profile.isBlank() ? "the default credential chain" : "AWS profile " + profile));
    }

    /** Points S3A ({@code s3://} and {@code s3a://}) at this endpoint and credentials in {@code c}. */
    public void configure(Configuration c) {
        String handle = UUID.randomUUID().toString();
        PROVIDERS.put(handle, credentials);
        c.set(CREDENTIALS_HANDLE, handle);
        c.set("fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        c.set("fs.AbstractFileSystem.s3.impl", "org.apache.hadoop.fs.s3a.S3A");
        // one file system per configuration: runs against different endpoints must not share a cached one
        c.setBoolean("fs.s3.impl.disable.cache", true);
        c.setBoolean("fs.s3a.impl.disable.cache", true);
        c.set("fs.s3a.aws.credentials.provider", HandleCredentialsProvider.class.getName());
        c.set("fs.s3a.s3.client.factory.impl", SluiceS3ClientFactory.class.getName());
        c.set("fs.s3a.endpoint.region", region);
        if (endpoint != null) {
            c.set("fs.s3a.endpoint", endpoint.toString());
            c.setBoolean("fs.s3a.connection.ssl.enabled", "https".equalsIgnoreCase(endpoint.getScheme()));
        }
        c.setBoolean("fs.s3a.path.style.access", pathStyle);
        // upload blocks from memory: data files and commits are small, and the default disk buffer needs Hadoop's
        // checksummed local file system, which delta.fs=raw replaces
        c.set("fs.s3a.fast.upload.buffer", "bytebuffer");
        // a dead endpoint should fail a run in seconds, not after S3A's default minutes of retries
        c.set("fs.s3a.connection.establish.timeout", "5s");
        c.setInt("fs.s3a.retry.limit", 3);
        c.setInt("fs.s3a.attempts.maximum", 3);
    }

    /** The provider behind a configuration's handle; one line naming the key when there is none. */
    static AwsCredentialsProvider provider(Configuration c) {
        String handle = c.get(CREDENTIALS_HANDLE, "");
        AwsCredentialsProvider p = PROVIDERS.get(handle);
        if (p == null) {
            throw new IllegalStateException(CREDENTIALS_HANDLE + " '" + handle
                    + "' names no credentials provider of this JVM (configure the table with S3Access.configure)");
        }
        return p;
    }

    /** An SDK client built from what {@link #configure} put into {@code c}. */
    static S3Client client(Configuration c) {
        String endpoint = c.getTrimmed("fs.s3a.endpoint", "");
        return builder(endpoint.isEmpty() ? null : URI.create(endpoint), c.getTrimmed("fs.s3a.endpoint.region", "us-east-1"),
                c.getBoolean("fs.s3a.path.style.access", false), provider(c)).build();
    }

    /** An SDK client for this access. */
    public S3Client client() {
        return builder(endpoint, region, pathStyle, credentials).build();
    }

    // SDK 2.57 deprecates the Apache 4 client for apache5-client; S3A 3.4.2 runs on the Apache 4 one, so it is kept here too
    @SuppressWarnings("deprecation")
    static S3ClientBuilder builder(URI endpoint, String region, boolean pathStyle, AwsCredentialsProvider credentials) {
        S3ClientBuilder b = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(pathStyle)
                .httpClientBuilder(ApacheHttpClient.builder());
        if (endpoint != null) {
            // SDK >= 2.30 sends CRC checksums by default, which S3 clones may reject: only where required
            b.endpointOverride(endpoint)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return b;
    }

    /** Creates {@code bucket} unless it exists (the embedded S3Proxy starts empty). */
    public void ensureBucket(String bucket) {
        try (S3Client s3 = client()) {
            try {
                s3.headBucket(r -> r.bucket(bucket));
            } catch (NoSuchBucketException e) {
                createBucket(s3, bucket);
            } catch (S3Exception e) {
                if (e.statusCode() != 404) {
                    throw e;
                }
                createBucket(s3, bucket);
            }
        }
    }

    private static void createBucket(S3Client s3, String bucket) {
        try {
            s3.createBucket(r -> r.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException raced) {
            // another writer created it between our check and our create: what we wanted
        }
    }

    @Override
    public String toString() {
        return "S3Access[" + description + (pathStyle ? ", path-style" : "") + ", region " + region + "]";
    }
}
