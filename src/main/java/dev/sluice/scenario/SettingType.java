package dev.sluice.scenario;

import dev.sluice.event.EventEnum;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The type of a setting: exactly one parser per type, and what it accepts in words. A parser takes
 * the trimmed text and returns the typed value, or throws {@link IllegalArgumentException} whose
 * message completes "{@code key=value: }" (for example "must be a whole number from 1 to 4096").
 */
public sealed interface SettingType<T> permits SettingType.IntegerType, SizeType, DurationType,
        SettingType.ChoiceType, SettingType.BooleanType, SettingType.TextType, SettingType.UriType, SettingType.PathType,
        SettingType.ListType, SettingType.OptionalType {

    /** What the console's editor shows for a setting. */
    enum Kind { INTEGER, SIZE, DURATION, CHOICE, URI, PATH, BOOLEAN, LIST, TEXT }

    Kind kind();

    /** What is accepted, for errors and {@code sluice scenarios -v}: "a whole number from 1 to 4096". */
    String accepted();

    /** Parses trimmed {@code text}; an empty text is refused unless the type is {@link Optional}. */
    T parse(String text);

    /** Whether an empty value is accepted (and what it means then). */
    default boolean acceptsEmpty() {
        return false;
    }

    // ---- factories ---------------------------------------------------------------------------

    static IntegerType integer(int min, int max) {
        return new IntegerType(min, max);
    }

    static SizeType size(long min, long max) {
        return new SizeType(min, max);
    }

    static DurationType duration(Duration min, Duration max) {
        return new DurationType(min, max);
    }

    static <E extends Enum<E>> ChoiceType<E> choice(Class<E> type) {
        return new ChoiceType<>(type, List.of(type.getEnumConstants()));
    }

    /** A choice of only some of an enum's constants (the rest describe what is observed, not chosen). */
    static <E extends Enum<E>> ChoiceType<E> choice(Class<E> type, List<E> offered) {
        return new ChoiceType<>(type, offered);
    }

    static BooleanType bool() {
        return new BooleanType();
    }

    static TextType text(Pattern pattern, String accepted) {
        return new TextType(pattern, accepted, false);
    }

    /** A name where a name is expected: a value that looks like a credential is refused, not stored. */
    static TextType name(Pattern pattern, String accepted) {
        return new TextType(pattern, accepted, true);
    }

    static UriType uri(Set<String> schemes, boolean needsPort, String example) {
        return new UriType(Set.copyOf(schemes), needsPort, example);
    }

    static PathType path(PathType.Is is) {
        return new PathType(is);
    }

    static <E> ListType<E> list(SettingType<E> element, int min, int max) {
        return new ListType<>(element, min, max);
    }

    static <E> OptionalType<E> optional(SettingType<E> inner, String emptyMeans) {
        return new OptionalType<>(inner, emptyMeans);
    }

    // ---- the types ---------------------------------------------------------------------------

    /** A whole number in [min, max]; text that overflows a long is out of range, never wrapped. */
    record IntegerType(int min, int max) implements SettingType<Integer> {
        @Override
        public Kind kind() {
            return Kind.INTEGER;
        }

        @Override
        public String accepted() {
            return "a whole number from " + min + " to " + max;
        }

        @Override
        public Integer parse(String text) {
            if (!text.matches("[+-]?\\d+")) {
                throw new IllegalArgumentException("must be " + accepted());
            }
            long v;
            try {
                v = Long.parseLong(text);
            } catch (NumberFormatException tooLong) {
                throw new IllegalArgumentException("must be " + accepted(), tooLong);
            }
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be " + accepted());
            }
            return (int) v;
        }
    }

    /** One of an enum's constants, written as its lower-case id ({@code PER_THREAD} is {@code per-thread}). */
    record ChoiceType<E extends Enum<E>>(Class<E> type, List<E> offered) implements SettingType<E> {
        public ChoiceType {
            offered = List.copyOf(offered);
        }

        @Override
        public Kind kind() {
            return Kind.CHOICE;
        }

        @Override
        public String accepted() {
            List<String> ids = choices();
            return ids.size() == 2 ? "one of " + ids.get(0) + " or " + ids.get(1) : "one of " + String.join(", ", ids);
        }

        @Override
        public E parse(String text) {
            for (E e : offered) {
                if (id(e).equalsIgnoreCase(text)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("must be " + accepted());
        }

        /** The ids, in declaration order. */
        public List<String> choices() {
            return offered.stream().map(ChoiceType::id).toList();
        }

        /** An event vocabulary constant keeps its trace id, so a setting and the event it drives spell it alike. */
        public static String id(Enum<?> e) {
            return e instanceof EventEnum v ? v.id() : e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** {@code true} or {@code false}. */
    record BooleanType() implements SettingType<Boolean> {
        @Override
        public Kind kind() {
            return Kind.BOOLEAN;
        }

        @Override
        public String accepted() {
            return "true or false";
        }

        @Override
        public Boolean parse(String text) {
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException("must be " + accepted());
        }
    }

    /**
     * Free text matching {@code pattern}. A {@linkplain #name name} (a profile, an environment
     * variable) refuses a value that looks like a credential: that is a secret pasted in the wrong place.
     */
    record TextType(Pattern pattern, String accepted, boolean isName) implements SettingType<String> {
        @Override
        public Kind kind() {
            return Kind.TEXT;
        }

        @Override
        public String parse(String text) {
            if (isName && Secrets.looksLikeCredential(text)) {
                throw new IllegalArgumentException("looks like a credential, not a name: this setting holds " + accepted
                        + "; keep the secret itself in a credentials profile (s3.profile) or an environment variable "
                        + "(flight.authEnv names it)");
            }
            if (!pattern.matcher(text).matches()) {
                throw new IllegalArgumentException("must be " + accepted);
            }
            return text;
        }
    }

    /**
     * A URI with one of {@code schemes} and a host (and a port when {@code needsPort}). User info
     * ({@code user:secret@}) is refused: it would be a credential in the settings.
     */
    record UriType(Set<String> schemes, boolean needsPort, String example) implements SettingType<URI> {
        @Override
        public Kind kind() {
            return Kind.URI;
        }

        @Override
        public String accepted() {
            String list = schemes.stream().sorted().map(s -> s + "://").collect(Collectors.joining(" or "));
            return "a URI with scheme " + list + (needsPort ? ", a host and a port" : " and a host") + ", like " + example;
        }

        @Override
        public URI parse(String text) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("must be " + accepted(), e);
            }
            if (Secrets.hasUserInfo(uri)) {
                throw new IllegalArgumentException("user info (user:secret@) is not accepted in a URI; give credentials "
                        + "by profile (s3.profile) or by environment variable name (flight.auth with flight.authEnv)");
            }
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null || (needsPort && uri.getPort() <= 0)) {
                throw new IllegalArgumentException("must be " + accepted());
            }
            return uri;
        }
    }

    /** A local path (a {@code file:} URI is accepted too) that must exist as {@code is}. */
    record PathType(Is is) implements SettingType<Path> {
        /** What the path must be. */
        public enum Is { READABLE_FILE, EXISTING_DIRECTORY }

        @Override
        public Kind kind() {
            return Kind.PATH;
        }

        @Override
        public String accepted() {
            return is == Is.READABLE_FILE ? "a readable file" : "an existing directory (a path or a file: URI)";
        }

        @Override
        public Path parse(String text) {
            Path p;
            try {
                p = text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text);
            } catch (IllegalArgumentException | FileSystemNotFoundException e) {
                throw new IllegalArgumentException("must be " + accepted(), e);
            }
            boolean ok = is == Is.READABLE_FILE ? Files.isRegularFile(p) && Files.isReadable(p) : Files.isDirectory(p);
            if (!ok) {
                throw new IllegalArgumentException((Files.exists(p) ? "is not " : "does not exist; must be ") + accepted());
            }
            return p;
        }
    }

    /** A comma-separated list of {@code element}, {@code min} to {@code max} items. */
    record ListType<E>(SettingType<E> element, int min, int max) implements SettingType<List<E>> {
        @Override
        public Kind kind() {
            return Kind.LIST;
        }

        @Override
        public String accepted() {
            return (min == max ? "" + min : min + " to " + max) + " comma-separated items, each " + element.accepted();
        }

        @Override
        public boolean acceptsEmpty() {
            return min == 0;
        }

        @Override
        public List<E> parse(String text) {
            List<E> out = new ArrayList<>();
            if (!text.isEmpty()) {
                for (String part : text.split(",", -1)) {
                    String item = part.trim();
                    if (item.isEmpty()) {
                        throw new IllegalArgumentException("has an empty item; must be " + accepted());
                    }
                    try {
                        out.add(element.parse(item));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("item '" + Secrets.redact(item) + "': " + e.getMessage(), e);
                    }
                }
            }
            if (out.size() < min || out.size() > max) {
                throw new IllegalArgumentException("must be " + accepted());
            }
            return List.copyOf(out);
        }
    }

    /** {@code inner}, or empty for {@code emptyMeans} (the embedded server, the default chain). */
    record OptionalType<E>(SettingType<E> inner, String emptyMeans) implements SettingType<Optional<E>> {
        @Override
        public Kind kind() {
            return inner.kind();
        }

        @Override
        public String accepted() {
            return inner.accepted() + ", or empty for " + emptyMeans;
        }

        @Override
        public boolean acceptsEmpty() {
            return true;
        }

        @Override
        public Optional<E> parse(String text) {
            return text.isEmpty() ? Optional.empty() : Optional.of(inner.parse(text));
        }
    }
}
