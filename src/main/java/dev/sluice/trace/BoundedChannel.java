package dev.sluice.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/** Exposes only the first {@code limit} bytes of the file, from its start: what the framing scan found whole. */
final class BoundedChannel implements ReadableByteChannel {
    private final FileChannel channel;
    private final long limit;
    private long position;

    BoundedChannel(FileChannel channel, long limit) {
        this.channel = channel;
        this.limit = limit;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (position >= limit) {
            return -1;
        }
        int max = (int) Math.min(dst.remaining(), limit - position);
        ByteBuffer slice = dst.slice();
        slice.limit(max);
        int n = channel.read(slice, position);
        if (n > 0) {
            dst.position(dst.position() + n);
            position += n;
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        // the cursor owns the FileChannel; closing happens there
    }
}
