package dev.sluice.profile;

import java.nio.file.Path;

/** A profile file that cannot be used, or a change that cannot be saved: file, line and what is wrong. */
public final class ProfileException extends Exception {

    public ProfileException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
    }

    public ProfileException(Path file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem, cause);
    }
}
