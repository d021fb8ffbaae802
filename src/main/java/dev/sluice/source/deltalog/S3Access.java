package dev.sluice.source.deltalog;

import java.net.URI;

/**
 * How to reach an {@code s3://} table: an endpoint (null: AWS's own for the region), a region (empty:
 * the SDK's region chain), the AWS profile whose credentials sign the requests (empty: the SDK's
 * default credential chain) and path-style addressing. Names only, never keys: credentials are
 * resolved by the SDK and appear in no setting or event.
 */
public record S3Access(URI endpoint, String region, String awsProfile, boolean pathStyle) {

    /** AWS itself, through the SDK's default region and credential chains. */
    public static final S3Access DEFAULT_CHAINS = new S3Access(null, "", "", false);

    public S3Access {
        region = region == null ? "" : region;
        awsProfile = awsProfile == null ? "" : awsProfile;
    }

    /** For messages and the run's settings: where and as whom, without a secret. */
    String describe() {
        return (endpoint == null ? "AWS" : endpoint.toString()) + (region.isEmpty() ? "" : ", region " + region)
                + (awsProfile.isEmpty() ? ", default credential chain" : ", AWS profile '" + awsProfile + "'");
    }
}
