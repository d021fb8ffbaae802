package dev.sluice.engine.s3;

import java.io.InputStream;
import java.util.SplittableRandom;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The sample dataset seeded into the embedded server: {@code objects} objects under one prefix,
 * sizes spread evenly on a log scale from {@code minSize} to {@code maxSize}, contents a
 * deterministic pseudo-random stream per object. The prefix names the shape, so datasets of
 * different shapes live side by side and each is seeded once (a marker object is written last).
 */
public record SampleDataset(String bucket, int objects, long minSize, long maxSize) {

    private static final Logger LOG = LoggerFactory.getLogger(SampleDataset.class);
    

    public SampleDataset {
        if (objects < 1) {
            throw new IllegalArgumentException("dataset needs at least 1 object, got " + objects);
        }
        if (minSize < 1 || maxSize < minSize) {
            throw new IllegalArgumentException("dataset sizes must satisfy 1 <= min <= max, got " + minSize + ".." + maxSize);
        }
    }

    /** The prefix the objects live under, ending with {@code /}. */
    public String prefix() {
        return "sample/n" + objects + "-" + minSize + "-" + maxSize + "/";
    }

    /** Written last, outside the prefix, so a half-seeded dataset is seeded again. */
    private String marker() {
        return "sample/_seeded/" + prefix().substring("sample/".length(), prefix().length() - 1);
    }

    public String key(int index) {
        return prefix() + String.format("part-%05d.bin", index);
    }

    public long size(int index) {
        if (objects == 1) {
            return maxSize;
        }
        double f = index / (double) (objects - 1);
        return Math.round(minSize * Math.pow((double) maxSize / minSize, f));
    }

    public long totalBytes() {
        long sum = 0;
        for (int i = 0; i < objects; i++) {
            sum += size(i);
        }
        return sum;
    }

    /** Writes the dataset into {@code server}'s storage unless it is there already; returns true if it seeded. */
    public boolean seed(EmbeddedS3Server server) throws S3EngineException {
        BlobStore store = server.store();
        try {
            if (!store.containerExists(bucket)) {
                store.createContainer(bucket);
            }
            if (store.blobExists(bucket, marker())) {
                return false;
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < objects; i++) {
                put(store, key(i), size(i), i);
            }
            put(store, marker(), 0, -1);
            LOG.info("seeded {} objects ({} bytes) under s3://{}/{} in {} ms", objects, totalBytes(), bucket, prefix(),
                    (System.nanoTime() - t0) / 1_000_000);
            return true;
        } catch (RuntimeException e) {
            throw new S3EngineException("cannot seed the sample dataset s3://" + bucket + "/" + prefix() + " under "
                    + server.baseDir() + ": " + e.getMessage(), e);
        }
    }

    private void put(BlobStore store, String key, long size, long seed) {
        PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(key).contentLength(size).build();
        store.putBlob(request, new PatternStream(size, seed));
    }

    /** The bytes of object {@code index}, as seeded (for tests that check content). */
    public InputStream content(int index) {
        return new PatternStream(size(index), index);
    }

    /** A deterministic byte stream of a given length. */
    static final class PatternStream extends InputStream {
        private final SplittableRandom random;
        private long remaining;
        private long word;
        private int wordBytes;

        PatternStream(long length, long seed) {
            this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            if (wordBytes == 0) {
                word = random.nextLong();
                wordBytes = 8;
            }
            int b = (int) (word & 0xff);
            word >>>= 8;
            wordBytes--;
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                if (wordBytes == 0) {
                    word = random.nextLong();
                    wordBytes = 8;
                }
                buf[off + i] = (byte) word;
                word >>>= 8;
                wordBytes--;
            }
            remaining -= n;
            return n;
        }
    }
}
