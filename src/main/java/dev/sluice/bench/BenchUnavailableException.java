package dev.sluice.bench;

/** A benchmark that cannot run here (no display for the console, say): one line on what it needs. */
public final class BenchUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public BenchUnavailableException(String message) {
        super(message);
    }
}
