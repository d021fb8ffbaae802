package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.bench.SyntheticEvents;
import dev.sluice.detect.DetectorSuite;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.S3Event;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checksums, the closing batch, validation of decoded rows, traces without checksums, and trace inputs. */
class TraceIntegrityTest {

    @TempDir
    Path dir;
    Path sample;
    byte[] bytes;
    List<Event> events;

    @BeforeEach
    void writeSample() throws Exception {
        SyntheticEvents source = new SyntheticEvents("i");
        events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            events.add(source.next());
        }
        sample = dir.resolve("sample.sluice");
        TraceFixtures.write(sample, TraceFixtures.run("i"), events, 500);
        bytes = Files.readAllBytes(sample);
    }

    private TraceException rejected(byte[] content) throws Exception {
        Path bad = dir.resolve("bad.sluice");
        Files.write(bad, content);
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.readAll(bad));
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("Exception") || e.getMessage().contains("null"), e.getMessage());
        return e;
    }

    @Test
    void aFlippedByteInABatchIsNamedWithItsBatchAndBytes() throws Exception {
        byte[] copy = bytes.clone();
        copy[bytes.length - 3_000] ^= 0x10;
        TraceException e = rejected(copy);
        assertTrue(e.getMessage().matches(".*record batch \\d+ \\(message \\d+ at byte \\d+\\), bytes \\d+ to \\d+, fails its checksum.*"),
                e.getMessage());
    }

    @Test
    void concatenatedTracesAreAnErrorNotTheFirstTrace() throws Exception {
        byte[] two = Arrays.copyOf(bytes, bytes.length * 2);
        System.arraycopy(bytes, 0, two, bytes.length, bytes.length);
        assertTrue(rejected(two).getMessage().contains("follow the end-of-stream marker"));
    }

    @Test
    void strayBytesAfterTheClosingBatchAreAnError() throws Exception {
        // the end-of-stream marker replaced by a few bytes: too short for a message, or zeros
        byte[] stray = Arrays.copyOf(bytes, bytes.length - 8 + 5);
        assertTrue(rejected(stray).getMessage().matches(".*: 5 bytes follow the closing batch at byte \\d+"),
                rejected(stray).getMessage());
        byte[] zeros = Arrays.copyOf(Arrays.copyOf(bytes, bytes.length - 8), bytes.length - 8 + 64);
        assertTrue(rejected(zeros).getMessage().contains("64 bytes follow the closing batch"), rejected(zeros).getMessage());
    }

    @Test
    void aTraceMissingItsLastBatchesButEndingCleanlyIsAnError() throws Exception {
        // drop the closing batch and the last record batch, then end the stream cleanly
        TraceContents whole = TraceReader.readAll(sample);
        assertEquals(TraceContents.Checksums.VERIFIED, whole.checksums());
        int closing = lastMessageStart(bytes);
        int lastBatch = lastMessageStart(Arrays.copyOf(bytes, closing));
        byte[] withoutLastBatch = Arrays.copyOf(bytes, lastBatch + 8);
        Arrays.fill(withoutLastBatch, lastBatch, lastBatch + 4, (byte) 0xFF);
        Arrays.fill(withoutLastBatch, lastBatch + 4, lastBatch + 8, (byte) 0);
        assertTrue(rejected(withoutLastBatch).getMessage().contains("without its closing batch"));
    }

    @Test
    void aCutTraceSaysWhereAndAtWhatRunTimeItEnds() throws Exception {
        Path cut = dir.resolve("cut.sluice");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 1_000));
        TraceContents c = TraceReader.readAll(cut);
        assertFalse(c.complete());
        assertTrue(c.warning().contains("incomplete") && c.warning().contains("run time"), c.warning());
        assertEquals(events.subList(0, c.events().size()), c.events());
    }

    @Test
    void aRowWithoutARequiredFieldIsACorruptBatch() throws Exception {
        List<Event> bad = new ArrayList<>(events.subList(0, 10));
        bad.add(new Event("i", 99, "t", 1, new S3Event.RequestCompleted(null, "r", S3Event.RequestOutcome.OK, 1, 1, null)));
        Path file = dir.resolve("invalid.sluice");
        TraceFixtures.write(file, TraceFixtures.run("i"), bad, 500);
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.readAll(file));
        assertEquals(file + ": record batch 1 (byte " + e.getMessage().replaceAll(".*\\(byte (\\d+)\\).*", "$1")
                + "), row 11: RequestCompleted.client is missing", e.getMessage());
    }

    @Test
    void formatOneTracesWithoutChecksumsStillLoad() throws Exception {
        Path legacy = dir.resolve("legacy.sluice");
        rewriteAsFormatOne(sample, legacy, Map.of(), root -> { });
        TraceContents c = TraceReader.readAll(legacy);
        assertTrue(c.complete(), c.warning());
        assertEquals(TraceContents.Checksums.ABSENT, c.checksums());
        assertEquals(events, c.events());
    }

    @Test
    void formatOneValuesThatCannotBeTheirTypeAreNamed() throws Exception {
        Path legacy = dir.resolve("legacy.sluice");
        // SyntheticEvents: row 1 is RequestStarted; n1 is rangeStart, a non-negative long
        rewriteAsFormatOne(sample, legacy, Map.of(), root -> ((BigIntVector) root.getVector("n1")).set(0, -7));
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.readAll(legacy));
        assertTrue(e.getMessage().endsWith("row 1: RequestStarted.rangeStart is -7 (must be 0 or more)"), e.getMessage());
    }

    @Test
    void anUnknownEnumIdIsACorruptRowNamingTheField() throws Exception {
        Path legacy = dir.resolve("legacy.sluice");
        // SyntheticEvents: row 3 is RequestCompleted; s3 is its outcome
        rewriteAsFormatOne(sample, legacy, Map.of(), root -> ((VarCharVector) root.getVector("s3"))
                .setSafe(2, "maybe".getBytes(StandardCharsets.UTF_8)));
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.readAll(legacy));
        assertTrue(e.getMessage().endsWith("row 3: RequestCompleted.outcome is 'maybe' (must be one of ok, failed, timeout)"),
                e.getMessage());
    }

    @Test
    void damagedMetadataJsonIsOneClearError() throws Exception {
        Path legacy = dir.resolve("legacy.sluice");
        rewriteAsFormatOne(sample, legacy, Map.of(TraceSchema.META_KINDS, "{\"RunStarted\": {\"engine\": \"app\", \"fie"), r -> { });
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.readAll(legacy));
        assertTrue(e.getMessage().contains("its kind table (sluice.kinds) is damaged: it is not valid JSON"), e.getMessage());

        rewriteAsFormatOne(sample, legacy, Map.of(TraceSchema.META_RUN, "{\"runId\": \"x\"}"), r -> { });
        e = assertThrows(TraceException.class, () -> TraceReader.readAll(legacy));
        assertTrue(e.getMessage().contains("its run description (sluice.run) is damaged: startedAt is missing"), e.getMessage());
    }

    @Test
    void textFromADamagedFileIsCutAndCleanedInTheMessage() throws Exception {
        Path legacy = dir.resolve("legacy.sluice");
        String hostile = "\\u001b[31m" + "K".repeat(10_000); // JSON's escape of ESC: the key holds a real ESC
        rewriteAsFormatOne(sample, legacy, Map.of(TraceSchema.META_KINDS, "{\"" + hostile + "\": {\"engine\": \"app\"}}"),
                r -> { });
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.readAll(legacy));
        assertTrue(e.getMessage().length() < legacy.toString().length() + 200, e.getMessage());
        assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getMessage());
        assertTrue(e.getMessage().contains("kind ?[31mKKK"), e.getMessage());
    }

    @Test
    void formatOneDamageNeverLeaksJavaNamesOrArrowDumps() throws Exception {
        Path legacy = dir.resolve("legacy.sluice");
        rewriteAsFormatOne(sample, legacy, Map.of(), r -> { });
        byte[] original = Files.readAllBytes(legacy);
        Random random = new Random(3);
        Path bad = dir.resolve("bad-legacy.sluice");
        for (int round = 0; round < 300; round++) {
            byte[] copy = original.clone();
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                copy[random.nextInt(copy.length)] ^= (byte) (1 + random.nextInt(255));
            }
            Files.write(bad, copy);
            try {
                DetectorSuite.evaluate(TraceReader.readAll(bad).events());
            } catch (TraceException e) {
                String m = e.getMessage();
                assertFalse(m.contains("\n") || m.matches(".*\\b(java|org)\\.[a-z].*") || m.matches(".*\\bnull\\b.*")
                        || m.contains("Exception") || m.contains("Memory was leaked"), "round " + round + ": " + m);
            }
        }
    }

    @Test
    void aTraceOnAStreamReadsLikeTheFile() throws Exception {
        TraceContents c = TraceReader.readAll(new ByteArrayInputStream(bytes), TraceReader.STDIN);
        assertEquals(events, c.events());
        TraceException e = assertThrows(TraceException.class,
                () -> TraceReader.readAll(new ByteArrayInputStream(new byte[0]), TraceReader.STDIN));
        assertEquals("-: not a Sluice trace: the file is empty", e.getMessage());
    }

    @Test
    void pipesDirectoriesAndDevicesAreRefusedWithoutOpeningThem() throws Exception {
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.readAll(dir));
        assertTrue(e.getMessage().endsWith("is a directory; give a .sluice file"), e.getMessage());
        e = assertThrows(TraceException.class, () -> TraceReader.readAll(Path.of("/dev/null")));
        assertTrue(e.getMessage().contains("is a device"), e.getMessage());
        Path fifo = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo is not available");
        e = assertThrows(TraceException.class, () -> TraceReader.readAll(fifo)); // would block if it opened the pipe
        assertEquals(fifo + ": is a named pipe; use `sluice check - < FILE` or a regular file", e.getMessage());
    }

    private static int lastMessageStart(byte[] b) {
        ByteBuffer view = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        int last = 0;
        while (pos + 8 <= b.length) {
            int metadataLength = view.getInt(pos + 4);
            if (metadataLength == 0) {
                break;
            }
            ByteBuffer meta = ByteBuffer.wrap(b, pos + 8, metadataLength).slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
            long body = Message.getRootAsMessage(meta).bodyLength();
            if (pos + 8 + metadataLength + body > b.length) {
                break;
            }
            last = pos;
            pos += 8 + metadataLength + (int) body;
        }
        return last;
    }

    private static void rewriteAsFormatOne(Path from, Path to, Map<String, String> metadata,
                                           Consumer<VectorSchemaRoot> firstBatch) throws Exception {
        TraceFixtures.rewriteAsFormatOne(from, to, metadata, firstBatch);
    }

    @Test
    void detectorsNeverSeeANoteWithoutText() throws Exception {
        List<Event> bad = List.of(new Event("i", 1, "t", 1, new AppEvent.Note(null)));
        Path file = dir.resolve("note.sluice");
        TraceFixtures.write(file, TraceFixtures.run("i"), bad, 10);
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.readAll(file));
        assertTrue(e.getMessage().endsWith("row 1: Note.text is missing"), e.getMessage());
    }

    @Test
    void detectorsNeverSeeAnEventWithoutThread() throws Exception {
        List<Event> bad = List.of(new Event("i", 1, null, 1, new AppEvent.Note("n")));
        Path file = dir.resolve("thread.sluice");
        TraceFixtures.write(file, TraceFixtures.run("i"), bad, 10);
        TraceException e = assertThrows(TraceException.class, () -> TraceReader.readAll(file));
        assertTrue(e.getMessage().endsWith("row 1: thread is missing"), e.getMessage());
    }
}
