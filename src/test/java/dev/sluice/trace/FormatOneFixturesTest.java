package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.detect.Finding;
import dev.sluice.detect.ResourceRef;
import dev.sluice.scenario.FindingsSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Traces recorded before per-batch checksums (format 1, see {@code fixtures/format-1/README.md}) and
 * before dictionary encoding (format 2, {@code fixtures/format-2/README.md}) still load, completely,
 * with their checksums verified where they have them, and give the findings they gave when recorded.
 */
class FormatOneFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    @ParameterizedTest
    @ValueSource(strings = {"format-1/demo-v1", "format-1/s3-foreign-close-v1", "format-1/delta-ff-v1",
        "format-1/flight-h2-v1", "format-2/demo-v2"})
    void loadsAndFindsWhatItFoundWhenRecorded(String name) throws Exception {
        TraceContents trace = TraceReader.readAll(FIXTURES.resolve(name + ".sluice"));

        assertTrue(trace.complete(), trace.warning());
        assertEquals(name.startsWith("format-1/") ? TraceContents.Checksums.ABSENT : TraceContents.Checksums.VERIFIED,
                trace.checksums());
        List<String> found = new ArrayList<>();
        for (Finding f : FindingsSink.replay(trace)) {
            assertTrue(f.confirmed(), f.id() + " confirmed");
            found.add(key(f.code().name(), f.startNanos(), f.endNanos(),
                    f.resources().stream().map(ResourceRef::toString).toList(), f.title()));
        }
        List<String> recorded = new ArrayList<>();
        for (JsonNode f : new ObjectMapper().readTree(Files.readString(FIXTURES.resolve(name + ".findings.json")))) {
            List<String> resources = new ArrayList<>();
            f.path("resources").forEach(r -> resources.add(r.path("type").asText() + ":" + r.path("id").asText()));
            recorded.add(key(f.path("code").asText(), f.path("start").asLong(),
                    f.path("end").isNull() ? Finding.OPEN : f.path("end").asLong(), resources, f.path("title").asText()));
        }
        assertFalse(recorded.isEmpty());
        assertEquals(String.join("\n", recorded), String.join("\n", found));
    }

    private static String key(String code, long start, long end, List<String> resources, String title) {
        return code + " " + start + ".." + end + " " + resources + " " + title;
    }
}
