package dev.sluice.engine.flight;

/** A Flight endpoint could not be reached or used; the message names the endpoint and why. */
public final class FlightEndpointException extends Exception {

    public FlightEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
