package dev.sluice.scenario;

import java.util.Locale;
import java.util.regex.Pattern;

/** Bytes in [min, max], written as {@code 65536}, {@code 64KiB}, {@code 16MiB} or {@code 1GiB}. */
public record SizeType(long min, long max) implements SettingType<Long> {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?", Pattern.CASE_INSENSITIVE);

    @Override
    public Kind kind() {
        return Kind.SIZE;
    }

    @Override
    public String accepted() {
        return "a size from " + format(min) + " to " + format(max) + " (bytes, or with KiB, MiB or GiB)";
    }

    @Override
    public Long parse(String text) {
        var m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be " + accepted());
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit) {
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            default -> 1;
        };
        long v;
        try {
            v = Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            throw new IllegalArgumentException("must be " + accepted(), tooLarge);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("must be " + accepted());
        }
        return v;
    }

    /** The shortest exact form: 64KiB, 16MiB, 65535. */
    public static String format(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + "GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + "MiB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return bytes / (1L << 10) + "KiB";
        }
        return Long.toString(bytes);
    }
}
