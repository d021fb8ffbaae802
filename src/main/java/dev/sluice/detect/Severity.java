package dev.sluice.detect;

import java.util.Locale;

/** How bad a finding is: {@code ERROR} loses data or hangs, {@code WARNING} leaks or risks it. */
public enum Severity {
    INFO, WARNING, ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
