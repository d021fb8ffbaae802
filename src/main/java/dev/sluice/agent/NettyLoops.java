package dev.sluice.agent;

import dev.sluice.event.S3Event.LoopGroupOwner;
import java.lang.reflect.Field;

/**
 * The event-loop group under a Netty SDK client, read by reflection from the application's own
 * classes ({@code NettyNioAsyncHttpClient.sdkEventLoopGroup}, then its {@code eventLoopGroup}), so the
 * agent links no Netty of its own. What cannot be read is reported as unknown, not guessed.
 *
 * @param id      {@code loops-<hash>} of the Netty group (the same for clients that share one)
 * @param owner   caller-owned (passed in), sdk-shared (the SDK's shared group) or sdk-owned
 * @param threads event loops in the group (0 when unknown)
 */
record NettyLoops(String id, LoopGroupOwner owner, int threads) {

    private static final NettyLoops UNKNOWN = new NettyLoops("loops-unknown", LoopGroupOwner.SDK_OWNED, 0);

    static NettyLoops of(Object httpClient) throws ReflectiveOperationException {
        Object http = unwrap(httpClient);
        Object sdkGroup = http == null ? null : field(http, "sdkEventLoopGroup");
        Object group = sdkGroup == null ? null : field(sdkGroup, "eventLoopGroup");
        if (group == null) {
            return UNKNOWN;
        }
        String kind = group.getClass().getSimpleName();
        LoopGroupOwner owner = kind.contains("NonManaged") ? LoopGroupOwner.CALLER_OWNED
                : kind.contains("ReferenceCounting") ? LoopGroupOwner.SDK_SHARED : LoopGroupOwner.SDK_OWNED;
        int threads = 0;
        if (group instanceof Iterable<?> loops) {
            for (Object ignored : loops) {
                threads++;
            }
        }
        return new NettyLoops("loops-" + Integer.toHexString(System.identityHashCode(group)), owner, threads);
    }

    /** The SDK wraps a client the caller passed in ({@code NonManagedSdkAsyncHttpClient.delegate}). */
    private static Object unwrap(Object http) throws ReflectiveOperationException {
        Object at = http;
        for (int depth = 0; at != null && depth < 4 && !at.getClass().getSimpleName().equals("NettyNioAsyncHttpClient"); depth++) {
            at = field(at, "delegate");
        }
        return at;
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(owner);
            } catch (NoSuchFieldException e) {
                // declared higher up, or not at all (then null below)
            }
        }
        return null;
    }
}
