package dev.sluice.source.deltalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.cli.SluiceCommand;
import dev.sluice.event.DeltaEvent;
import dev.sluice.trace.TraceContents;
import dev.sluice.trace.TraceReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/** `sluice import TABLE -o OUT.sluice` and `sluice check TABLE` on a table's log, as a user runs them. */
class DeltaLogCliTest {

    private static final int COMMITS = 2000;

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) { }

    private static Run sluice(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void importWritesATraceOfEveryCommitAndCheckReadsTheTableDirectly(TestReporter report) throws Exception {
        HandMadeLog log = new HandMadeLog(dir.resolve("table")).appends(COMMITS - 1);
        Path trace = dir.resolve("history.sluice");
        long started = System.nanoTime();
        Run imported = sluice("import", log.table().toUri().toString(), "-o", trace.toString());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(0, imported.code(), imported::err);
        assertTrue(imported.out().contains("from Delta log"), imported::out);
        // the rate is a figure for the docs (in the test report), not a pass condition
        report.publishEntry("import rate", String.format("%d commits in %.2f s: %.0f commits/s", COMMITS, seconds,
                COMMITS / seconds));

        TraceContents contents = TraceReader.readAll(trace);
        assertEquals(COMMITS, contents.events().stream().filter(e -> e.body() instanceof DeltaEvent.CommitSucceeded).count());
        assertEquals("delta-log", contents.run().scenario());
        Run checked = sluice("check", log.table().toString());
        assertEquals(0, checked.code(), () -> checked.out() + checked.err());
        Run checkedTrace = sluice("check", trace.toString());
        assertEquals(0, checkedTrace.code(), () -> checkedTrace.out() + checkedTrace.err());
    }

    @Test
    void importOfALogWithAnUnreadableCommitSaysSoAndExitsIncomplete() throws Exception {
        HandMadeLog log = new HandMadeLog(dir.resolve("table")).appends(3);
        log.commit(1, "{not json");
        Run imported = sluice("import", log.table().toString(), "-o", dir.resolve("h.sluice").toString());
        assertEquals(3, imported.code(), imported::err);
        assertEquals("sluice import: " + log.table() + ": incomplete: commit v1 (00000000000000000001.json line 1: not JSON: "
                + "Unexpected character ('n' (code 110)): was expecting double-quote to start field name) is unreadable; "
                + "what it did to the table is unknown", imported.err().strip());
    }
}
