package dev.sluice.trace;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;

/** What Sluice's two codecs share: empty buffers stored raw, and declared lengths checked before allocating. */
abstract class TraceCodec extends AbstractCompressionCodec {

    /** No buffer of a batch of {@link TraceSchema#MAX_BATCH_ROWS} rows comes near this. */
    static final long MAX_UNCOMPRESSED = 256L << 20;

    /**
     * An empty buffer is stored as raw (length -1, no bytes), not as length 0 with no frame, which
     * Arrow Java writes but Arrow C++ (pyarrow) refuses for LZ4 ("less than one frame").
     */
    @Override
    public ArrowBuf compress(BufferAllocator allocator, ArrowBuf uncompressed) {
        if (uncompressed.writerIndex() == 0) {
            ArrowBuf raw = CompressionUtil.packageRawBuffer(allocator, uncompressed);
            uncompressed.close();
            return raw;
        }
        return super.compress(allocator, uncompressed);
    }

    /** The uncompressed length {@code compressed} declares, refused when it is impossible. */
    final long declaredLength(ArrowBuf compressed) {
        long declared = readUncompressedLength(compressed);
        if (declared < 0 || declared > MAX_UNCOMPRESSED) {
            throw new IllegalArgumentException("a " + name() + "-compressed buffer of " + compressed.writerIndex()
                    + " bytes declares " + declared + " bytes uncompressed (at most " + MAX_UNCOMPRESSED + " accepted)");
        }
        return declared;
    }

    /** The codec's name in messages. */
    abstract String name();
}
