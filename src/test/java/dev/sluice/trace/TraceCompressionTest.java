package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.bench.SyntheticEvents;
import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Body compression: each codec round-trips, damage is one clear line, and plain Arrow Java reads it with the factory. */
class TraceCompressionTest {

    @TempDir
    Path dir;

    private static List<Event> events() {
        SyntheticEvents source = new SyntheticEvents("z");
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            events.add(source.next());
        }
        events.add(new Event("z", 20_000_000, "main", 1, new AppEvent.Note("ünïcødé ✓")));
        return events;
    }

    private Path write(TraceCompression compression, List<Event> events) throws Exception {
        Path file = dir.resolve(compression.id() + ".sluice");
        TraceWriter writer = new TraceWriter(file, compression);
        writer.open(TraceFixtures.run("z"));
        for (int from = 0; from < events.size(); from += 5_000) {
            writer.accept(events.subList(from, Math.min(events.size(), from + 5_000)));
            writer.flushNow();
        }
        writer.close();
        return file;
    }

    @ParameterizedTest
    @EnumSource(TraceCompression.class)
    void eachCodecRoundTrips(TraceCompression compression) throws Exception {
        List<Event> events = events();
        Path file = write(compression, events);

        TraceContents back = TraceReader.readAll(file);
        assertTrue(back.complete());
        assertNull(back.warning());
        assertEquals(events, back.events());
        if (compression != TraceCompression.NONE) {
            long plain = Files.size(write(TraceCompression.NONE, events));
            assertTrue(Files.size(file) < plain * 0.8, compression + ": " + Files.size(file) + " of " + plain + " bytes");
        }
    }

    /**
     * Bytes flipped across the whole file (bodies and headers): each copy is one clear line, or (a flip
     * in padding no reader looks at) the original events, never other events.
     */
    @ParameterizedTest
    @EnumSource(value = TraceCompression.class, names = {"LZ4", "ZSTD"})
    void aDamagedCompressedBodyIsOneClearError(TraceCompression compression) throws Exception {
        List<Event> events = events();
        Path original = write(compression, events);
        long size = Files.size(original);
        int checksumFailures = 0;
        for (int k = 1; k <= 16; k++) {
            Path file = dir.resolve("damaged-" + k + ".sluice");
            Files.copy(original, file);
            long at = size * k / 18; // spread over the file, clear of the schema at its start and the end marker
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.seek(at);
                int b = f.read();
                f.seek(at);
                f.write(b ^ 0x5A);
            }
            TraceException e;
            try {
                assertEquals(events, TraceReader.readAll(file).events(), "byte " + at);
                continue;
            } catch (TraceException damaged) {
                e = damaged;
            }
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            checksumFailures += e.getMessage().contains("fails its checksum") ? 1 : 0;
        }
        assertTrue(checksumFailures > 0, "no flip landed in a compressed body");
    }

    @ParameterizedTest
    @EnumSource(value = TraceCompression.class, names = {"LZ4", "ZSTD"})
    void aGenericArrowJavaReaderReadsItWithTheFactory(TraceCompression compression) throws Exception {
        List<Event> events = events();
        Path file = write(compression, events);
        int row = 0;
        try (BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(Files.newInputStream(file), allocator, TraceCodecs.INSTANCE)) {
            while (reader.loadNextBatch()) {
                // format 4: run time = t_base (a batch dictionary, int8 indices) + t_off
                TinyIntVector base = (TinyIntVector) reader.getVectorSchemaRoot().getVector("t_base");
                BigIntVector bases = (BigIntVector) reader.getDictionaryVectors().get(base.getField().getDictionary().getId()).getVector();
                IntVector offset = (IntVector) reader.getVectorSchemaRoot().getVector("t_off");
                for (int i = 0; i < offset.getValueCount(); i++, row++) {
                    assertEquals(events.get(row).timeNanos(), bases.get(base.get(i)) + offset.get(i));
                }
            }
        }
        assertEquals(events.size(), row);
    }

    /** A buffer that passed its checksum but does not decompress (a crafted file) is refused, never read as something. */
    @ParameterizedTest
    @EnumSource(value = TraceCompression.class, names = {"LZ4", "ZSTD"})
    void aCodecRefusesABufferThatDoesNotDecompress(TraceCompression compression) {
        CompressionCodec codec = TraceCodecs.INSTANCE.createCodec(compression.codec());
        try (BufferAllocator allocator = new RootAllocator()) {
            ArrowBuf bad = allocator.buffer(32);
            bad.setLong(0, 1000); // claims 1,000 bytes uncompressed
            for (int i = 8; i < 32; i++) {
                bad.setByte(i, i * 7);
            }
            bad.writerIndex(32);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.decompress(allocator, bad));
            assertTrue(e.getMessage().contains("damaged"), e.getMessage());
            bad.close(); // a codec that fails leaves the buffer to its owner

            ArrowBuf huge = allocator.buffer(16);
            huge.setLong(0, 1L << 40);
            huge.writerIndex(16);
            e = assertThrows(IllegalArgumentException.class, () -> codec.decompress(allocator, huge));
            assertTrue(e.getMessage().contains("at most"), e.getMessage());
            huge.close();
            assertEquals(CompressionUtil.CodecType.NO_COMPRESSION, TraceCodecs.INSTANCE.createCodec(CompressionUtil.CodecType.NO_COMPRESSION).getCodecType());
        }
    }
}
