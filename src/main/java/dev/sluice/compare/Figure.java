package dev.sluice.compare;

import dev.sluice.event.Engine;
import java.util.Locale;

/**
 * A headline figure of a run, computed from its events ({@link RunFigures}); what {@code sluice
 * compare} sets side by side. Each says which way is better and how a worse value is judged.
 */
public enum Figure {
    S3_MIB_PER_S(Engine.S3, "S3 read MiB/s", Unit.MIB_PER_S, Judged.HIGHER_WITHIN_TOLERANCE),
    S3_FAILED_REQUESTS(Engine.S3, "S3 failed requests", Unit.COUNT, Judged.LOWER_EXACT),
    FLIGHT_BYTES_PER_S(Engine.FLIGHT, "Flight bytes/s", Unit.BYTES_PER_S, Judged.HIGHER_WITHIN_TOLERANCE),
    FLIGHT_STALL_SECONDS(Engine.FLIGHT, "Flight stall time", Unit.SECONDS, Judged.LOWER_WITHIN_TOLERANCE),
    FLIGHT_PEAK_BUFFERED_BYTES(Engine.FLIGHT, "Flight peak buffered", Unit.BYTES, Judged.NOT),
    DELTA_COMMITS_PER_S(Engine.DELTA, "Delta commits/s", Unit.PER_S, Judged.HIGHER_WITHIN_TOLERANCE),
    DELTA_CONFLICTS(Engine.DELTA, "Delta conflicts", Unit.COUNT, Judged.LOWER_WITHIN_TOLERANCE),
    DELTA_RETRIES(Engine.DELTA, "Delta retries", Unit.COUNT, Judged.LOWER_WITHIN_TOLERANCE),
    DELTA_ROWS_LOST(Engine.DELTA, "Delta rows lost", Unit.COUNT, Judged.LOWER_EXACT);

    /** What a figure counts, and how its value reads. */
    public enum Unit {
        MIB_PER_S, BYTES_PER_S, PER_S, SECONDS, BYTES, COUNT;

        public String format(double v) {
            return switch (this) {
                case MIB_PER_S -> String.format(Locale.ROOT, "%.2f MiB/s", v);
                case BYTES_PER_S -> bytes(v) + "/s";
                case PER_S -> String.format(Locale.ROOT, "%.2f/s", v);
                case SECONDS -> String.format(Locale.ROOT, "%.3f s", v);
                case BYTES -> bytes(v);
                case COUNT -> String.format(Locale.ROOT, "%d", Math.round(v));
            };
        }

        private static String bytes(double v) {
            if (v >= 1 << 30) {
                return String.format(Locale.ROOT, "%.2f GiB", v / (1 << 30));
            }
            if (v >= 1 << 20) {
                return String.format(Locale.ROOT, "%.2f MiB", v / (1 << 20));
            }
            return v >= 1 << 10 ? String.format(Locale.ROOT, "%.1f KiB", v / (1 << 10))
                    : String.format(Locale.ROOT, "%d B", Math.round(v));
        }
    }

    /** When B's value is a regression. */
    public enum Judged {
        /** Higher is better; B regressed when lower than A by more than the tolerance. */
        HIGHER_WITHIN_TOLERANCE,
        /** Lower is better; B regressed when higher than A by more than the tolerance (any rise from 0). */
        LOWER_WITHIN_TOLERANCE,
        /** Lower is better and any rise is a regression (failures, lost rows). */
        LOWER_EXACT,
        /** Shown, never a regression: a cost a fix may trade (the drain fix buffers more, under its budget). */
        NOT
    }

    private final Engine engine;
    private final String label;
    private final Unit unit;
    private final Judged judged;

    Figure(Engine engine, String label, Unit unit, Judged judged) {
        this.engine = engine;
        this.label = label;
        this.unit = unit;
        this.judged = judged;
    }

    public Engine engine() {
        return engine;
    }

    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    public Judged judged() {
        return judged;
    }

    /** Whether {@code b} is worse than {@code a} beyond {@code tolerancePercent} (of {@code a}). */
    public boolean regressed(double a, double b, double tolerancePercent) {
        double slack = Math.abs(a) * tolerancePercent / 100;
        return switch (judged) {
            case HIGHER_WITHIN_TOLERANCE -> b < a - slack;
            case LOWER_WITHIN_TOLERANCE -> b > a + slack;
            case LOWER_EXACT -> b > a;
            case NOT -> false;
        };
    }
}
