package dev.sluice.profile;

import dev.sluice.scenario.Secrets;
import java.util.Locale;

/**
 * One line of {@code sluice profiles test}: which check, on what (an endpoint, a bucket, a table),
 * whether it passed and, when it failed, what to change. Texts are redacted: a check never prints
 * a credential, whatever an exception message held.
 *
 * @param subject what was checked: {@code http://127.0.0.1:9000}, {@code s3://bucket/prefix}, an endpoint, a directory
 * @param detail  what was found (one line)
 * @param fix     what to change when the check failed; empty otherwise
 */
public record CheckResult(Check check, String subject, Status status, String detail, String fix) {

    /** The checks, in the order they run for one part. */
    public enum Check {
        S3_ENDPOINT, S3_CREDENTIALS, S3_BUCKET, FLIGHT_CONNECT, FLIGHT_TLS, FLIGHT_AUTH, FLIGHT_ANSWER, DELTA_TABLE;

        /** {@code s3 credentials}: how the output names it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** How a check ended: skipped means an earlier check of the same subject failed, so it could not run. */
    public enum Status {
        PASS, FAIL, SKIPPED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public CheckResult {
        detail = oneLine(detail);
        fix = oneLine(fix);
    }

    static CheckResult pass(Check check, String subject, String detail) {
        return new CheckResult(check, subject, Status.PASS, detail, "");
    }

    static CheckResult fail(Check check, String subject, String detail, String fix) {
        return new CheckResult(check, subject, Status.FAIL, detail, fix);
    }

    static CheckResult skipped(Check check, String subject, Check failed) {
        return new CheckResult(check, subject, Status.SKIPPED, "not tried: " + failed.label() + " failed", "");
    }

    public boolean failed() {
        return status == Status.FAIL;
    }

    /** {@code FAIL  s3 bucket       s3://b/: 403 AccessDenied — fix: grant s3:ListBucket}. */
    public String line() {
        return String.format("%-7s %-15s %s: %s%s", status.label().toUpperCase(Locale.ROOT), check.label(), subject, detail,
                fix.isEmpty() ? "" : " — fix: " + fix);
    }

    private static String oneLine(String text) {
        return text == null ? "" : Secrets.redact(text.replaceAll("\\s*\\R\\s*", " ").strip());
    }
}
