package dev.sluice.scenario.delta;

import dev.sluice.scenario.Setting;
import dev.sluice.scenario.SettingType;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where {@code delta-s3-processes} puts its table. The keys are the S3 keys of a connection profile
 * ({@code s3.endpoint}, {@code s3.bucket}, ...), so {@code --profile NAME} moves the table to that
 * profile's bucket; declared here because scenario packages do not share classes.
 */
final class DeltaS3Settings {

    static final Setting<Optional<URI>> ENDPOINT = Setting.of("s3.endpoint",
            SettingType.optional(SettingType.uri(Set.of("http", "https"), false, "http://127.0.0.1:9000"),
                    "the embedded S3Proxy on 127.0.0.1"),
            "", "S3 endpoint of the table; empty = the embedded S3Proxy on 127.0.0.1");
    static final Setting<String> REGION = Setting.of("s3.region",
            SettingType.text(Pattern.compile("[a-z0-9][a-z0-9-]{0,31}"), "a region name like us-east-1"),
            "us-east-1", "region used for signing");
    static final Setting<String> BUCKET = Setting.of("s3.bucket",
            SettingType.text(Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"),
                    "a bucket name of 3 to 63 lower-case letters, digits, '.' or '-'"),
            "sluice-delta", "bucket holding the table (created on the embedded S3Proxy)");
    static final Setting<Optional<String>> PROFILE = Setting.of("s3.profile",
            SettingType.optional(SettingType.name(Pattern.compile("[A-Za-z0-9_.@+-]{1,64}"),
                    "a profile name from ~/.aws/config"), "the default credential chain"),
            "", "AWS credentials profile for s3.endpoint (empty = default chain); never a key");
    static final Setting<Boolean> PATH_STYLE = Setting.of("s3.path-style", SettingType.bool(), "true",
            "path-style addressing (needed for S3Proxy and most S3 clones)");

    static final List<Setting<?>> ALL = List.of(ENDPOINT, REGION, BUCKET, PROFILE, PATH_STYLE);

    private DeltaS3Settings() {
    }
}
