package dev.sluice.scenario;

import java.time.Duration;
import java.util.regex.Pattern;

/** A duration in [min, max], written as {@code 250ms}, {@code 2s}, {@code 1m} or {@code 1h}. */
public record DurationType(Duration min, Duration max) implements SettingType<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    @Override
    public Kind kind() {
        return Kind.DURATION;
    }

    @Override
    public String accepted() {
        return "a duration from " + format(min) + " to " + format(max) + " (like 250ms, 2s, 1m or 1h)";
    }

    @Override
    public Duration parse(String text) {
        var m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be " + accepted());
        }
        Duration d;
        try {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } catch (ArithmeticException | NumberFormatException tooLong) {
            throw new IllegalArgumentException("must be " + accepted(), tooLong);
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException("must be " + accepted());
        }
        return d;
    }

    /** The shortest exact form: 250ms, 2s, 1m, 1h. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms != 0 && ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
