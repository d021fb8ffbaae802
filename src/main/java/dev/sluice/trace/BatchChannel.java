package dev.sluice.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Gathers the messages of one batch (its dictionaries, then the record batch: a dozen messages of
 * three or four buffers each) and hands them to the file in one write when the batch is complete.
 * Arrow's stream writer writes each buffer as it goes, a system call per buffer. Nothing stays in
 * user space after {@link #flush()}, so a killed recorder still leaves every whole batch in the file.
 */
final class BatchChannel implements WritableByteChannel {

    private final WritableByteChannel file;
    /** Direct, so the file channel writes it without copying it into a temporary direct buffer first. */
    private ByteBuffer pending = ByteBuffer.allocateDirect(1 << 16);
    private boolean open = true;

    BatchChannel(WritableByteChannel file) {
        this.file = file;
    }

    @Override
    public int write(ByteBuffer src) {
        int n = src.remaining();
        if (pending.remaining() < n) {
            int size = Math.max(pending.capacity() * 2, pending.position() + n);
            ByteBuffer bigger = ByteBuffer.allocateDirect(size);
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.put(src);
        return n;
    }

    /** Writes what was gathered since the last flush to the file, whole. */
    void flush() throws IOException {
        pending.flip();
        try {
            while (pending.hasRemaining()) {
                file.write(pending);
            }
        } finally {
            pending.clear();
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /**
     * Drops what was not flushed (a batch whose writing failed half-way must not reach the file);
     * the file itself is the caller's to close.
     */
    @Override
    public void close() {
        open = false;
        pending.clear();
    }
}
