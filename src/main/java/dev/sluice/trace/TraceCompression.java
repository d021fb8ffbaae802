package dev.sluice.trace;

import java.util.Locale;
import org.apache.arrow.vector.compression.CompressionUtil;

/**
 * Body compression of a trace's record and dictionary batches: Arrow IPC's own buffer compression
 * (LZ4 frame or Zstandard, each buffer prefixed by its uncompressed length), so pyarrow and arrow-rs
 * read the trace as they read any compressed Arrow stream. Arrow Java needs {@link TraceCodecs} (or
 * {@code arrow-compression}) as its reader's codec factory.
 */
public enum TraceCompression {
    NONE(CompressionUtil.CodecType.NO_COMPRESSION),
    LZ4(CompressionUtil.CodecType.LZ4_FRAME),
    ZSTD(CompressionUtil.CodecType.ZSTD);

    private final CompressionUtil.CodecType codec;

    TraceCompression(CompressionUtil.CodecType codec) {
        this.codec = codec;
    }

    CompressionUtil.CodecType codec() {
        return codec;
    }

    /** The name users type: {@code none}, {@code lz4}, {@code zstd}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The compression named {@code id} (any case).
     *
     * @throws IllegalArgumentException in one line naming what is accepted
     */
    public static TraceCompression byId(String id) {
        for (TraceCompression c : values()) {
            if (c.id().equalsIgnoreCase(id.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown trace compression '" + TraceReader.printable(id)
                + "' (accepted: none, lz4, zstd)");
    }
}
