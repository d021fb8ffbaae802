package dev.sluice.model;

import dev.sluice.event.Engine;

/**
 * A point on the timeline worth labelling: a note, a consumer switching the stream it waits on,
 * a thread blocked, the run ending. {@code subject} is what it is about (stream, thread, run).
 */
public record Mark(long nanos, Engine engine, String kind, String subject, String text) {
}
