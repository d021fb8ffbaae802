package dev.sluice.profile;

import dev.sluice.scenario.Setting;
import dev.sluice.scenario.delta.DeltaSettings;
import dev.sluice.scenario.flight.FlightSettings;
import dev.sluice.scenario.s3.S3Settings;
import java.util.Locale;

/**
 * The connection settings a profile may hold, each the TOML key of one part ({@code [profiles.NAME.s3]}, {@code .flight}, {@code .delta})
 * and the scenario setting it stands for. Values are checked by that setting's own parser, so a profile
 * accepts exactly what {@code --set} accepts. Only names of secrets are fields ({@code aws-profile},
 * {@code auth-env}), never their values.
 */
public enum ProfileField {
    S3_ENDPOINT(Part.S3, "endpoint", S3Settings.ENDPOINT),
    S3_REGION(Part.S3, "region", S3Settings.REGION),
    S3_AWS_PROFILE(Part.S3, "aws-profile", S3Settings.PROFILE),
    S3_BUCKET(Part.S3, "bucket", S3Settings.BUCKET),
    S3_PREFIX(Part.S3, "prefix", S3Settings.PREFIX),
    S3_PATH_STYLE(Part.S3, "path-style", S3Settings.PATH_STYLE),
    FLIGHT_ENDPOINTS(Part.FLIGHT, "endpoints", FlightSettings.ENDPOINTS),
    FLIGHT_TRUSTED_CERTIFICATES(Part.FLIGHT, "trusted-certificates", FlightSettings.TRUSTED_CERTIFICATES),
    FLIGHT_AUTH(Part.FLIGHT, "auth", FlightSettings.AUTH),
    FLIGHT_AUTH_ENV(Part.FLIGHT, "auth-env", FlightSettings.AUTH_ENV),
    /** The table {@code delta-verify} reads and {@code profiles test} checks (a local directory until Delta reaches S3). */
    DELTA_TABLE(Part.DELTA, "table", DeltaSettings.VERIFY_TABLE);

    /** A table of a profile: {@code [profiles.NAME.s3]}, {@code [profiles.NAME.flight]}, {@code [profiles.NAME.delta]}. */
    public enum Part {
        S3, FLIGHT, DELTA;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Part part;
    private final String key;
    private final Setting<?> setting;

    ProfileField(Part part, String key, Setting<?> setting) {
        this.part = part;
        this.key = key;
        this.setting = setting;
    }

    public Part part() {
        return part;
    }

    /** The key inside its part's table. */
    public String key() {
        return key;
    }

    public Setting<?> setting() {
        return setting;
    }

    /** {@code s3.endpoint}: how the file and messages name it. */
    public String path() {
        return part.id() + "." + key;
    }

    /** The field at {@code part.key}, or null. */
    public static ProfileField of(String part, String key) {
        for (ProfileField f : values()) {
            if (f.part.id().equals(part) && f.key.equals(key)) {
                return f;
            }
        }
        return null;
    }
}
