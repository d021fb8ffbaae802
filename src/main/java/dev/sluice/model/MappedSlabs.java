package dev.sluice.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slab memory mapped from scratch files in the temporary directory, for what does not fit the direct-buffer budget:
 * mapped memory is not counted against {@code MaxDirectMemorySize}, and the kernel can write its pages back to the
 * file instead of holding them all in RAM. Each chunk of {@value #CHUNK_MIB} MiB is one file, mapped once and
 * unlinked at once (the mapping keeps its pages), so no file outlives the JVM even if it is killed; slabs are slices
 * of the chunk. A slice keeps its chunk reachable and this arena holds its newest chunk only weakly, so a chunk is
 * unmapped (by the JDK's cleaner, when collected) once the last column reading it is dropped — the same release
 * path as a direct slab.
 */
final class MappedSlabs {

    static final int CHUNK_MIB = 64;
    static final String PREFIX = "sluice-slabs-";
    private static final int CHUNK = CHUNK_MIB << 20;
    private static final Logger LOG = LoggerFactory.getLogger(MappedSlabs.class);

    private static WeakReference<ByteBuffer> current = new WeakReference<>(null);
    private static int used;
    private static long sliced;
    private static boolean swept;

    private MappedSlabs() {
    }

    /** A zeroed slice of {@code bytes} bytes in native order, 8-byte aligned; its chunk's size is counted once. */
    static synchronized ByteBuffer slice(int bytes) {
        ByteBuffer chunk = current.get();
        if (chunk == null || used + bytes > chunk.capacity()) {
            chunk = map(Math.max(CHUNK, bytes));
            current = new WeakReference<>(chunk);
            used = 0;
        }
        ByteBuffer slice = chunk.slice(used, bytes).order(ByteOrder.nativeOrder());
        used += (bytes + 7) & ~7;
        sliced += bytes;
        return slice;
    }

    /** Bytes handed out as slices so far, ever (a chunk's are counted as its slices are taken). */
    static synchronized long slicedBytes() {
        return sliced;
    }

    private static ByteBuffer map(int bytes) {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        Path file;
        try {
            if (!swept) {
                swept = true;
                sweep(dir);
            }
            // the mapping is sparse: without room its first write kills the JVM (SIGBUS) instead of failing here
            long usable = Files.getFileStore(dir).getUsableSpace();
            if (usable < 2L * bytes) {
                throw new IOException(usable / (1 << 20) + " MiB free, " + 2L * bytes / (1 << 20) + " MiB needed");
            }
            file = Files.createTempFile(dir, PREFIX, ".scratch");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a slab scratch file in " + dir + " (" + e.getMessage()
                    + "); off-heap columns beyond the direct-buffer budget need a writable temporary directory with room", e);
        }
        MappedByteBuffer chunk;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            chunk = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes); // grows the file; new pages read as zero
        } catch (IOException e) {
            deleteOrOnExit(file);
            throw new UncheckedIOException("cannot map " + bytes + " bytes of slab scratch file " + file
                    + "; the temporary directory needs that much free space", e);
        }
        deleteOrOnExit(file);
        Slabs.counted(chunk, bytes, true);
        return chunk;
    }

    /**
     * Deletes scratch files other JVMs left (on Windows a mapped file outlives its JVM's attempt to delete it); a file
     * still mapped by a running JVM refuses deletion there, and on other systems every scratch file is unlinked already.
     */
    private static void sweep(Path dir) {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, PREFIX + "*.scratch")) {
            for (Path file : stale) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.debug("slab scratch file {} is in use: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {} for stale slab scratch files: {}", dir, e.toString());
        }
    }

    /** Unlinks the file now (the mapping keeps it); where that is refused (Windows) it goes when the JVM exits. */
    private static void deleteOrOnExit(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            LOG.debug("slab scratch file {} is deleted on exit: {}", file, e.toString());
            file.toFile().deleteOnExit();
        }
    }
}
