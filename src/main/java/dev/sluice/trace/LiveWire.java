package dev.sluice.trace;

import dev.sluice.event.Event;
import dev.sluice.event.EventBody;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import dev.sluice.event.FieldType;
import dev.sluice.event.RunInfo;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's live protocol ({@code listen=}), shared by the agent and the console's attached source
 * (here, beside the trace format, because both sides may use this package).
 * The console says hello (magic, version, token); the agent answers OK or a one-line refusal, then
 * sends the run, its table of event kinds (name and slot types, so a console of another version skips
 * kinds it does not know instead of misreading them), and frames: an event, a gap (events the agent no
 * longer held for a late console), the end. The event vocabulary is the trace's ({@link EventCatalog}),
 * so what arrives is what a trace would hold. Strings are length-prefixed UTF-8 (-1: null).
 */
public final class LiveWire {

    static final byte[] MAGIC = "SLUICE-LIVE\n".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final byte OK = 0;
    static final byte REFUSED = 1;
    static final byte EVENT = 1;
    static final byte GAP = 2;
    static final byte END = 3;
    /** Longest string either side accepts: longer is damage, never an allocation. */
    private static final int MAX_STRING = 1 << 20;

    private LiveWire() {
    }

    /** The console's hello: the token is the value it read from its own environment (empty: none). */
    public static void writeHello(DataOutputStream out, String token) throws IOException {
        out.write(MAGIC);
        out.writeInt(VERSION);
        writeString(out, token);
        out.flush();
    }

    /** The agent reads the hello and returns the token presented; null when it is not a Sluice console. */
    public static String readHello(DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!MessageDigest.isEqual(magic, MAGIC) || in.readInt() != VERSION) {
            return null;
        }
        return readString(in);
    }

    /** Whether the presented token matches (constant time); no token expected means any is accepted. */
    public static boolean tokenMatches(String expected, String presented) {
        return expected == null || MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                (presented == null ? "" : presented).getBytes(StandardCharsets.UTF_8));
    }

    public static void writeRefusal(DataOutputStream out, String why) throws IOException {
        out.writeByte(REFUSED);
        writeString(out, why);
        out.flush();
    }

    /** OK, the run, and the kind table. */
    public static void writeHeader(DataOutputStream out, RunInfo run) throws IOException {
        out.writeByte(OK);
        writeString(out, run.runId());
        writeString(out, run.scenario());
        out.writeInt(run.settings().size());
        for (Map.Entry<String, String> e : run.settings().entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
        Instant started = run.startedAt();
        out.writeLong(started.getEpochSecond());
        out.writeInt(started.getNano());
        writeString(out, run.sluiceVersion());
        List<EventKind> kinds = EventCatalog.kinds();
        out.writeInt(kinds.size());
        for (EventKind k : kinds) {
            writeString(out, k.name());
            writeString(out, signature(k));
        }
    }

    /** Appends one event frame. */
    public static void writeEvent(DataOutputStream out, Event e) throws IOException {
        EventKind k = EventCatalog.of(e.body());
        out.writeByte(EVENT);
        out.writeShort(EventCatalog.indexOf(e.body()));
        out.writeLong(e.timeNanos());
        writeString(out, e.thread());
        out.writeLong(e.threadId());
        Object[] values = k.values(e.body());
        List<EventKind.Field> fields = k.fields();
        for (int i = 0; i < values.length; i++) {
            if (fields.get(i).type() == FieldType.TEXT) {
                writeString(out, (String) values[i]);
            } else {
                out.writeLong((Long) values[i]);
            }
        }
    }

    public static void writeGap(DataOutputStream out, long missing) throws IOException {
        out.writeByte(GAP);
        out.writeLong(missing);
    }

    public static void writeEnd(DataOutputStream out) throws IOException {
        out.writeByte(END);
        out.flush();
    }

    /** "TTN…": the slot type of each field, in order. */
    private static String signature(EventKind k) {
        StringBuilder s = new StringBuilder();
        for (EventKind.Field f : k.fields()) {
            s.append(f.type() == FieldType.TEXT ? 'T' : 'N');
        }
        return s.toString();
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > MAX_STRING) {
            throw new Damage("a string of " + n + " bytes");
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The stream does not follow the protocol (one line: what was wrong). */
    public static final class Damage extends IOException {
        private static final long serialVersionUID = 1L;

        Damage(String what) {
            super("the agent's stream is damaged: " + what);
        }
    }

    /** The agent refused the console (a wrong or missing token): its one-line reason. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String why) {
            super(why);
        }
    }

    /** What a frame was; the reader's result for each call. */
    public enum Frame { EVENT, SKIPPED, GAP, END }

    /** The console's side: reads the header, then one frame per {@link #next()}. */
    public static final class Reader {
        private final DataInputStream in;
        private final RunInfo run;
        private final EventKind[] kinds;
        private final String[] signatures;
        private Event event;
        private long gap;
        private long skipped;

        /** Reads the agent's answer and header. */
        public Reader(DataInputStream in) throws IOException {
            this.in = in;
            byte answer = in.readByte();
            if (answer == REFUSED) {
                throw new Refused(readString(in));
            }
            if (answer != OK) {
                throw new Damage("answer " + answer + " to the hello");
            }
            String runId = readString(in);
            String scenario = readString(in);
            int settings = in.readInt();
            if (settings < 0 || settings > 10_000) {
                throw new Damage(settings + " run settings");
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < settings; i++) {
                map.put(readString(in), readString(in));
            }
            Instant started = Instant.ofEpochSecond(in.readLong(), in.readInt());
            String version = readString(in);
            if (runId == null || scenario == null || version == null || map.containsKey(null) || map.containsValue(null)) {
                throw new Damage("a run without its id, scenario, version or a setting's value");
            }
            this.run = new RunInfo(runId, scenario, map, started, version);
            int n = in.readInt();
            if (n < 0 || n > Short.MAX_VALUE) {
                throw new Damage(n + " event kinds");
            }
            kinds = new EventKind[n];
            signatures = new String[n];
            for (int i = 0; i < n; i++) {
                String name = readString(in);
                signatures[i] = readString(in);
                EventKind local = name == null ? null : EventCatalog.byName(name);
                // a kind this console reads differently (another version) is skipped, never misread
                kinds[i] = local != null && signature(local).equals(signatures[i]) ? local : null;
                if (signatures[i] == null || !signatures[i].matches("[TN]*")) {
                    throw new Damage("kind " + i + " has no slot types");
                }
            }
        }

        public RunInfo run() {
            return run;
        }

        /** The event of the last {@link Frame#EVENT}. */
        public Event event() {
            return event;
        }

        /** Events missing before the last {@link Frame#GAP}. */
        public long gap() {
            return gap;
        }

        /** Events of kinds this console does not know, skipped so far. */
        public long skipped() {
            return skipped;
        }

        /** Reads the next frame; an end of stream before {@link Frame#END} is an {@link EOFException}. */
        public Frame next() throws IOException {
            byte type = in.readByte();
            if (type == END) {
                return Frame.END;
            }
            if (type == GAP) {
                gap = in.readLong();
                return Frame.GAP;
            }
            if (type != EVENT) {
                throw new Damage("frame type " + type);
            }
            int index = in.readShort();
            if (index < 0 || index >= kinds.length) {
                throw new Damage("event kind " + index + " of " + kinds.length);
            }
            long time = in.readLong();
            String thread = readString(in);
            long threadId = in.readLong();
            String signature = signatures[index];
            Object[] values = new Object[signature.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = signature.charAt(i) == 'T' ? readString(in) : (Object) in.readLong();
            }
            EventKind kind = kinds[index];
            if (kind == null) {
                skipped++;
                return Frame.SKIPPED;
            }
            String invalid = kind.checkStored(values);
            if (invalid != null) {
                throw new Damage(invalid);
            }
            EventBody body = kind.create(values);
            event = new Event(run.runId(), time, thread, threadId, body);
            return Frame.EVENT;
        }
    }

    /** Events in the order given, each framed (the agent's listener encodes a batch once for every console). */
    public static byte[] encode(List<Event> batch) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream(64 * Math.max(1, batch.size()));
        DataOutputStream out = new DataOutputStream(bytes);
        for (Event e : batch) {
            writeEvent(out, e);
        }
        out.flush();
        return bytes.toByteArray();
    }
}
