package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class KindBuildersTest {

    @Test
    void theCheckedInBuildersAreThoseOfTheCurrentCatalog() throws Exception {
        assertEquals(KindBuildersSource.source(), Files.readString(KindBuildersSource.FILE, StandardCharsets.UTF_8),
                "KindBuilders.java is stale: run KindBuildersSource's main after changing an event record");
    }
}
