package dev.sluice.engine.delta;

import java.net.URI;

/** The location given is not a Delta table Sluice can read: says which location and why. */
public class NotADeltaTableException extends Exception {

    private final URI table;

    public NotADeltaTableException(URI table, String why) {
        super(table + " is not a readable Delta table: " + why);
        this.table = table;
    }

    public URI table() {
        return table;
    }
}
