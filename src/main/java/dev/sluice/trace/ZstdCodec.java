package dev.sluice.trace;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.nio.ByteBuffer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.CompressionUtil;

/** Arrow IPC's ZSTD buffer compression (one Zstandard frame per buffer), through zstd-jni. */
final class ZstdCodec extends TraceCodec {

    private final int level;

    ZstdCodec(int level) {
        this.level = level;
    }

    @Override
    protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
        long length = uncompressed.writerIndex();
        long bound = Zstd.compressBound(length);
        ArrowBuf out = allocator.buffer(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + bound);
        ByteBuffer dst = out.nioBuffer(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, (int) bound);
        ByteBuffer src = uncompressed.nioBuffer(0, (int) length);
        long written = Zstd.compressDirectByteBuffer(dst, 0, (int) bound, src, 0, (int) length, level);
        if (Zstd.isError(written)) {
            out.close();
            throw new IllegalStateException("zstd cannot compress a buffer of " + length + " bytes: " + Zstd.getErrorName(written));
        }
        out.writerIndex(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + written);
        return out;
    }

    @Override
    protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
        long length = declaredLength(compressed);
        ArrowBuf out = allocator.buffer(length);
        long stored = compressed.writerIndex() - CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH;
        long n;
        try {
            n = Zstd.decompressDirectByteBuffer(out.nioBuffer(0, (int) length), 0, (int) length,
                    compressed.nioBuffer(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, (int) stored), 0, (int) stored);
        } catch (ZstdException e) {
            out.close();
            throw new IllegalArgumentException("a zstd-compressed buffer of " + stored + " bytes is damaged (" + e.getMessage() + ")", e);
        }
        if (Zstd.isError(n) || n != length) {
            out.close();
            throw new IllegalArgumentException("a zstd-compressed buffer of " + stored + " bytes is damaged ("
                    + (Zstd.isError(n) ? Zstd.getErrorName(n) : n + " bytes instead of " + length) + ")");
        }
        out.writerIndex(length);
        return out;
    }

    @Override
    String name() {
        return "zstd";
    }

    @Override
    public CompressionUtil.CodecType getCodecType() {
        return CompressionUtil.CodecType.ZSTD;
    }
}
