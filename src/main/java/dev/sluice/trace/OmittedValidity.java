package dev.sluice.trace;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Drops the validity bitmap of every column with no null in the batch, as Arrow C++ writes them
 * (an empty buffer; the IPC format allows it when the null count is 0, and Arrow Java and pyarrow
 * read it as all valid). The time, kind, engine and thread columns are never null, so this saves
 * their bit per row (format 4). A compressed body keeps its bitmaps: an all-set bitmap compresses
 * to almost nothing there.
 */
final class OmittedValidity {

    private OmittedValidity() {
    }

    /**
     * {@code batch} with the validity buffers of its null-free columns emptied, or {@code batch}
     * itself when nothing changes; the caller closes both.
     */
    static ArrowRecordBatch of(ArrowRecordBatch batch, List<Field> fields, BufferAllocator allocator) {
        if (batch.getLength() == 0 || batch.getBodyCompression().getCodec() != CompressionUtil.CodecType.NO_COMPRESSION.getType()) {
            return batch;
        }
        List<ArrowFieldNode> nodes = batch.getNodes();
        List<ArrowBuf> buffers = new ArrayList<>(batch.getBuffers());
        if (nodes.size() != fields.size()) {
            return batch; // nested columns: not a layout this writer makes
        }
        int at = 0;
        boolean changed = false;
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            if (!field.getChildren().isEmpty()) {
                return batch;
            }
            if (nodes.get(i).getNullCount() == 0) {
                buffers.set(at, allocator.getEmpty()); // the first buffer of an int or utf8 column is its validity
                changed = true;
            }
            at += TypeLayout.getTypeBufferCount(field.getType());
        }
        if (!changed || at != buffers.size()) {
            return batch;
        }
        return new ArrowRecordBatch(batch.getLength(), nodes, buffers, batch.getBodyCompression(),
                batch.getVariadicBufferCounts(), true);
    }
}
