package dev.sluice.detect;

/**
 * A resource a finding involves, e.g. {@code client:client-3}, {@code thread:pool-1-thread-2},
 * {@code stream:s0-p1}, {@code version:12}. Views use it to select what the finding is about.
 */
public record ResourceRef(String type, String id) {

    public static ResourceRef of(String type, String id) {
        return new ResourceRef(type, id);
    }

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
