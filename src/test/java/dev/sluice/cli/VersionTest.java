package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code sluice --version} names the Sluice build, the JDK and the JavaFX it runs on. */
class VersionTest {

    @Test
    void versionNamesSluiceJdkAndJavafx() {
        StringWriter out = new StringWriter();
        int code = SluiceCommand.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version");
        assertEquals(0, code);
        String line = out.toString().strip();
        // In the build's own tests the classes come from target/classes, so the version is "dev".
        assertTrue(line.matches("sluice \\S+ \\(JDK " + java.util.regex.Pattern.quote(Runtime.version().toString())
                + ", JavaFX [0-9][0-9.]*\\)"), line);
    }
}
