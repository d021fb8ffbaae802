package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.bench.SyntheticEvents;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.trace.TraceReader;
import dev.sluice.trace.TraceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --compress}: an imported trace is compressed, reads back the same and checks as before; an unknown codec is one line. */
class CompressOptionTest {

    @TempDir
    Path dir;

    @Test
    void importCompressesAndCheckReadsItTransparently() throws Exception {
        SyntheticEvents source = new SyntheticEvents("c");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 8_000; i++) {
            events.add(source.next());
        }
        Path plain = dir.resolve("plain.sluice");
        TraceWriter writer = new TraceWriter(plain);
        writer.open(new RunInfo("c", "fixture", Map.of(), Instant.parse("2026-11-22T10:00:00Z"), "test"));
        writer.accept(events);
        writer.close();

        Path zstd = dir.resolve("z.sluice");
        CliRun imported = CliRun.sluice("import", plain.toString(), "-o", zstd.toString(), "--compress", "zstd");
        assertEquals(0, imported.code(), imported.err());
        assertTrue(Files.size(zstd) < Files.size(plain) / 2, Files.size(zstd) + " of " + Files.size(plain) + " bytes");
        assertEquals(events, TraceReader.readAll(zstd).events());

        CliRun plainCheck = CliRun.sluice("check", plain.toString());
        CliRun zstdCheck = CliRun.sluice("check", zstd.toString());
        assertEquals(plainCheck.code(), zstdCheck.code(), zstdCheck.err());
        assertEquals(plainCheck.out().lines().count(), zstdCheck.out().lines().count(), zstdCheck.out());
    }

    @Test
    void anUnknownCodecIsOneLineNamingWhatIsAccepted() {
        CliRun run = CliRun.sluice("import", "x.sluice", "-o", dir.resolve("y.sluice").toString(), "--compress", "gzip");
        assertTrue(run.code() != 0, run.err());
        assertTrue(run.err().contains("unknown trace compression 'gzip' (accepted: none, lz4, zstd)"), run.err());
    }
}
