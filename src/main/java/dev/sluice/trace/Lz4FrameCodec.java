package dev.sluice.trace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.CompressionUtil;

/** Arrow IPC's LZ4_FRAME buffer compression (one LZ4 frame per buffer), through lz4-java. */
final class Lz4FrameCodec extends TraceCodec {

    @Override
    protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
        int length = (int) uncompressed.writerIndex();
        byte[] in = new byte[length];
        uncompressed.getBytes(0, in);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(Math.max(64, length / 2));
        try (OutputStream lz4 = new LZ4FrameOutputStream(frame, blockSize(length))) {
            lz4.write(in);
        } catch (IOException e) {
            throw new IllegalStateException("lz4 cannot compress a buffer of " + length + " bytes", e);
        }
        byte[] bytes = frame.toByteArray();
        ArrowBuf out = allocator.buffer(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + bytes.length);
        out.setBytes(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, bytes);
        out.writerIndex(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + bytes.length);
        return out;
    }

    /** The smallest frame block that holds the buffer: the stream allocates a whole block (4 MiB by default) per buffer. */
    private static LZ4FrameOutputStream.BLOCKSIZE blockSize(int length) {
        for (LZ4FrameOutputStream.BLOCKSIZE b : LZ4FrameOutputStream.BLOCKSIZE.values()) {
            if (length <= 1 << (8 + 2 * b.getIndicator())) {
                return b;
            }
        }
        return LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB;
    }

    @Override
    protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
        long length = declaredLength(compressed);
        int stored = (int) (compressed.writerIndex() - CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH);
        byte[] frame = new byte[stored];
        compressed.getBytes(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, frame);
        byte[] bytes = new byte[(int) length];
        int n = 0;
        boolean more;
        try (InputStream lz4 = new LZ4FrameInputStream(new ByteArrayInputStream(frame))) {
            for (int r = 0; n < bytes.length && r >= 0; n += Math.max(r, 0)) {
                r = lz4.read(bytes, n, bytes.length - n);
            }
            more = lz4.read() >= 0;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("an lz4-compressed buffer of " + stored + " bytes is damaged (" + e.getMessage() + ")", e);
        }
        if (n != length || more) {
            throw new IllegalArgumentException("an lz4-compressed buffer of " + stored + " bytes is damaged (it does not hold "
                    + length + " bytes)");
        }
        ArrowBuf out = allocator.buffer(length);
        out.setBytes(0, bytes);
        out.writerIndex(length);
        return out;
    }

    @Override
    String name() {
        return "lz4";
    }

    @Override
    public CompressionUtil.CodecType getCodecType() {
        return CompressionUtil.CodecType.LZ4_FRAME;
    }
}
