package dev.sluice.trace;

import dev.sluice.event.Engine;
import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import dev.sluice.event.FieldType;
import dev.sluice.event.RunInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code .sluice} traces. A truncated file (a killed recorder) loads up to its last complete
 * batch and says where it ends; a damaged or foreign file gets one {@link TraceException} naming the
 * file and the problem (and for a bad row: the batch, the row and the field). Every decoded event is
 * valid for its kind ({@link EventKind#checkStored}), so detectors never see an impossible one.
 * Nothing here can hang or allocate more than the file's size.
 */
public final class TraceReader {

    private static final Logger LOG = LoggerFactory.getLogger(TraceReader.class);
    /** The name a trace read from standard input goes by in messages. */
    public static final String STDIN = "-";
    private static final int DICTIONARIES = 2;
    /** The most `check -` copies from standard input before it refuses. */
    private static final long MAX_SPOOL = 4L << 30;

    private TraceReader() {
    }

    /** Reads the whole trace into memory. */
    public static TraceContents readAll(Path file) throws TraceException {
        checkReadable(file);
        List<Event> events = new ArrayList<>();
        Outcome outcome = read(file, file.toString(), events::add);
        return new TraceContents(file, outcome.run, events, outcome.complete, outcome.warning, outcome.checksums);
    }

    /**
     * Reads a whole trace from a stream (a pipe, standard input), named {@code displayName} in
     * messages. The stream is spooled to a temporary file first: decoding needs to seek.
     */
    public static TraceContents readAll(InputStream in, String displayName) throws TraceException {
        Path spool;
        try {
            spool = Files.createTempFile("sluice-trace-", ".sluice");
            spool.toFile().deleteOnExit(); // also when the JVM ends mid-copy (Ctrl-C)
        } catch (IOException e) {
            throw new TraceException(displayName, "cannot make a temporary file to hold it: " + reason(e), e);
        }
        try {
            try {
                long copied = 0;
                try (var out = Files.newOutputStream(spool)) {
                    byte[] buffer = new byte[1 << 16];
                    // one byte past the cap tells a too-large stream from one exactly at it
                    for (int n; copied <= MAX_SPOOL && (n = in.read(buffer)) > 0; copied += n) {
                        out.write(buffer, 0, n);
                    }
                }
                if (copied > MAX_SPOOL) {
                    throw new TraceException(displayName, "is larger than " + (MAX_SPOOL >> 30)
                            + " GiB, more than a trace on standard input may be; save it to a file and check that");
                }
            } catch (IOException e) {
                throw new TraceException(displayName, "cannot be read: " + reason(e), e);
            }
            List<Event> events = new ArrayList<>();
            Outcome outcome = read(spool, displayName, events::add);
            return new TraceContents(Path.of(displayName), outcome.run, events, outcome.complete, outcome.warning,
                    outcome.checksums);
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                LOG.warn("could not delete the temporary copy {} of {}: {}", spool, displayName, reason(e));
            }
        }
    }

    /**
     * Refuses, in one line, a path that is not a regular file: a named pipe (reading it could wait
     * forever for a writer), a directory, a device or a socket. Never opens the path.
     */
    public static void checkReadable(Path file) throws TraceException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new TraceException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new TraceException(file, "permission denied", e);
        } catch (IOException e) {
            throw new TraceException(file, "cannot be read: " + reason(e), e);
        }
        if (attributes.isRegularFile()) {
            return;
        }
        if (attributes.isDirectory()) {
            throw new TraceException(file, "is a directory; give a .sluice file");
        }
        String what = "is not a regular file";
        try {
            int type = ((Integer) Files.getAttribute(file, "unix:mode")) & 0170000;
            what = switch (type) {
                case 0010000 -> "is a named pipe";
                case 0020000, 0060000 -> "is a device";
                case 0140000 -> "is a socket";
                default -> what;
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.debug("no unix file type for {}", file, e); // the generic wording stays right
        }
        throw new TraceException(file, what + "; use `sluice check - < FILE` or a regular file");
    }

    /** Streams every event to {@code sink} in recorded order (no events if {@code sink} is null). */
    public static void forEach(Path file, Consumer<Event> sink) throws TraceException {
        checkReadable(file);
        read(file, file.toString(), sink);
    }

    private record Outcome(RunInfo run, boolean complete, String warning, TraceContents.Checksums checksums) { }

    private static Outcome read(Path file, String name, Consumer<Event> sink) throws TraceException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new TraceException(name, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new TraceException(name, "permission denied", e);
        } catch (IOException e) {
            throw new TraceException(name, "cannot be opened: " + reason(e), e);
        }
        try (channel) {
            StreamFraming.Scan scan;
            try {
                scan = StreamFraming.scan(channel);
            } catch (StreamFraming.Damage d) {
                throw new TraceException(name, d.getMessage(), d);
            }
            if (!scan.complete() && scan.recordBatches() == 0 && scan.dictionaries() < DICTIONARIES) {
                throw new TraceException(name, "the trace is cut short inside its header (" + scan.truncation()
                        + "); it holds no events");
            }
            return decode(channel, scan, name, sink);
        } catch (IOException e) {
            throw new TraceException(name, "cannot be read: " + reason(e), e);
        }
    }

    private static Outcome decode(FileChannel channel, StreamFraming.Scan scan, String name, Consumer<Event> sink)
            throws TraceException {
        long limit = Math.max(64L << 20, scan.validEnd() * 2);
        BufferAllocator allocator = new RootAllocator(limit);
        ArrowStreamReader reader = null;
        TraceException failure = null;
        try {
            reader = new ArrowStreamReader(new BoundedChannel(channel, scan.validEnd()), allocator);
            Schema schema;
            try {
                schema = reader.getVectorSchemaRoot().getSchema();
            } catch (IOException | RuntimeException | StackOverflowError e) {
                throw new TraceException(name, "its schema (byte 0) is unreadable", e);
            }
            RunInfo run = runOf(name, schema);
            Decoder decoder = new Decoder(name, schema, run);
            int batches = 0;
            long rows = 0;
            long lastTime = 0;
            while (readNext(reader, name, scan, batches)) {
                if (reader.getVectorSchemaRoot().getRowCount() == 0 && batches == scan.recordBatches()) {
                    break; // the closing batch
                }
                batches++;
                if (sink != null) {
                    long[] stats = decoder.decode(reader, sink, batches, scan.offsetOf(batches));
                    rows += stats[0];
                    lastTime = Math.max(lastTime, stats[1]);
                }
            }
            String warning = null;
            if (!scan.complete()) {
                warning = "the trace is incomplete (" + scan.truncation() + "); loaded " + batches + " complete batches"
                        + (sink == null ? "" : " (" + rows + " events, up to run time " + seconds(lastTime) + ")")
                        + " up to byte " + scan.validEnd();
            }
            if (decoder.skipped > 0) {
                String skippedNote = decoder.skipped + " events of kinds this Sluice does not know were skipped";
                warning = warning == null ? skippedNote : warning + "; " + skippedNote;
            }
            // skipped kinds of a newer Sluice leave the trace complete: only the warning says so
            return new Outcome(run, scan.complete(), warning,
                    scan.checksummed() ? TraceContents.Checksums.VERIFIED : TraceContents.Checksums.ABSENT);
        } catch (TraceException e) {
            failure = e;
            throw e;
        } catch (IOException e) {
            failure = new TraceException(name, "cannot be read: " + reason(e), e);
            throw failure;
        } finally {
            release(reader, allocator, failure, name);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /**
     * Closes the reader (its vectors and dictionaries), then the allocator. Arrow leaves a damaged
     * batch's buffers allocated when it fails half way, so after a failure the allocator's leak
     * report is expected: it goes with the failure (for --verbose), never into its message.
     */
    private static void release(ArrowStreamReader reader, BufferAllocator allocator, TraceException failure, String name) {
        List<Exception> problems = new ArrayList<>();
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException | RuntimeException e) {
                problems.add(e);
            }
        }
        try {
            allocator.close();
        } catch (RuntimeException e) {
            problems.add(e);
        }
        for (Exception p : problems) {
            if (failure != null) {
                failure.addSuppressed(p);
            } else {
                LOG.warn("reading {} did not release all Arrow memory", name, p);
            }
        }
    }

    private static boolean readNext(ArrowStreamReader reader, String name, StreamFraming.Scan scan, int batches)
            throws TraceException {
        try {
            boolean loaded = reader.loadNextBatch();
            if (loaded) {
                // buffer sizes come from the file: check them before any value is read (text offsets
                // are checked per value by StringColumn, which is cheaper than validateFull's UTF-8 scan)
                for (FieldVector v : reader.getVectorSchemaRoot().getFieldVectors()) {
                    ValueVectorUtility.validate(v);
                }
            }
            return loaded;
        } catch (IOException | RuntimeException e) {
            throw new TraceException(name, "record batch " + (batches + 1) + at(scan.offsetOf(batches + 1))
                    + " is damaged: its buffers do not match its declared layout", e);
        }
    }

    private static String at(long offset) {
        return offset < 0 ? "" : " (byte " + offset + ")";
    }

    private static RunInfo runOf(String name, Schema schema) throws TraceException {
        Map<String, String> meta = schema.getCustomMetadata();
        String format = meta == null ? null : meta.get(TraceSchema.META_FORMAT);
        if (format == null) {
            throw new TraceException(name, "an Arrow stream, but not a Sluice trace (no " + TraceSchema.META_FORMAT
                    + " in its schema metadata)");
        }
        if (!format.matches("[1-9][0-9]{0,8}")) {
            throw new TraceException(name, "unreadable trace format version '" + printable(format) + "'");
        }
        int version = Integer.parseInt(format);
        if (version > TraceSchema.FORMAT_VERSION) {
            throw new TraceException(name, "written by a newer Sluice (trace format " + version
                    + "; this version reads up to " + TraceSchema.FORMAT_VERSION + ")");
        }
        try {
            return TraceSchema.parseRun(meta.get(TraceSchema.META_RUN));
        } catch (IllegalArgumentException e) {
            throw new TraceException(name, "its run description (" + TraceSchema.META_RUN + ") is damaged: "
                    + e.getMessage(), e);
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** A row that cannot be an event; the message says which field and why. */
    private static final class CorruptRow extends Exception {
        CorruptRow(String problem) {
            super(problem);
        }
    }

    /** Turns rows back into events, mapping the trace's slots onto this version's kinds by field name. */
    private static final class Decoder {
        private final String name;
        private final String runId;
        private final EventKind[] kindByCode;
        private final int[][] slotsByCode;
        private final StringColumn thread = new StringColumn();
        private final StringColumn[] textColumns = new StringColumn[EventCatalog.TEXT_SLOTS];
        /** Built from the first record batch: the framing refuses dictionaries after it, so they never change. */
        private int[] codeMap;
        private Engine[] engines;
        long skipped;

        Decoder(String name, Schema schema, RunInfo run) throws TraceException {
            this.name = name;
            this.runId = run.runId();
            Map<String, TraceSchema.DeclaredKind> declared;
            try {
                declared = TraceSchema.parseKinds(schema.getCustomMetadata().get(TraceSchema.META_KINDS));
            } catch (IllegalArgumentException e) {
                throw new TraceException(name, "its kind table (" + TraceSchema.META_KINDS + ") is damaged: "
                        + e.getMessage(), e);
            }
            List<String> kindNames = new ArrayList<>(declared.keySet());
            kindByCode = new EventKind[kindNames.size()];
            slotsByCode = new int[kindNames.size()][];
            for (int code = 0; code < kindNames.size(); code++) {
                EventKind kind = EventCatalog.byName(kindNames.get(code));
                if (kind == null) {
                    continue;
                }
                TraceSchema.DeclaredKind d = declared.get(kindNames.get(code));
                if (!kind.engine().id().equals(d.engine())) {
                    throw new TraceException(name, "its kind table (" + TraceSchema.META_KINDS + ") is damaged: "
                            + kind.name() + " is listed under engine '" + printable(d.engine()) + "', not "
                            + kind.engine().id());
                }
                kindByCode[code] = kind;
                int[] map = new int[kind.fields().size()];
                for (int i = 0; i < map.length; i++) {
                    EventKind.Field f = kind.fields().get(i);
                    String slot = d.fields().get(f.name());
                    if (slot == null) {
                        map[i] = -1; // an older Sluice's kind without this field
                        continue;
                    }
                    int index = Integer.parseInt(slot.substring(1)) - 1; // parseKinds checked the form
                    boolean text = slot.charAt(0) == 's';
                    if (text != (f.type() == FieldType.TEXT)
                            || index >= (text ? EventCatalog.TEXT_SLOTS : EventCatalog.INTEGER_SLOTS)) {
                        throw new TraceException(name, "its kind table (" + TraceSchema.META_KINDS + ") is damaged: "
                                + kind.name() + "." + f.name() + " is in slot " + slot + ", which cannot hold "
                                + (f.type() == FieldType.TEXT ? "text" : "a number"));
                    }
                    map[i] = index;
                }
                slotsByCode[code] = map;
            }
            for (int i = 0; i < textColumns.length; i++) {
                textColumns[i] = new StringColumn();
            }
        }

        /** Decodes one batch; returns {events emitted, latest run time}. */
        long[] decode(ArrowStreamReader reader, Consumer<Event> sink, int batch, long offset)
                throws TraceException, IOException {
            int row = -1;
            try {
                VectorSchemaRoot root = reader.getVectorSchemaRoot();
                int n = root.getRowCount();
                BigIntVector time = column(root, TraceSchema.TIME, BigIntVector.class);
                SmallIntVector kind = column(root, TraceSchema.KIND, SmallIntVector.class);
                SmallIntVector engine = column(root, TraceSchema.ENGINE, SmallIntVector.class);
                VarCharVector threadVector = column(root, TraceSchema.THREAD, VarCharVector.class);
                BigIntVector threadIds = column(root, TraceSchema.THREAD_ID, BigIntVector.class);
                if (codeMap == null) {
                    codeMap = kindCodeMap(reader, root);
                    engines = engineMap(reader, root);
                }
                VarCharVector[] text = new VarCharVector[EventCatalog.TEXT_SLOTS];
                BigIntVector[] integers = new BigIntVector[EventCatalog.INTEGER_SLOTS];
                for (int i = 0; i < text.length; i++) {
                    text[i] = optionalColumn(root, TraceSchema.textSlot(i), VarCharVector.class);
                }
                for (int i = 0; i < integers.length; i++) {
                    integers[i] = optionalColumn(root, TraceSchema.integerSlot(i), BigIntVector.class);
                }
                long emitted = 0;
                long latest = 0;
                for (row = 0; row < n; row++) {
                    if (kind.isNull(row)) {
                        throw new CorruptRow("kind is missing");
                    }
                    int index = kind.get(row);
                    if (index < 0 || index >= codeMap.length) {
                        throw new CorruptRow("kind index " + index + " is outside the kind dictionary");
                    }
                    int code = codeMap[index];
                    EventKind k = code < 0 ? null : kindByCode[code];
                    if (k == null) {
                        skipped++;
                        continue;
                    }
                    if (engine.isNull(row) || engine.get(row) < 0 || engine.get(row) >= engines.length
                            || engines[engine.get(row)] != k.engine()) {
                        throw new CorruptRow("engine does not match kind " + k.name());
                    }
                    if (time.isNull(row)) {
                        throw new CorruptRow(TraceSchema.TIME + " is missing");
                    }
                    if (threadVector.isNull(row)) {
                        throw new CorruptRow("thread is missing"); // detectors and models key on it
                    }
                    long t = time.get(row);
                    long threadId = threadIds.isNull(row) ? 0 : threadIds.get(row);
                    if (t < 0 || threadId < 0) {
                        throw new CorruptRow(t < 0 ? TraceSchema.TIME + " is " + t + " (must be 0 or more)"
                                : TraceSchema.THREAD_ID + " is " + threadId + " (must be 0 or more)");
                    }
                    int[] slots = slotsByCode[code];
                    Object[] stored = new Object[slots.length];
                    for (int i = 0; i < slots.length; i++) {
                        int slot = slots[i];
                        EventKind.Field f = k.fields().get(i);
                        if (slot < 0) {
                            // a field the trace's Sluice did not have: empty text or 0, never null
                            stored[i] = f.type() == FieldType.TEXT ? (f.nullable() ? null : "") : 0L;
                        } else if (f.type() == FieldType.TEXT) {
                            VarCharVector v = text[slot];
                            stored[i] = v == null ? null : textColumns[slot].get(v, row);
                        } else {
                            BigIntVector v = integers[slot];
                            stored[i] = v == null || v.isNull(row) ? null : v.get(row);
                        }
                    }
                    String problem = k.checkStored(stored);
                    if (problem != null) {
                        throw new CorruptRow(problem);
                    }
                    EventBody body = k.create(stored);
                    sink.accept(new Event(runId, t, thread.get(threadVector, row), threadId, body));
                    emitted++;
                    latest = Math.max(latest, t);
                }
                return new long[] {emitted, latest};
            } catch (CorruptRow e) {
                throw new TraceException(name, "record batch " + batch + at(offset)
                        + (row >= 0 ? ", row " + (row + 1) : "") + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                // Arrow's own bounds checks on a damaged buffer of a trace without checksums
                throw new TraceException(name, "record batch " + batch + at(offset)
                        + (row >= 0 ? ", row " + (row + 1) : "") + " cannot be decoded: its buffers are damaged", e);
            }
        }

        private static <T> T column(VectorSchemaRoot root, String name, Class<T> type) throws CorruptRow {
            T v = optionalColumn(root, name, type);
            if (v == null) {
                throw new CorruptRow("column " + name + " is missing or has the wrong type");
            }
            return v;
        }

        private static <T> T optionalColumn(VectorSchemaRoot root, String name, Class<T> type) {
            FieldVector v = root.getVector(name);
            return type.isInstance(v) ? type.cast(v) : null;
        }

        private static VarCharVector dictionary(ArrowStreamReader reader, VectorSchemaRoot root, String column)
                throws CorruptRow, IOException {
            org.apache.arrow.vector.types.pojo.Field field = root.getSchema().findField(column);
            Dictionary dictionary = field.getDictionary() == null ? null
                    : reader.getDictionaryVectors().get(field.getDictionary().getId());
            if (dictionary == null || !(dictionary.getVector() instanceof VarCharVector values)) {
                throw new CorruptRow("the " + column + " dictionary is missing or is not text");
            }
            try {
                ValueVectorUtility.validateFull(values); // small: every name once
            } catch (RuntimeException e) {
                throw new CorruptRow("the " + column + " dictionary is damaged");
            }
            return values;
        }

        /** Maps this batch's kind dictionary indices to codes of the declared kind table. */
        private int[] kindCodeMap(ArrowStreamReader reader, VectorSchemaRoot root) throws CorruptRow, IOException {
            VarCharVector values = dictionary(reader, root, TraceSchema.KIND);
            int[] map = new int[values.getValueCount()];
            Map<String, Integer> codeOfName = new HashMap<>();
            for (int c = 0; c < kindByCode.length; c++) {
                if (kindByCode[c] != null) {
                    codeOfName.putIfAbsent(kindByCode[c].name(), c);
                }
            }
            for (int i = 0; i < map.length; i++) {
                map[i] = values.isNull(i) ? -1
                        : codeOfName.getOrDefault(new String(values.get(i), StandardCharsets.UTF_8), -1);
            }
            return map;
        }

        /** This batch's engine dictionary as engines (null for a name this Sluice does not know). */
        private static Engine[] engineMap(ArrowStreamReader reader, VectorSchemaRoot root) throws CorruptRow, IOException {
            VarCharVector values = dictionary(reader, root, TraceSchema.ENGINE);
            Engine[] map = new Engine[values.getValueCount()];
            for (int i = 0; i < map.length; i++) {
                String id = values.isNull(i) ? "" : new String(values.get(i), StandardCharsets.UTF_8);
                for (Engine e : Engine.values()) {
                    if (e.id().equals(id)) {
                        map[i] = e;
                    }
                }
            }
            return map;
        }
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return m == null || m.isBlank() ? "an input/output error" : m;
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

        String get(VarCharVector v, int row) throws CorruptRow {
            if (v.isNull(row)) {
                return null;
            }
            ArrowBuf offsets = v.getOffsetBuffer();
            ArrowBuf data = v.getDataBuffer();
            int start = offsets.getInt((long) row * BaseVariableWidthVector.OFFSET_WIDTH);
            int end = offsets.getInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
            if (start < 0 || end < start || end > data.capacity()) {
                throw new CorruptRow("text column " + v.getName() + " has offsets " + start + ".." + end
                        + " outside its " + data.capacity() + " bytes");
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
