package dev.sluice.scenario.delta;

import dev.sluice.event.EventBody;
import dev.sluice.event.EventCatalog;
import dev.sluice.event.EventKind;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The wire between a writer process and the run that started it: framed records on a loopback
 * socket. An event travels as its kind's name and its values in the catalog's stored form (the
 * same String/Long slots a trace row holds, {@link EventKind#values}), and is rebuilt with
 * {@link EventKind#create} after {@link EventKind#checkStored} — so a child cannot send what a trace
 * could not hold. Besides events: a hello, the gate of a lock-step commit, an acknowledgement.
 */
final class EventFrames {

    /** What a frame carries. */
    enum Type {
        /** child → parent: its writer name. */
        HELLO(1),
        /** child → parent: an event. */
        EVENT(2),
        /** child → parent: waits at a lock-step gate; the parent answers with one byte when all wait. */
        GATE(3),
        /** child → parent: a batch committed (batch id, version, data file). */
        ACK(4),
        /** child → parent: all batches done. */
        DONE(5);

        /** The byte on the wire (fixed, whatever the declaration order). */
        final int code;

        Type(int code) {
            this.code = code;
        }
    }

    private static final int TEXT = 1;
    private static final int NUMBER = 2;
    private static final int NONE = 0;

    private EventFrames() {
    }

    static void writeEvent(DataOutputStream out, EventBody body) throws IOException {
        EventKind kind = EventCatalog.of(body);
        Object[] values = kind.values(body);
        out.writeByte(Type.EVENT.code);
        out.writeUTF(kind.name());
        out.writeShort(values.length);
        for (Object v : values) {
            if (v == null) {
                out.writeByte(NONE);
            } else if (v instanceof String s) {
                out.writeByte(TEXT);
                out.writeUTF(s);
            } else {
                out.writeByte(NUMBER);
                out.writeLong((Long) v);
            }
        }
    }

    static void writeText(DataOutputStream out, Type type, String... texts) throws IOException {
        out.writeByte(type.code);
        for (String t : texts) {
            out.writeUTF(t);
        }
    }

    static Type readType(DataInputStream in) throws IOException {
        int t = in.readUnsignedByte();
        for (Type type : Type.values()) {
            if (type.code == t) {
                return type;
            }
        }
        throw new IOException("writer process sent frame type " + t + " (expected 1 to " + Type.values().length + ")");
    }

    /** Reads the rest of an EVENT frame; one line naming the kind and what is wrong when it is not a valid event. */
    static EventBody readEvent(DataInputStream in) throws IOException {
        String name = in.readUTF();
        EventKind kind = EventCatalog.byName(name);
        if (kind == null) {
            throw new IOException("writer process sent an event of unknown kind '" + name + "'");
        }
        int n = in.readUnsignedShort();
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            int tag = in.readUnsignedByte();
            values[i] = tag == TEXT ? in.readUTF() : tag == NUMBER ? (Object) in.readLong() : null;
        }
        String wrong = n == kind.fields().size() ? kind.checkStored(values) : name + " has " + n + " values, not "
                + kind.fields().size();
        if (wrong != null) {
            throw new IOException("writer process sent an invalid event: " + wrong);
        }
        return kind.create(values);
    }
}
