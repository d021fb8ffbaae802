package dev.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.event.Engine;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The count up to a time read by whole chunks is the figure a walk of every bucket gives, to the last bit. */
class ActivityTest {

    @Test
    void countToIsCountFromZeroAcrossChunksAndAtEveryBucketEdge() {
        ActivityHistogram histogram = new ActivityHistogram();
        Random random = new Random(5);
        long span = 3L * ActivityHistogram.CHUNK * ActivityHistogram.BUCKET_NANOS + 12_345_678;
        for (int i = 0; i < 200_000; i++) {
            histogram.add(random.nextBoolean() ? Engine.S3 : Engine.DELTA, (long) (random.nextDouble() * span));
        }
        Activity activity = histogram.freeze();
        long bucket = ActivityHistogram.BUCKET_NANOS;
        for (long to = -5; to <= span + 3 * bucket; to += 97_654_321) {
            for (long at : new long[] {to, to / bucket * bucket, to / bucket * bucket + 1}) {
                for (Engine e : new Engine[] {Engine.S3, Engine.DELTA, Engine.FLIGHT}) {
                    assertEquals(activity.count(e, 0, at), activity.countTo(e, at), e + " to " + at);
                }
            }
        }
        assertEquals(0, new ActivityHistogram().freeze().countTo(Engine.S3, span), "no buckets yet");
    }
}
