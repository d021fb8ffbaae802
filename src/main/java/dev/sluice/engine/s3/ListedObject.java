package dev.sluice.engine.s3;

/** An object found by listing: key, size, and ETag without quotes. */
public record ListedObject(String key, long size, String etag) { }
