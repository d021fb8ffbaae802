package dev.sluice.detect;

import dev.sluice.event.RunInfo;

/** Where a run's S3 requests went, for messages: S3 events carry the client, not the endpoint. */
final class S3Endpoint {

    private S3Endpoint() {
    }

    /** {@code s3.endpoint http://...}, {@code the embedded S3Proxy}, or empty for a run without S3 settings. */
    static String of(RunInfo run) {
        if (run == null || !run.settings().containsKey("s3.endpoint")) {
            return "";
        }
        String endpoint = run.settings().get("s3.endpoint");
        return endpoint == null || endpoint.isBlank() ? "the embedded S3Proxy" : "s3.endpoint " + endpoint.trim();
    }
}
