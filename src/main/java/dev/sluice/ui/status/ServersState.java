package dev.sluice.ui.status;

import dev.sluice.profile.CheckResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the status bar says about the embedded S3Proxy and Flight servers, from the first frame on:
 * not checked, starting (with what is under way), ready, or failed with why and what to do.
 *
 * @param text   the status bar's words
 * @param detail the tooltip: every check's line, or the failure with its fix
 */
public record ServersState(Phase phase, String text, String detail) {

    /** How far the launch check of the embedded servers has got. */
    public enum Phase {
        NOT_CHECKED, STARTING, READY, FAILED
    }

    private static final String EACH_RUN = "Checked at launch. Each run starts its own servers on free 127.0.0.1 ports.";

    public static final ServersState NOT_CHECKED = new ServersState(Phase.NOT_CHECKED, "", "");

    /** Under way: {@code what} is the check's progress line, e.g. starting the embedded S3Proxy. */
    public static ServersState starting(String what) {
        return new ServersState(Phase.STARTING, "embedded servers: starting…", what);
    }

    /** Ready when every check passed, else failed naming the first part that did not. */
    public static ServersState of(List<CheckResult> results) {
        String lines = results.stream().map(CheckResult::line).collect(Collectors.joining("\n"));
        return results.stream().filter(CheckResult::failed).findFirst()
                .map(f -> new ServersState(Phase.FAILED, "embedded " + part(f.check()) + " failed: " + f.detail(),
                        lines + "\n" + EACH_RUN))
                .orElseGet(() -> new ServersState(Phase.READY, "embedded S3 and Flight: ready", lines + "\n" + EACH_RUN));
    }

    /** The check itself broke: failed with the exception's message, never a ready that was not proven. */
    public static ServersState broken(String why) {
        return new ServersState(Phase.FAILED, "embedded servers: check failed: " + why,
                "The launch check of the embedded servers did not finish: " + why
                        + "\nRun `sluice profiles test embedded` for each check's result.");
    }

    private static String part(CheckResult.Check check) {
        return switch (check) {
            case S3_ENDPOINT, S3_CREDENTIALS, S3_BUCKET -> "S3Proxy";
            case FLIGHT_CONNECT, FLIGHT_TLS, FLIGHT_AUTH, FLIGHT_ANSWER -> "Flight server";
            case DELTA_TABLE -> "Delta table";
        };
    }
}
