package dev.sluice.scenario;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that decides what is a secret and how it is hidden. Everything that leaves memory
 * (trace metadata, notes, log lines, console messages) goes through {@link #redact(String)} or
 * {@link #redactSetting(String, String)}.
 *
 * <p>A value looks like a credential when it contains an AWS access key id ({@code AKIA}/{@code
 * ASIA} and 16 more), or a token of at least 20 characters that mixes upper case, lower case and
 * digits with a high Shannon entropy (AWS secret keys, also with '/', bearer tokens, JWT parts), or a hex string of
 * 40 or more characters (an MD5 ETag of 32 stays readable). Words, paths, host names, profile names and enum choices do not.
 */
public final class Secrets {

    public static final String REDACTED = "<redacted>";

    /** Keys whose values are secret whatever they hold. */
    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i).*(secret|password|passwd|token|credential|access[-._]?key|session).*");
    private static final Pattern AWS_KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{16}");
    /** Candidate tokens: runs of the characters tokens are written in (no separators such as / : @ , = ?). */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+_.~-]{20,}={0,2}");
    /** The shape of an AWS secret access key: 40 base64 characters, '/' included (so not split as a path). */
    private static final Pattern AWS_SECRET_KEY = Pattern.compile("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{40,}");
    /** User info of a URI: scheme://user[:password]@ */
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");
    private static final double MIN_ENTROPY_BITS_PER_CHAR = 3.5;

    private Secrets() {
    }

    /** Whether a setting key names a secret ({@code s3.secretKey}, {@code flight.token}). */
    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** Whether {@code text} contains something that looks like a credential. */
    public static boolean looksLikeCredential(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (AWS_KEY_ID.matcher(text).find()) {
            return true;
        }
        Matcher secret = AWS_SECRET_KEY.matcher(text);
        while (secret.find()) {
            if (isCredentialToken(secret.group())) {
                return true;
            }
        }
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            if (isCredentialToken(m.group())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code uri} carries user info ({@code user:password@host}). */
    public static boolean hasUserInfo(URI uri) {
        return uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"));
    }

    /** {@code text} with URI user info and every credential-like token replaced by {@link #REDACTED}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = USER_INFO.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED + "@"));
        out = AWS_KEY_ID.matcher(out).replaceAll(REDACTED);
        out = replaceCredentials(AWS_SECRET_KEY.matcher(out));
        return replaceCredentials(TOKEN.matcher(out));
    }

    private static String replaceCredentials(Matcher m) {
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(isCredentialToken(m.group()) ? REDACTED : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The value as it may be shown or stored: all of it hidden under a secret key, else {@link #redact}. */
    public static String redactSetting(String key, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return isSecretKey(key) ? REDACTED : redact(value);
    }

    private static boolean isCredentialToken(String token) {
        if (HEX.matcher(token).find()) {
            return true;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
            digit |= c >= '0' && c <= '9';
        }
        return upper && lower && digit && entropy(token) >= MIN_ENTROPY_BITS_PER_CHAR;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        double n = s.length();
        for (int c : counts) {
            if (c > 0) {
                bits -= c / n * (Math.log(c / n) / Math.log(2));
            }
        }
        if (other > 0) {
            bits -= other / n * (Math.log(other / n) / Math.log(2));
        }
        return bits;
    }
}
