package dev.sluice.trace;

import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;

/**
 * The codec factory for compressed traces (Arrow's {@code arrow-compression} module is not a
 * dependency of Sluice): pass it to Arrow Java's {@code ArrowStreamReader} or writer. A codec class
 * is loaded only when a trace uses it, so a trace without compression never needs the native
 * libraries.
 */
public final class TraceCodecs implements CompressionCodec.Factory {

    public static final TraceCodecs INSTANCE = new TraceCodecs();
    /** Zstandard's default level: the trace writer runs on the dispatcher, so speed matters more than the last byte. */
    static final int ZSTD_LEVEL = 3;

    private TraceCodecs() {
    }

    @Override
    public CompressionCodec createCodec(CompressionUtil.CodecType type) {
        return createCodec(type, ZSTD_LEVEL);
    }

    @Override
    public CompressionCodec createCodec(CompressionUtil.CodecType type, int level) {
        return switch (type) {
            case NO_COMPRESSION -> NoCompressionCodec.INSTANCE;
            case LZ4_FRAME -> new Lz4FrameCodec();
            case ZSTD -> new ZstdCodec(level);
        };
    }
}
