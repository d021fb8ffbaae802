package dev.sluice.profile;

/**
 * Hears a {@link ProfileCheck} as it goes, on the checking thread: a progress line before
 * anything slow (starting a server, a network call), then each result as it is known.
 */
public interface CheckListener {

    /** Something slow starts: {@code listing s3://bucket/ (one key)}. */
    void progress(CheckResult.Check check, String subject, String message);

    void finished(CheckResult result);

    /** A listener that hears nothing (the caller reads the returned list). */
    CheckListener SILENT = new CheckListener() {
        @Override
        public void progress(CheckResult.Check check, String subject, String message) {
            // nothing to show
        }

        @Override
        public void finished(CheckResult result) {
            // the caller reads the list
        }
    };
}
