package dev.sluice.engine.delta;

import java.util.Locale;

/**
 * The {@code stats} of an {@code AddFile}: row count and min/max of {@code seq}.
 *
 * <p>delta-standalone 3.3.2 writes the stats string into the log as raw JSON (an object where the
 * protocol wants a string holding JSON), and then cannot read its own log back
 * ({@code MismatchedInputException}). So the text handed to it is already a JSON string literal:
 * written raw, it becomes exactly the string the protocol asks for.
 */
final class FileStats {

    private FileStats() {
    }

    /** The stats JSON as the protocol defines it. */
    static String statsJson(ParquetRows.Written w) {
        return String.format(Locale.ROOT,
                "{\"numRecords\":%d,\"minValues\":{\"seq\":%d},\"maxValues\":{\"seq\":%d},"
                        + "\"nullCount\":{\"writer\":0,\"seq\":0,\"payload\":0}}",
                w.rows(), w.minSeq(), w.maxSeq());
    }

    /** What to pass to {@code AddFile} so that the log holds {@link #statsJson} as a string. */
    static String json(ParquetRows.Written w) {
        return quote(statsJson(w));
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
