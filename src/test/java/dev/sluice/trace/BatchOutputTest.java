package dev.sluice.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's output thread keeps batches in order and reports a failed one; a batch reaches the file whole. */
class BatchOutputTest {

    @TempDir
    Path dir;

    @Test
    void batchesAreWrittenInOrderAndAFailureReachesTheNextWait() throws Exception {
        List<Integer> written = new ArrayList<>();
        IOException disk = new IOException("No space left on device");
        try (BatchOutput output = new BatchOutput("t.sluice")) {
            for (int i = 0; i < 50; i++) {
                int batch = i;
                output.submit(() -> written.add(batch)); // submit waits for the one before: no race on the list
            }
            output.await();
            assertEquals(50, written.size());
            for (int i = 0; i < 50; i++) {
                assertEquals(i, written.get(i));
            }
            output.submit(() -> {
                throw disk;
            });
            IOException failed = assertThrows(IOException.class, output::await);
            assertSame(disk, failed.getCause());
            assertEquals("writing a batch to t.sluice failed: No space left on device", failed.getMessage());
        }
    }

    @Test
    void anInterruptedWaitStillWaitsForTheWholeWriteAndKeepsTheInterrupt() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        try (BatchOutput output = new BatchOutput("t.sluice")) {
            output.submit(() -> {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException("the write was interrupted", e); // a cancelled write would land here
                }
                finished.set(true);
            });
            writing.await();
            Thread.currentThread().interrupt(); // as a task stopped by its executor's shutdownNow
            Thread releaser = new Thread(release::countDown);
            releaser.start();
            output.await();
            assertTrue(Thread.interrupted(), "the caller's interrupt was lost");
            assertTrue(finished.get(), "await returned before the write in flight was done");
            releaser.join();
        }
    }

    @Test
    void aBatchReachesTheFileOnlyWhenFlushedAndAnUnflushedOneNever() throws Exception {
        Path file = dir.resolve("b.bin");
        byte[] big = new byte[200_000]; // past the first buffer: it grows
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            BatchChannel batch = new BatchChannel(ch);
            batch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            batch.write(ByteBuffer.wrap(big));
            assertEquals(0, Files.size(file));
            batch.flush();
            assertEquals(3 + big.length, Files.size(file));
            batch.write(ByteBuffer.wrap(new byte[] {9}));
            batch.close(); // a half-written batch is dropped
        }
        byte[] back = Files.readAllBytes(file);
        assertEquals(3 + big.length, back.length);
        byte[] tail = new byte[big.length];
        System.arraycopy(back, 3, tail, 0, tail.length);
        assertArrayEquals(big, tail);
    }
}
