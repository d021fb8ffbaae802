package dev.sluice.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The typed vocabulary holds: outside {@code dev.sluice.event}, no main source compares a closed
 * field of an event with a string literal ({@code "ok".equals(r.outcome())}) — such a comparison
 * compiles against an enum and is silently always false. Compare constants with {@code ==}.
 * The scan goes by accessor name, so it also catches model and view records that copy those fields.
 */
class VocabularyTest {

    private static final Path MAIN = Path.of("src/main/java/dev/sluice");

    @Test
    void noSourceOutsideEventComparesAnEnumFieldWithAStringLiteral() throws IOException {
        Set<String> accessors = enumAccessors();
        assertFalse(accessors.isEmpty());
        String names = String.join("|", accessors);
        List<Pattern> comparisons = List.of(
                Pattern.compile("\"[^\"]*\"\\s*\\.equals(IgnoreCase)?\\(\\s*[\\w.()]*\\b(" + names + ")\\(\\)\\s*\\)"),
                Pattern.compile("\\b(" + names + ")\\(\\)\\s*\\.equals(IgnoreCase)?\\(\\s*\""),
                Pattern.compile("\\b(" + names + ")\\(\\)\\s*[=!]=\\s*\""),
                Pattern.compile("Objects\\.equals\\([^;]*\\b(" + names + ")\\(\\)[^;]*\""));
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(MAIN.resolve("event")))
                    .toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    for (Pattern p : comparisons) {
                        Matcher m = p.matcher(lines.get(i));
                        if (m.find()) {
                            found.add(MAIN.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertEquals("", String.join("\n", found));
    }

    @Test
    void theScanCatchesTheComparisonsItForbids() {
        String names = String.join("|", enumAccessors());
        Pattern literalFirst = Pattern.compile("\"[^\"]*\"\\s*\\.equals(IgnoreCase)?\\(\\s*[\\w.()]*\\b(" + names + ")\\(\\)\\s*\\)");
        assertTrue(literalFirst.matcher("if (\"ok\".equals(r.outcome())) {").find());
        assertFalse(literalFirst.matcher("if (r.outcome() == RequestOutcome.OK) {").find());
    }

    /** The accessor names of every event field typed as an enum: the fields that have a vocabulary. */
    private static Set<String> enumAccessors() {
        Set<String> names = new TreeSet<>();
        for (EventKind k : EventCatalog.kinds()) {
            for (EventKind.Field f : k.fields()) {
                if (f.javaType().isEnum()) {
                    names.add(f.name());
                }
            }
        }
        return names;
    }
}
