package dev.sluice.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;

/**
 * Whether an AWS profile signs in through IAM Identity Center (SSO: {@code sso_session}, or the
 * legacy {@code sso_start_url} on the profile) and whether the CLI's cached token for it is there
 * and unexpired. Read from the AWS config file and the token cache as the CLI writes them
 * ({@code ~/.aws/sso/cache/<sha1 of the session name or start URL>.json}), with no network, so an
 * absent or expired login is named as {@code aws sso login} before the SDK fails less clearly.
 */
final class SsoLogin {

    /** What the profile and the cache say. */
    enum State { NOT_SSO, NO_TOKEN, EXPIRED, VALID, UNREADABLE }

    /**
     * @param via     the session name, or the start URL of a legacy profile; empty when not SSO
     * @param account the profile's {@code sso_account_id} and {@code role} its {@code sso_role_name}, else empty
     * @param problem why the token file could not be read, else empty
     */
    record Status(State state, String profile, String via, String account, String role, Path tokenFile,
                  Instant expiresAt, String problem) {

        /** The one line saying what was found, for a check result. */
        String detail() {
            String login = "AWS profile '" + profile + "' signs in with SSO (" + via + ")";
            return switch (state) {
                case NOT_SSO -> "AWS profile '" + profile + "' does not use SSO";
                case NO_TOKEN -> login + " and there is no SSO login for it (no token at " + tokenFile + ")";
                case EXPIRED -> login + " and its SSO login expired at " + expiresAt;
                case UNREADABLE -> login + " and its SSO token " + tokenFile + " cannot be read (" + problem + ")";
                case VALID -> login + ", logged in until " + expiresAt;
            };
        }

        /** Which login answers once it is live: profile, session, account and role, never the token. */
        String login() {
            return "profile '" + profile + "', " + via + ", account " + (account.isEmpty() ? "not set" : account)
                    + ", role " + (role.isEmpty() ? "not set" : role);
        }

        /** What to run. */
        String fix() {
            return "run `aws sso login --profile " + profile + "` and test again";
        }

        boolean needsLogin() {
            return state == State.NO_TOKEN || state == State.EXPIRED || state == State.UNREADABLE;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SsoLogin() {
    }

    /** The profile the SDK's default chain reads: {@code aws.profile} / {@code AWS_PROFILE}, else {@code default}. */
    static String defaultProfileName() {
        return ProfileFileSystemSetting.AWS_PROFILE.getStringValue().orElse("default");
    }

    /** The CLI's token cache under the home directory the SDK uses. */
    static Path defaultCacheDir() {
        String home = Optional.ofNullable(System.getenv("HOME")).filter(h -> !h.isBlank())
                .orElse(System.getProperty("user.home"));
        return Path.of(home, ".aws", "sso", "cache");
    }

    /** The status of {@code profile} in the AWS config file the SDK reads ({@code aws.configFile}, {@code AWS_CONFIG_FILE}). */
    static Status of(String profile) {
        return of(profile, ProfileFile.defaultProfileFile(), defaultCacheDir(), Instant.now());
    }

    /**
     * As {@link #of(String)}, but an AWS config file the SDK cannot parse reads as "not SSO": the credentials
     * check that follows resolves through the SDK, which then says in one line what is wrong with the file (or,
     * in the default chain, takes the next source, such as the environment's keys).
     */
    static Status ofParsable(String profile) {
        try {
            return of(profile);
        } catch (SdkException | IllegalArgumentException | IllegalStateException unparsable) {
            return new Status(State.NOT_SSO, profile, "", "", "", null, null, "");
        }
    }

    static Status of(String profile, ProfileFile config, Path cacheDir, Instant now) {
        Optional<software.amazon.awssdk.profiles.Profile> p = config.profile(profile);
        if (p.isEmpty()) {
            return new Status(State.NOT_SSO, profile, "", "", "", null, null, "");
        }
        Optional<String> session = p.get().property("sso_session");
        Optional<String> startUrl = p.get().property("sso_start_url");
        if (session.isEmpty() && startUrl.isEmpty()) {
            return new Status(State.NOT_SSO, profile, "", "", "", null, null, "");
        }
        String key = session.orElseGet(startUrl::get);
        String via = session.map(s -> "session '" + s + "'").orElse("start URL " + key);
        String account = p.get().property("sso_account_id").orElse("");
        String role = p.get().property("sso_role_name").orElse("");
        Path token = cacheDir.resolve(sha1(key) + ".json");
        if (!Files.isRegularFile(token)) {
            return new Status(State.NO_TOKEN, profile, via, account, role, token, null, "");
        }
        try {
            JsonNode cached = JSON.readTree(Files.readString(token));
            Instant expires = Instant.parse(cached.path("expiresAt").asText(""));
            return new Status(expires.isAfter(now) ? State.VALID : State.EXPIRED, profile, via, account, role, token,
                    expires, "");
        } catch (JsonProcessingException e) {
            // the parser's message quotes the file, and so the token: say where only
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            return new Status(State.UNREADABLE, profile, via, account, role, token, null, "not JSON" + at);
        } catch (IOException e) {
            return new Status(State.UNREADABLE, profile, via, account, role, token, null, String.valueOf(e.getMessage()));
        } catch (DateTimeParseException e) {
            return new Status(State.UNREADABLE, profile, via, account, role, token, null,
                    "its expiresAt is not an ISO-8601 time");
        }
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is a required algorithm of every JVM", e);
        }
    }
}
