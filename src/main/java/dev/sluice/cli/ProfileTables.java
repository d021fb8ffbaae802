package dev.sluice.cli;

import dev.sluice.profile.Profile;
import dev.sluice.profile.ProfileException;
import dev.sluice.profile.ProfileField;
import dev.sluice.profile.ProfileStore;
import dev.sluice.scenario.InvalidSettingException;
import dev.sluice.scenario.Setting;
import dev.sluice.scenario.s3.S3Settings;
import dev.sluice.source.RecordedSource;
import dev.sluice.source.SourceException;
import dev.sluice.source.deltalog.DeltaLogFormat;
import dev.sluice.source.deltalog.S3Access;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code --profile NAME} on {@code import} and {@code check}: an {@code s3://} Delta table read with
 * the profile's S3 endpoint, region, AWS profile and path style (names only; the SDK resolves the keys).
 */
final class ProfileTables {

    private ProfileTables() {
    }

    /** Opens the s3:// table {@code source} with profile {@code name} from the user's profile file. */
    static RecordedSource open(String source, String name) throws SourceException {
        if (!source.startsWith("s3://")) {
            throw new SourceException(source, "--profile applies to s3:// Delta tables only (give s3://bucket/path/to/table)");
        }
        ProfileStore store = ProfileStore.user();
        Profile profile;
        try {
            List<Profile> all = store.load();
            profile = all.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new SourceException(
                    source, "--profile " + name + ": no such profile in " + store.file() + "; known: "
                            + all.stream().map(Profile::name).collect(Collectors.joining(", "))));
        } catch (ProfileException e) {
            throw new SourceException(source, "--profile " + name + ": " + e.getMessage(), e);
        }
        try {
            Optional<URI> endpoint = value(profile, ProfileField.S3_ENDPOINT, S3Settings.ENDPOINT);
            // unlike a run's, an unset endpoint is AWS itself (there is no embedded table to import), and an
            // unset region or path style is the SDK's (its region chain; path style for a custom endpoint)
            boolean pathStyle = profile.values().containsKey(ProfileField.S3_PATH_STYLE)
                    ? value(profile, ProfileField.S3_PATH_STYLE, S3Settings.PATH_STYLE) : endpoint.isPresent();
            S3Access access = new S3Access(endpoint.orElse(null), profile.values().containsKey(ProfileField.S3_REGION)
                    ? value(profile, ProfileField.S3_REGION, S3Settings.REGION) : "",
                    value(profile, ProfileField.S3_AWS_PROFILE, S3Settings.PROFILE).orElse(""), pathStyle);
            return new DeltaLogFormat(access).open(source);
        } catch (InvalidSettingException e) {
            throw new SourceException(source, "--profile " + name + ": " + e.getMessage(), e);
        }
    }

    /** The profile's value of {@code field}, else the setting's default, parsed as a run would. */
    private static <T> T value(Profile p, ProfileField field, Setting<T> setting) {
        return setting.parse(p.values().getOrDefault(field, setting.defaultValue()));
    }
}
