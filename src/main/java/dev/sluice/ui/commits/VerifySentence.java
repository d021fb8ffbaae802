package dev.sluice.ui.commits;

import dev.sluice.model.delta.VerifyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verify result as one plain sentence: what the table holds, whether every acknowledged row is
 * there, and what is missing or doubled and why it matters. {@code foundRows} counts every row read
 * back (duplicates included), {@code missing} every planned row absent, {@code unexplained} those
 * absent that nobody was told about; so "N of N found, M missing" is never said of the same rows.
 */
final class VerifySentence {

    private VerifySentence() {
    }

    static String of(VerifyResult v) {
        String at = v.tableVersion() < 0 ? "" : " at v" + v.tableVersion();
        return switch (v.outcome()) {
            case PASSED -> "Verify passed" + at + ": all " + rows(v.foundRows()) + " written are in the table, none "
                    + "missing or duplicated.";
            case EXPLAINED -> "Verify passed" + at + ": all " + rows(v.acknowledgedRows()) + " acknowledged are in the "
                    + "table; the " + rows(v.missing()) + " missing belong to writes that failed and said so.";
            case FAILED -> "Verify failed" + at + ": " + String.join("; ", problems(v)) + " (the table holds "
                    + rows(v.foundRows()) + ", " + count(v.acknowledgedRows()) + " were acknowledged).";
            case UNREADABLE -> "Verify could not read the table, so nothing is proven about its "
                    + rows(v.acknowledgedRows()) + " acknowledged.";
        };
    }

    private static List<String> problems(VerifyResult v) {
        List<String> out = new ArrayList<>();
        if (v.unexplained() > 0) {
            out.add(rows(v.unexplained()) + are(v.unexplained()) + " missing with no failure"
                    + " reported for them (acknowledged, then lost, or failed silently)");
        }
        if (v.missing() > v.unexplained()) {
            long surfaced = v.missing() - v.unexplained();
            out.add(rows(surfaced) + " of writes that failed and said so" + are(surfaced) + " missing too");
        }
        if (v.duplicated() > 0) {
            out.add(rows(v.duplicated()) + are(v.duplicated()) + " in the table twice");
        }
        if (out.isEmpty()) {
            out.add("data files of the table are missing or unreadable");
        }
        return out;
    }

    private static String are(long n) {
        return n == 1 ? " is" : " are";
    }

    private static String rows(long n) {
        return count(n) + (n == 1 ? " row" : " rows");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
