package dev.sluice.scenario.delta;

import dev.sluice.scenario.S3Connection;
import dev.sluice.scenario.Setting;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code delta-s3-processes} puts its table. The keys are the S3 keys of a connection profile
 * ({@code s3.endpoint}, {@code s3.bucket}, ...), so {@code --profile NAME} moves the table to that
 * profile's bucket; declared once in {@link S3Connection}.
 */
final class DeltaS3Settings {

    static final Setting<Optional<URI>> ENDPOINT = S3Connection.ENDPOINT;
    static final Setting<String> REGION = S3Connection.REGION;
    static final Setting<String> BUCKET = S3Connection.BUCKET.withDefault("sluice-delta");
    static final Setting<Optional<String>> PROFILE = S3Connection.PROFILE;
    static final Setting<Boolean> PATH_STYLE = S3Connection.PATH_STYLE;

    static final List<Setting<?>> ALL = List.of(ENDPOINT, REGION, BUCKET, PROFILE, PATH_STYLE);

    private DeltaS3Settings() {
    }
}
