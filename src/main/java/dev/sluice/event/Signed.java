package dev.sluice.event;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A numeric component of an event body that may legitimately be negative (a version of -1 for "no
 * table yet", an HTTP/2 window after a SETTINGS decrease, a release of reserved bytes). Every other
 * number is a count, size, duration, id or row number, and a negative value makes a decoded row corrupt.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Signed {
}
