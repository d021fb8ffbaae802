package dev.sluice.scenario;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The S3 connection settings (the S3 part of a connection profile), declared once because both the S3
 * scenarios and {@code delta-s3-processes} take them: a key has one type and one meaning everywhere.
 */
public final class S3Connection {

    public static final Setting<Optional<URI>> ENDPOINT = Setting.of("s3.endpoint",
            SettingType.optional(SettingType.uri(Set.of("http", "https"), false, "http://127.0.0.1:9000"),
                    "the embedded S3Proxy on 127.0.0.1"),
            "", "S3 endpoint URL; empty = the embedded S3Proxy on 127.0.0.1");
    public static final Setting<String> REGION = Setting.of("s3.region",
            SettingType.text(Pattern.compile("[a-z0-9][a-z0-9-]{0,31}"),
                    "a region name like us-east-1 (lower-case letters, digits and '-')"),
            "us-east-1", "region used for signing");
    public static final Setting<String> BUCKET = Setting.of("s3.bucket",
            SettingType.text(Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"),
                    "a bucket name of 3 to 63 lower-case letters, digits, '.' or '-'"),
            "sluice-sample", "bucket of the data (created on the embedded S3Proxy)");
    public static final Setting<Optional<String>> PROFILE = Setting.of("s3.profile",
            SettingType.optional(SettingType.name(Pattern.compile("[A-Za-z0-9_.@+-]{1,64}"),
                    "a profile name from ~/.aws/config (letters, digits and _ . @ + -)"), "the default credential chain"),
            "", "credentials profile for s3.endpoint (empty = default chain); never a key");
    public static final Setting<Boolean> PATH_STYLE = Setting.of("s3.path-style", SettingType.bool(), "true",
            "path-style addressing (needed for S3Proxy and most S3 clones)");

    private S3Connection() {
    }
}
