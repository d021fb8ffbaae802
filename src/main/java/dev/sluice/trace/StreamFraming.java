package dev.sluice.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Walks the message framing of an Arrow IPC stream before Arrow decodes anything: a truncated file
 * is cut at its last complete message; damage (bad framing, a failed checksum, bytes after the end)
 * is a {@link Damage} naming the message and its byte offset; and Arrow is never asked to allocate a
 * length read from garbage. Checksums are verified here (see {@link TraceIntegrity}).
 */
final class StreamFraming {

    private static final int CONTINUATION = 0xFFFFFFFF;
    private static final int MAX_METADATA = 64 << 20;
    private static final int CHUNK = 256 << 10;

    /**
     * @param validEnd      byte offset after the last complete message Arrow may read
     * @param recordBatches record batches with events (the closing batch not counted)
     * @param batchOffsets  byte offset of each of those record batches
     * @param dictionaries  complete dictionary batches
     * @param checksummed   whether the trace carries checksums (format 2), all of them verified
     * @param complete      whether the trace has its end: the closing batch (format 2) or the
     *                      end-of-stream marker (format 1)
     * @param truncation    where and how an incomplete file ends (null when complete)
     */
    record Scan(long validEnd, int recordBatches, List<Long> batchOffsets, int dictionaries, boolean checksummed,
                boolean complete, String truncation) {

        /** Byte offset of record batch {@code number} (1-based), or -1. */
        long offsetOf(int number) {
            return number >= 1 && number <= batchOffsets.size() ? batchOffsets.get(number - 1) : -1;
        }
    }

    /** The file is not a trace, or is damaged: {@code problem} says what and where, in the user's words. */
    static final class Damage extends Exception {
        Damage(String problem) {
            super(problem);
        }
    }

    private StreamFraming() {
    }

    static Scan scan(FileChannel channel) throws IOException, Damage {
        long size = channel.size();
        long pos = 0;
        int messages = 0;
        int dictionaries = 0;
        List<Long> batchOffsets = new ArrayList<>();
        boolean checksummed = false;
        boolean batchDictionaries = false;
        int previous = 0;
        boolean closed = false;
        long closedAt = -1;
        boolean sawEnd = false;
        String truncation = null;
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
        while (true) {
            String where = "message " + (messages + 1) + " at byte " + pos;
            if (pos == size) {
                if (messages == 0) {
                    throw new Damage("not a Sluice trace: the file is empty");
                }
                if (!closed) {
                    truncation = "it ends after " + describe(messages, batchOffsets.size()) + " at byte " + pos
                            + ", with no end-of-stream marker";
                }
                break;
            }
            if (size - pos < 8) {
                if (messages == 0) {
                    throw new Damage("not a Sluice trace: it is only " + size + " bytes long");
                }
                truncation = "it ends inside " + where;
                break;
            }
            prefix.clear();
            readFully(channel, prefix, pos);
            prefix.flip();
            int marker = prefix.getInt();
            int metadataLength = prefix.getInt();
            if (marker != CONTINUATION) {
                if (messages == 0) {
                    throw new Damage("not a Sluice trace: it does not start with an Arrow IPC stream message");
                }
                if (zerosFrom(channel, pos, size, chunk)) {
                    // what a crash can leave after the last write that reached the disk
                    truncation = "it ends in " + (size - pos) + " zero bytes from byte " + pos;
                    break;
                }
                throw new Damage("the bytes at " + where + " are not an Arrow message: the file is damaged there");
            }
            if (metadataLength == 0) {
                sawEnd = true;
                pos += 8;
                if (pos < size) {
                    throw new Damage((size - pos) + " bytes follow the end-of-stream marker at byte " + (pos - 8)
                            + " (two traces concatenated?); a trace ends at its marker");
                }
                if (checksummed && !closed) {
                    throw new Damage("it ends (end-of-stream marker at byte " + (pos - 8) + ") without its closing batch"
                            + ": batches were removed after " + describe(messages, batchOffsets.size()));
                }
                break;
            }
            if (metadataLength < 0 || metadataLength > MAX_METADATA) {
                if (messages == 0) {
                    throw new Damage("not a Sluice trace: its first message declares an impossible length");
                }
                throw new Damage(where + " declares an impossible metadata length of " + metadataLength + " bytes");
            }
            if (pos + 8 + metadataLength > size) {
                truncation = "it ends inside " + where;
                break;
            }
            ByteBuffer meta = ByteBuffer.allocate(metadataLength).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, meta, pos + 8);
            meta.flip();
            Message message;
            long bodyLength;
            byte type;
            try {
                message = Message.getRootAsMessage(meta);
                bodyLength = message.bodyLength();
                type = message.headerType();
            } catch (RuntimeException e) {
                throw new Damage(messages == 0 ? "not a Sluice trace: its first message is unreadable"
                        : where + " has unreadable metadata");
            }
            long bodyStart = pos + 8 + metadataLength;
            if (bodyLength < 0) {
                throw new Damage(where + " declares a body of " + bodyLength + " bytes");
            }
            if (bodyLength > size - bodyStart) {
                truncation = "it ends inside " + where + ", whose body of " + bodyLength + " bytes runs past the end";
                break;
            }
            if (messages == 0) {
                if (type != MessageHeader.Schema) {
                    throw new Damage("not a Sluice trace: it does not start with an Arrow schema");
                }
                Header header = header(message);
                Integer declared = header.checksum();
                batchDictionaries = header.format() >= TraceSchema.FIRST_BATCH_DICTIONARIES_FORMAT;
                checksummed = declared != null;
                previous = checksummed ? declared : 0;
            } else if (type == MessageHeader.Schema) {
                throw new Damage(where + " is a second schema (two traces spliced together?)");
            } else if (type == MessageHeader.DictionaryBatch || type == MessageHeader.RecordBatch) {
                if (closed) {
                    throw new Damage(where + " follows the closing batch (two traces spliced together?)");
                }
                boolean closing = verify(channel, message, where, bodyStart, bodyLength, checksummed, previous,
                        batchOffsets.size(), chunk);
                if (checksummed) {
                    previous = TraceIntegrity.parseHex(TraceIntegrity.customValue(message, TraceIntegrity.MESSAGE_CRC));
                }
                if (type == MessageHeader.DictionaryBatch) {
                    if (!batchOffsets.isEmpty() && !(batchDictionaries && !isFixed(message))) {
                        throw new Damage(where + " is a dictionary batch after the first record batch"
                                + (batchDictionaries ? " for the engine or kind column, whose dictionaries are fixed" : ""));
                    }
                    dictionaries++;
                } else if (closing) {
                    closed = true;
                    closedAt = pos;
                } else {
                    batchOffsets.add(pos);
                }
            } else {
                throw new Damage(where + " is not a schema, dictionary or record batch");
            }
            pos = bodyStart + bodyLength;
            messages++;
        }
        if (closed && pos < size) {
            // a few stray bytes, zeros or a partial message after the closing batch: never a complete trace
            throw new Damage((size - pos) + " bytes follow the closing batch at byte " + closedAt);
        }
        boolean complete = checksummed ? closed : sawEnd;
        if (!complete && truncation == null) {
            truncation = "it ends at byte " + pos;
        }
        return new Scan(pos, batchOffsets.size(), List.copyOf(batchOffsets), dictionaries, checksummed, complete,
                complete ? null : truncation);
    }

    private static String describe(int messages, int batches) {
        return batches == 0 ? "its header (" + messages + " messages)" : "record batch " + batches;
    }

    /** Whether a dictionary batch is for one of the fixed dictionaries (engine, kind), which never change. */
    private static boolean isFixed(Message message) throws Damage {
        DictionaryBatch d;
        try {
            d = (DictionaryBatch) message.header(new DictionaryBatch());
        } catch (RuntimeException e) {
            throw new Damage("a dictionary batch has unreadable metadata");
        }
        return d == null || TraceSchema.isFixedDictionary(d.id());
    }

    /**
     * @param checksum the checksum the schema states; null for a trace without checksums (format 1)
     * @param format   the format version it states (0 when unreadable: the reader says so)
     */
    private record Header(Integer checksum, int format) { }

    private static Header header(Message message) throws Damage {
        Schema schema;
        try {
            schema = MessageSerializer.deserializeSchema(message);
        } catch (RuntimeException | StackOverflowError e) {
            // a damaged flatbuffer can point anywhere, even back at itself
            throw new Damage("its schema (byte 0) is unreadable");
        }
        Map<String, String> meta = schema.getCustomMetadata();
        String stated = meta == null ? null : meta.get(TraceSchema.META_CHECKSUM);
        String formatText = meta == null ? null : meta.get(TraceSchema.META_FORMAT);
        int format = formatText != null && formatText.matches("[0-9]{1,9}") ? Integer.parseInt(formatText) : 0;
        if (stated == null) {
            if (format >= TraceSchema.FIRST_CHECKSUMMED_FORMAT) {
                throw new Damage("its schema has no " + TraceSchema.META_CHECKSUM + ", which trace format " + format
                        + " requires");
            }
            return new Header(null, format);
        }
        Integer declared = TraceIntegrity.parseHex(stated);
        if (declared == null || declared != TraceIntegrity.schemaChecksum(schema)) {
            throw new Damage("its schema (columns and sluice.* metadata, byte 0) fails its checksum:"
                    + " the file was changed after it was written");
        }
        return new Header(declared, format);
    }

    /** Verifies a batch's checksum; returns whether it is the closing batch. */
    private static boolean verify(FileChannel channel, Message message, String where, long bodyStart, long bodyLength,
                                  boolean checksummed, int previous, int batchesSoFar, ByteBuffer chunk)
            throws IOException, Damage {
        String what = message.headerType() == MessageHeader.RecordBatch
                ? "record batch " + (batchesSoFar + 1) + " (" + where + ")" : "dictionary batch (" + where + ")";
        String stated;
        String end;
        try {
            stated = TraceIntegrity.customValue(message, TraceIntegrity.MESSAGE_CRC);
            end = TraceIntegrity.customValue(message, TraceIntegrity.MESSAGE_END);
        } catch (RuntimeException e) {
            throw new Damage(what + " has unreadable metadata");
        }
        if (!checksummed) {
            if (stated != null || end != null) {
                throw new Damage(what + " has a checksum, but the schema has none: the schema was damaged");
            }
            return false;
        }
        Integer declared = TraceIntegrity.parseHex(stated);
        if (declared == null) {
            throw new Damage(what + (stated == null ? " has no checksum" : " has an unreadable checksum"));
        }
        CRC32C crc;
        try {
            crc = TraceIntegrity.startMessageChecksum(previous, message);
        } catch (RuntimeException e) {
            throw new Damage(what + " has unreadable metadata");
        }
        long p = bodyStart;
        long remaining = bodyLength;
        while (remaining > 0) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), remaining));
            readFully(channel, chunk, p);
            chunk.flip();
            crc.update(chunk);
            p += chunk.limit();
            remaining -= chunk.limit();
        }
        if ((int) crc.getValue() != declared) {
            throw new Damage(what + ", bytes " + bodyStart + " to " + (bodyStart + bodyLength)
                    + ", fails its checksum: the file was changed after it was written, or batches were"
                    + " removed, repeated or taken from another trace");
        }
        if (end == null) {
            return false;
        }
        RecordBatch batch = message.headerType() == MessageHeader.RecordBatch
                ? (RecordBatch) message.header(new RecordBatch()) : null;
        if (batch == null || batch.length() != 0 || !end.equals(Integer.toString(batchesSoFar))) {
            throw new Damage(what + " is a closing batch that does not close this trace");
        }
        return true;
    }

    private static boolean zerosFrom(FileChannel channel, long from, long size, ByteBuffer chunk) throws IOException {
        long p = from;
        while (p < size) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), size - p));
            readFully(channel, chunk, p);
            chunk.flip();
            while (chunk.hasRemaining()) {
                if (chunk.get() != 0) {
                    return false;
                }
            }
            p += chunk.limit();
        }
        return true;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long p = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, p);
            if (n < 0) {
                throw new IOException("the file shrank while it was read (at byte " + p + ")");
            }
            p += n;
        }
    }
}
