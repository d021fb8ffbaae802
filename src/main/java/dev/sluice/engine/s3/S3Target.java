package dev.sluice.engine.s3;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * Where to read: an S3 endpoint (null = AWS itself), region, bucket and prefix, path-style
 * addressing, and where credentials come from. Only a profile name is ever stored, never a key.
 *
 * @param endpoint    endpoint override such as {@code http://127.0.0.1:9000}, or null
 * @param description a human name for messages ({@code embedded S3Proxy at ...}, {@code profile dev})
 */
public record S3Target(URI endpoint, String region, String bucket, String prefix, boolean pathStyle,
                       AwsCredentialsProvider credentials, String description) {

    /** An endpoint reached with the AWS default chain or a named profile ({@code profile} may be empty). */
    public static S3Target external(URI endpoint, String region, String bucket, String prefix, boolean pathStyle,
                                    String profile) {
        AwsCredentialsProvider provider = profile == null || profile.isBlank()
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.create(profile);
        String where = endpoint == null ? "AWS S3 (" + region + ")" : endpoint.toString();
        String who = profile == null || profile.isBlank() ? "default credential chain" : "profile " + profile;
        return new S3Target(endpoint, region, bucket, prefix, pathStyle, provider, where + " with " + who);
    }

    public S3Target withCredentials(AwsCredentialsProvider other, String otherDescription) {
        return new S3Target(endpoint, region, bucket, prefix, pathStyle, other, otherDescription);
    }

    /** {@code s3://bucket/prefix at endpoint}, for messages. */
    public String where() {
        return "s3://" + bucket + "/" + prefix + " at " + description;
    }

    @Override
    public String toString() {
        return "S3Target[" + where() + (pathStyle ? ", path-style" : "") + ", region " + region + "]";
    }
}
