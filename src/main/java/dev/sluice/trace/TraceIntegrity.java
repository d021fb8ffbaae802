package dev.sluice.trace;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.KeyValue;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowMessage;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The checksums of a format-2 trace (see {@code trace-format.md}, "Integrity").
 *
 * <p>The schema's metadata holds {@value TraceSchema#META_CHECKSUM}: CRC32C of a canonical text of
 * its columns and its other {@code sluice.*} metadata. Every dictionary and record batch message
 * holds {@value #MESSAGE_CRC} in the message's {@code custom_metadata} (generic Arrow readers ignore
 * it): CRC32C of the previous message's checksum, the message's header fields and its body bytes.
 * The chain makes a dropped, repeated, reordered or foreign batch fail like a flipped byte. The last
 * batch is an empty one marked {@value #MESSAGE_END} (the number of record batches before it), so
 * a trace that lost its tail but kept an end-of-stream marker cannot pass as complete.
 */
final class TraceIntegrity {

    static final String MESSAGE_CRC = "sluice.crc32c";
    static final String MESSAGE_END = "sluice.end";

    private TraceIntegrity() {
    }

    static String hex(int crc) {
        return String.format("%08x", crc);
    }

    /** The checksum a {@code sluice.*} hex value states, or null when it is not 8 hex digits. */
    static Integer parseHex(String value) {
        if (value == null || value.length() != 8) {
            return null;
        }
        for (int i = 0; i < 8; i++) {
            if (Character.digit(value.charAt(i), 16) < 0) {
                return null;
            }
        }
        return (int) Long.parseLong(value, 16);
    }

    /**
     * CRC32C of the schema's columns and metadata (except the checksum itself). A dictionary column
     * is described by its encoding, not its type, so that the in-memory schema (int16 indices) and
     * the schema on the wire (utf8 values) give the same checksum.
     */
    static int schemaChecksum(Schema schema) {
        StringBuilder s = new StringBuilder();
        describe(s, schema.getFields());
        Map<String, String> meta = new TreeMap<>(schema.getCustomMetadata() == null ? Map.of() : schema.getCustomMetadata());
        meta.remove(TraceSchema.META_CHECKSUM);
        meta.forEach((k, v) -> s.append("meta\u0000").append(k).append('\u0000').append(v).append('\u0001'));
        CRC32C crc = new CRC32C();
        crc.update(s.toString().getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    private static void describe(StringBuilder s, List<Field> fields) {
        s.append("fields\u0000").append(fields.size()).append('\u0001');
        for (Field f : fields) {
            s.append(f.getName()).append('\u0000').append(f.isNullable()).append('\u0000');
            if (f.getDictionary() != null) {
                s.append("dictionary ").append(f.getDictionary().getId()).append(' ')
                        .append(f.getDictionary().isOrdered()).append(' ').append(type(f.getDictionary().getIndexType()));
            } else {
                s.append(type(f.getType()));
            }
            new TreeMap<>(f.getMetadata()).forEach((k, v) -> s.append('\u0000').append(k).append('=').append(v));
            s.append('\u0001');
            describe(s, f.getChildren());
        }
    }

    private static String type(ArrowType t) {
        if (t instanceof ArrowType.Int i) {
            return "int" + i.getBitWidth() + (i.getIsSigned() ? "" : "u");
        }
        if (t instanceof ArrowType.Utf8) {
            return "utf8";
        }
        // no other type is valid in a trace; any rendering makes such a schema fail its checksum
        return t.getTypeID().name();
    }

    /**
     * Starts a message's checksum: the previous one, then every header field a reader uses to lay
     * out the body (version, type, body length, row count, nodes, buffers, compression).
     *
     * @throws IllegalArgumentException when the header cannot be read
     */
    static CRC32C startMessageChecksum(int previous, Message message) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        b.putInt(previous).putShort(message.version()).put(message.headerType()).putLong(message.bodyLength());
        flush(crc, b);
        RecordBatch batch;
        if (message.headerType() == MessageHeader.DictionaryBatch) {
            DictionaryBatch d = (DictionaryBatch) message.header(new DictionaryBatch());
            if (d == null) {
                throw new IllegalArgumentException("a dictionary batch without its header");
            }
            b.putLong(d.id()).put((byte) (d.isDelta() ? 1 : 0));
            flush(crc, b);
            batch = d.data();
        } else if (message.headerType() == MessageHeader.RecordBatch) {
            batch = (RecordBatch) message.header(new RecordBatch());
        } else {
            throw new IllegalArgumentException("not a batch");
        }
        if (batch == null) {
            throw new IllegalArgumentException("a batch without its header");
        }
        b.putLong(batch.length()).putInt(batch.nodesLength());
        flush(crc, b);
        FieldNode node = new FieldNode();
        for (int i = 0; i < batch.nodesLength(); i++) {
            batch.nodes(node, i);
            b.putLong(node.length()).putLong(node.nullCount());
            flush(crc, b);
        }
        b.putInt(batch.buffersLength());
        Buffer buffer = new Buffer();
        for (int i = 0; i < batch.buffersLength(); i++) {
            batch.buffers(buffer, i);
            b.putLong(buffer.offset()).putLong(buffer.length());
            flush(crc, b);
        }
        BodyCompression compression = batch.compression();
        b.put((byte) (compression == null ? 0 : 1));
        if (compression != null) {
            b.put(compression.codec()).put(compression.method());
        }
        b.putInt(batch.variadicBufferCountsLength());
        flush(crc, b);
        for (int i = 0; i < batch.variadicBufferCountsLength(); i++) {
            b.putLong(batch.variadicBufferCounts(i));
            flush(crc, b);
        }
        return crc;
    }

    private static void flush(CRC32C crc, ByteBuffer b) {
        b.flip();
        crc.update(b);
        b.clear();
    }

    /** A message's custom metadata value for {@code key}, or null. */
    static String customValue(Message message, String key) {
        KeyValue kv = new KeyValue();
        for (int i = 0; i < message.customMetadataLength(); i++) {
            message.customMetadata(kv, i);
            if (key.equals(kv.key())) {
                return kv.value();
            }
        }
        return null;
    }

    /**
     * An Arrow stream writer that adds the chained checksum to every dictionary and record batch
     * message. Arrow Java has no API for message {@code custom_metadata}, so this builds the message
     * flatbuffer itself; the framing and body are written exactly as {@code MessageSerializer} does.
     */
    static final class ChecksummedStreamWriter extends ArrowStreamWriter {
        private int previous;
        private int recordBatches;
        private boolean closing;

        ChecksummedStreamWriter(VectorSchemaRoot root, DictionaryProvider dictionaries, WritableByteChannel out,
                                int schemaChecksum, TraceCompression compression) {
            super(root, dictionaries, out, IpcOption.DEFAULT, TraceCodecs.INSTANCE, compression.codec());
            this.previous = schemaChecksum;
            this.fields = root.getSchema().getFields();
            this.allocator = root.getFieldVectors().get(0).getAllocator();
        }

        private final List<Field> fields;
        private final BufferAllocator allocator;

        private boolean abandoned;

        /** A write failed: close() releases memory but writes no end marker (the trace stays incomplete). */
        void abandon() {
            abandoned = true;
        }

        @Override
        protected void endInternal(WriteChannel out) throws IOException {
            if (!abandoned) {
                super.endInternal(out);
            }
        }

        private boolean fixedWritten;

        /**
         * Before each record batch: the fixed dictionaries (engine, kind) once, then each batch's own
         * dictionaries (format 3) every time, in id order. An empty one is skipped after the first
         * batch: its column is all null, so no index refers to whatever dictionary a reader holds (the
         * first batch has them all, as pyarrow wants every dictionary before the first batch). Arrow's
         * stream writer would compare every dictionary with a copy of the last one written instead.
         */
        @Override
        protected void ensureDictionariesWritten(DictionaryProvider provider, Set<Long> ids) throws IOException {
            for (long id : new TreeSet<>(ids)) {
                Dictionary d = provider.lookup(id);
                boolean write = TraceSchema.isFixedDictionary(id) ? !fixedWritten
                        : !fixedWritten || (!closing && d.getVector().getValueCount() > 0);
                if (write) {
                    writeDictionaryBatch(d);
                }
            }
            fixedWritten = true;
        }

        /** Writes the current (empty) root as the closing batch that marks the trace complete. */
        void writeClosingBatch() throws IOException {
            closing = true;
            writeBatch();
        }

        @Override
        protected ArrowBlock writeDictionaryBatch(ArrowDictionaryBatch batch) throws IOException {
            return write(batch, batch.getDictionary(), false);
        }

        @Override
        protected ArrowBlock writeRecordBatch(ArrowRecordBatch unloaded) throws IOException {
            ArrowRecordBatch batch = OmittedValidity.of(unloaded, fields, allocator);
            ArrowBlock block;
            try {
                block = write(batch, batch, closing);
            } finally {
                if (batch != unloaded) {
                    batch.close();
                }
            }
            if (!closing) {
                recordBatches++;
            }
            return block;
        }

        private ArrowBlock write(ArrowMessage message, ArrowRecordBatch data, boolean end) throws IOException {
            // the checksum covers the header fields as Arrow serializes them, then the body bytes
            Message standard = Message.getRootAsMessage(MessageSerializer.serializeMetadata(message, option));
            CRC32C crc = startMessageChecksum(previous, standard);
            long bodyLength = MessageSerializer.writeBatchBuffers(new WriteChannel(new CrcChannel(crc)), data);
            int checksum = (int) crc.getValue();
            previous = checksum;

            FlatBufferBuilder builder = new FlatBufferBuilder();
            int header = message.writeTo(builder);
            int[] entries = new int[end ? 2 : 1];
            entries[0] = KeyValue.createKeyValue(builder, builder.createString(MESSAGE_CRC), builder.createString(hex(checksum)));
            if (end) {
                entries[1] = KeyValue.createKeyValue(builder, builder.createString(MESSAGE_END),
                        builder.createString(Integer.toString(recordBatches)));
            }
            int custom = Message.createCustomMetadataVector(builder, entries);
            Message.startMessage(builder);
            Message.addHeaderType(builder, message.getMessageType());
            Message.addHeader(builder, header);
            Message.addVersion(builder, option.metadataVersion.toFlatbufID());
            Message.addBodyLength(builder, message.computeBodyLength());
            Message.addCustomMetadata(builder, custom);
            builder.finish(Message.endMessage(builder));
            ByteBuffer metadata = builder.dataBuffer();

            long start = out.getCurrentPosition();
            int metadataLength = metadata.remaining();
            int prefix = 8;
            int padding = (int) ((start + metadataLength + prefix) % 8);
            if (padding != 0) {
                metadataLength += 8 - padding;
            }
            out.writeIntLittleEndian(MessageSerializer.IPC_CONTINUATION_TOKEN);
            out.writeIntLittleEndian(metadataLength);
            out.write(metadata);
            out.align();
            long written = MessageSerializer.writeBatchBuffers(out, data);
            if (written != bodyLength) {
                throw new IOException("the batch body changed while it was written (" + bodyLength + " then " + written + " bytes)");
            }
            return new ArrowBlock(start, metadataLength + prefix, written);
        }
    }

    /** A channel that only feeds a checksum. */
    private static final class CrcChannel implements WritableByteChannel {
        private final CRC32C crc;

        CrcChannel(CRC32C crc) {
            this.crc = crc;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            crc.update(src);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
