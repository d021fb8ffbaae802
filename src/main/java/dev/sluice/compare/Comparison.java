package dev.sluice.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Run B set against run A (usually A with a finding's fix): the findings gone, stayed and new, the
 * settings that differ, and each engine's headline figures side by side. The fix holds when B has
 * no finding A lacks and no figure is worse beyond the tolerance.
 *
 * @param settingsChanged key to {@code [A's value, B's value]} (null where a run lacks the key)
 */
public record Comparison(ComparedRun a, ComparedRun b, FindingsDiff findings, List<FigureRow> figures,
                         Map<String, List<String>> settingsChanged, double tolerancePercent) {

    /** The tolerance {@code sluice compare} uses unless told: run-to-run noise of a laptop's rates. */
    public static final double DEFAULT_TOLERANCE_PERCENT = 20;

    public Comparison {
        figures = List.copyOf(figures);
        settingsChanged = Collections.unmodifiableMap(new LinkedHashMap<>(settingsChanged));
    }

    public static Comparison of(ComparedRun a, ComparedRun b, double tolerancePercent) {
        if (!(tolerancePercent >= 0) || tolerancePercent > 1000) {
            throw new IllegalArgumentException("the tolerance must be a percentage from 0 to 1000, got " + tolerancePercent);
        }
        Map<Figure, Double> fa = RunFigures.of(a.events());
        Map<Figure, Double> fb = RunFigures.of(b.events());
        List<FigureRow> rows = new ArrayList<>();
        for (Figure f : Figure.values()) {
            if (fa.containsKey(f) || fb.containsKey(f)) {
                rows.add(new FigureRow(f, fa.get(f), fb.get(f)));
            }
        }
        Map<String, List<String>> changed = new LinkedHashMap<>();
        TreeSet<String> keys = new TreeSet<>(a.run().settings().keySet());
        keys.addAll(b.run().settings().keySet());
        for (String k : keys) {
            String va = a.run().settings().get(k);
            String vb = b.run().settings().get(k);
            if (!Objects.equals(va, vb)) {
                changed.put(k, Arrays.asList(va, vb));
            }
        }
        return new Comparison(a, b, FindingsDiff.of(a.findings(), b.findings()), rows, changed, tolerancePercent);
    }

    public List<FigureRow> regressions() {
        return figures.stream().filter(r -> r.regressed(tolerancePercent)).toList();
    }

    /** B has no finding A lacks and no figure regressed: the fix holds. */
    public boolean holds() {
        return findings.added().isEmpty() && regressions().isEmpty();
    }

    /** One line: does the fix hold, and if not, why. */
    public String verdict() {
        String tolerance = String.format(Locale.ROOT, "%.0f%%", tolerancePercent);
        if (holds()) {
            return "holds: B has no finding A lacks and no figure is worse than A by more than " + tolerance;
        }
        StringBuilder why = new StringBuilder("does not hold:");
        if (!findings.added().isEmpty()) {
            why.append(" new in B: ").append(findings.addedCodes().stream().map(Enum::name)
                    .collect(Collectors.joining(", "))).append(';');
        }
        if (!regressions().isEmpty()) {
            why.append(" worse than A beyond ").append(tolerance).append(": ").append(regressions().stream()
                    .map(r -> r.figure().label()).collect(Collectors.joining(", "))).append(';');
        }
        return why.substring(0, why.length() - 1);
    }
}
