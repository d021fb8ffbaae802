package dev.sluice.compare;

/**
 * One figure of both runs: {@code a} or {@code b} is null when that run has no such figure (another
 * engine, no verify, no time elapsed).
 */
public record FigureRow(Figure figure, Double a, Double b) {

    /** B over A, or null when either is missing or A is 0. */
    public Double ratio() {
        return a == null || b == null || a == 0 ? null : b / a;
    }

    /** Whether B is worse than A beyond {@code tolerancePercent}; a figure only one run has is no regression. */
    public boolean regressed(double tolerancePercent) {
        return a != null && b != null && figure.regressed(a, b, tolerancePercent);
    }
}
