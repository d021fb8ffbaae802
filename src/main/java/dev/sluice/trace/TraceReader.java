package dev.sluice.trace;

import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import dev.sluice.event.FieldType;
import dev.sluice.event.RunInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Reads {@code .sluice} traces. A truncated file (a killed recorder) loads up to its last complete
 * batch and says so; a corrupt or foreign file gets one {@link TraceException} naming the file and
 * the problem. Nothing here can hang or allocate more than the file's size.
 */
public final class TraceReader {

    private TraceReader() {
    }

    /** Reads the whole trace into memory. */
    public static TraceContents readAll(Path file) throws TraceException {
        List<Event> events = new ArrayList<>();
        Outcome outcome = read(file, events::add);
        return new TraceContents(file, outcome.run, events, outcome.complete, outcome.warning);
    }

    private record Outcome(RunInfo run, boolean complete, String warning) { }

    /** Streams every event to {@code sink} in recorded order (no events if {@code sink} is null). */
    public static void forEach(Path file, Consumer<Event> sink) throws TraceException {
        read(file, sink);
    }

    private static Outcome read(Path file, Consumer<Event> sink) throws TraceException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            StreamFraming.Scan scan = StreamFraming.scan(channel);
            if (!scan.startsLikeArrow()) {
                throw new TraceException(file, "not a Sluice trace: " + scan.problem());
            }
            long limit = Math.max(64L << 20, scan.validEnd() * 2);
            try (BufferAllocator allocator = new RootAllocator(limit);
                 ArrowStreamReader reader = new ArrowStreamReader(new BoundedChannel(channel, scan.validEnd()), allocator)) {
                Schema schema = reader.getVectorSchemaRoot().getSchema();
                RunInfo run = runOf(file, schema);
                Decoder decoder = new Decoder(file, schema, run);
                int batches = 0;
                long rows = 0;
                while (readNext(reader, file, batches)) {
                    batches++;
                    if (sink != null) {
                        rows += decoder.decode(reader, sink);
                    }
                }
                String warning = null;
                if (scan.problem() != null || !scan.sawEnd()) {
                    warning = "the trace is incomplete (" + (scan.problem() == null ? "no end-of-stream marker"
                            : scan.problem()) + "); loaded " + batches + " complete batches"
                            + (sink == null ? "" : " (" + rows + " events)") + " up to byte " + scan.validEnd();
                }
                if (decoder.skipped > 0) {
                    String skippedNote = decoder.skipped + " events of kinds this Sluice does not know were skipped";
                    warning = warning == null ? skippedNote : warning + "; " + skippedNote;
                }
                return new Outcome(run, warning == null, warning);
            }
        } catch (TraceException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new TraceException(file, "no such file", e);
        } catch (IOException e) {
            throw new TraceException(file, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new TraceException(file, "corrupt trace: " + e, e);
        }
    }

    private static boolean readNext(ArrowStreamReader reader, Path file, int batches) throws TraceException {
        try {
            boolean loaded = reader.loadNextBatch();
            if (loaded) {
                // buffer sizes come from the file: check them before any value is read (text offsets
                // are checked per value by TextColumn, which is cheaper than validateFull's UTF-8 scan)
                for (FieldVector v : reader.getVectorSchemaRoot().getFieldVectors()) {
                    ValueVectorUtility.validate(v);
                }
            }
            return loaded;
        } catch (IOException | RuntimeException e) {
            throw new TraceException(file, "corrupt record batch " + (batches + 1) + ": " + e.getMessage(), e);
        }
    }

    private static RunInfo runOf(Path file, Schema schema) throws TraceException {
        Map<String, String> meta = schema.getCustomMetadata();
        String format = meta == null ? null : meta.get(TraceSchema.META_FORMAT);
        if (format == null) {
            throw new TraceException(file, "an Arrow stream, but not a Sluice trace (no " + TraceSchema.META_FORMAT
                    + " in its schema metadata)");
        }
        int version;
        try {
            version = Integer.parseInt(format);
        } catch (NumberFormatException e) {
            throw new TraceException(file, "unreadable trace format version '" + format + "'", e);
        }
        if (version > TraceSchema.FORMAT_VERSION) {
            throw new TraceException(file, "written by a newer Sluice (trace format " + version
                    + "; this version reads up to " + TraceSchema.FORMAT_VERSION + ")");
        }
        try {
            return TraceSchema.parseRun(meta.get(TraceSchema.META_RUN));
        } catch (Exception e) {
            throw new TraceException(file, "its run metadata is unreadable: " + e.getMessage(), e);
        }
    }

    /** Turns rows back into events, mapping the trace's slots onto this version's kinds by field name. */
    private static final class Decoder {
        private final String runId;
        private final EventKind[] kindByCode;
        private final int[][] slotsByCode;
        private final String[] engineNames;
        private final StringColumn thread = new StringColumn();
        private final StringColumn[] textColumns = new StringColumn[EventCatalog.TEXT_SLOTS];
        long skipped;

        Decoder(Path file, Schema schema, RunInfo run) throws TraceException {
            this.runId = run.runId();
            Map<String, Map<String, String>> declared;
            try {
                declared = TraceSchema.parseKinds(schema.getCustomMetadata().get(TraceSchema.META_KINDS));
            } catch (Exception e) {
                throw new TraceException(file, "its kind table is unreadable: " + e.getMessage(), e);
            }
            List<String> kindNames = new ArrayList<>(declared.keySet());
            kindByCode = new EventKind[kindNames.size()];
            slotsByCode = new int[kindNames.size()][];
            for (int code = 0; code < kindNames.size(); code++) {
                EventKind kind = EventCatalog.byName(kindNames.get(code));
                if (kind == null) {
                    continue;
                }
                kindByCode[code] = kind;
                Map<String, String> slots = declared.get(kindNames.get(code));
                int[] map = new int[kind.fields().size()];
                for (int i = 0; i < map.length; i++) {
                    EventKind.Field f = kind.fields().get(i);
                    String slot = slots.get(f.name());
                    map[i] = slot == null || slot.charAt(0) != (f.type() == FieldType.TEXT ? 's' : 'n')
                            ? -1 : Integer.parseInt(slot.substring(1)) - 1;
                }
                slotsByCode[code] = map;
            }
            engineNames = TraceSchema.engineDictionary().toArray(String[]::new);
            for (int i = 0; i < textColumns.length; i++) {
                textColumns[i] = new StringColumn();
            }
        }

        long decode(ArrowStreamReader reader, Consumer<Event> sink) throws IOException {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            int n = root.getRowCount();
            BigIntVector time = (BigIntVector) root.getVector(TraceSchema.TIME);
            SmallIntVector kind = (SmallIntVector) root.getVector(TraceSchema.KIND);
            VarCharVector threadVector = (VarCharVector) root.getVector(TraceSchema.THREAD);
            BigIntVector threadIds = (BigIntVector) root.getVector(TraceSchema.THREAD_ID);
            int[] codeMap = kindCodeMap(reader, root);
            VarCharVector[] text = new VarCharVector[EventCatalog.TEXT_SLOTS];
            BigIntVector[] integers = new BigIntVector[EventCatalog.INTEGER_SLOTS];
            for (int i = 0; i < text.length; i++) {
                FieldVector v = root.getVector(TraceSchema.textSlot(i));
                text[i] = v instanceof VarCharVector vc ? vc : null;
            }
            for (int i = 0; i < integers.length; i++) {
                FieldVector v = root.getVector(TraceSchema.integerSlot(i));
                integers[i] = v instanceof BigIntVector bv ? bv : null;
            }
            long emitted = 0;
            for (int row = 0; row < n; row++) {
                int index = kind.get(row);
                if (index < 0 || index >= codeMap.length) {
                    throw new IllegalArgumentException("row " + row + " has kind index " + index
                            + " outside the kind dictionary");
                }
                int code = codeMap[index];
                EventKind k = code < 0 ? null : kindByCode[code];
                if (k == null) {
                    skipped++;
                    continue;
                }
                int[] slots = slotsByCode[code];
                Object[] stored = new Object[slots.length];
                for (int i = 0; i < slots.length; i++) {
                    int slot = slots[i];
                    if (slot < 0) {
                        continue;
                    }
                    if (k.fields().get(i).type() == FieldType.TEXT) {
                        VarCharVector v = slot < text.length ? text[slot] : null;
                        stored[i] = v == null ? null : textColumns[slot].get(v, row);
                    } else {
                        BigIntVector v = slot < integers.length ? integers[slot] : null;
                        stored[i] = v == null || v.isNull(row) ? null : v.get(row);
                    }
                }
                EventBody body = k.create(stored);
                sink.accept(new Event(runId, time.get(row), thread.get(threadVector, row),
                        threadIds.isNull(row) ? 0 : threadIds.get(row), body));
                emitted++;
            }
            return emitted;
        }

        /** Maps this batch's kind dictionary indices to codes of the declared kind table. */
        private int[] kindCodeMap(ArrowStreamReader reader, VectorSchemaRoot root) throws IOException {
            long id = root.getSchema().findField(TraceSchema.KIND).getDictionary().getId();
            Dictionary dictionary = reader.getDictionaryVectors().get(id);
            VarCharVector values = (VarCharVector) dictionary.getVector();
            ValueVectorUtility.validateFull(values); // small: every kind name once
            int[] map = new int[values.getValueCount()];
            List<EventKind> known = Arrays.asList(kindByCode);
            for (int i = 0; i < map.length; i++) {
                String name = new String(values.get(i), StandardCharsets.UTF_8);
                map[i] = -1;
                for (int c = 0; c < known.size(); c++) {
                    if (known.get(c) != null && known.get(c).name().equals(name)) {
                        map[i] = c;
                    }
                }
            }
            return map;
        }
    }

    /**
     * Decodes a text column. Values repeat a lot (threads, clients, streams), so decoded strings are
     * kept in a small hash table keyed by their bytes, read straight from the Arrow buffer: a repeat
     * costs no allocation. Offsets come from the file and are checked before use.
     */
    private static final class StringColumn {
        private static final int SIZE = 1024;
        private final int[] hashes = new int[SIZE];
        private final byte[][] keys = new byte[SIZE][];
        private final String[] strings = new String[SIZE];
        private byte[] scratch = new byte[256];

        String get(VarCharVector v, int row) {
            if (v.isNull(row)) {
                return null;
            }
            ArrowBuf offsets = v.getOffsetBuffer();
            ArrowBuf data = v.getDataBuffer();
            int start = offsets.getInt((long) row * BaseVariableWidthVector.OFFSET_WIDTH);
            int end = offsets.getInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
            if (start < 0 || end < start || end > data.capacity()) {
                throw new IllegalArgumentException("text column " + v.getName() + " row " + row
                        + " has offsets " + start + ".." + end + " outside its " + data.capacity() + " bytes");
            }
            int length = end - start;
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            data.getBytes(start, scratch, 0, length); // one bounds check for the whole value
            int hash = length;
            for (int i = 0; i < length; i++) {
                hash = 31 * hash + scratch[i];
            }
            int slot = (hash ^ (hash >>> 16)) & (SIZE - 1);
            byte[] key = keys[slot];
            if (key != null && hashes[slot] == hash
                    && Arrays.equals(key, 0, key.length, scratch, 0, length)) {
                return strings[slot];
            }
            byte[] bytes = Arrays.copyOf(scratch, length);
            String s = new String(bytes, StandardCharsets.UTF_8);
            hashes[slot] = hash;
            keys[slot] = bytes;
            strings[slot] = s;
            return s;
        }

    }

    /** Exposes only the first {@code limit} bytes of the file, from its start. */
    private static final class BoundedChannel implements ReadableByteChannel {
        private final FileChannel channel;
        private final long limit;
        private long position;

        BoundedChannel(FileChannel channel, long limit) {
            this.channel = channel;
            this.limit = limit;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (position >= limit) {
                return -1;
            }
            int max = (int) Math.min(dst.remaining(), limit - position);
            ByteBuffer slice = dst.slice();
            slice.limit(max);
            int n = channel.read(slice, position);
            if (n > 0) {
                dst.position(dst.position() + n);
                position += n;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // the reader owns the FileChannel; closing happens there
        }
    }
}
