package dev.sluice.cli;

import dev.sluice.profile.CheckListener;
import dev.sluice.profile.CheckResult;
import dev.sluice.profile.Profile;
import dev.sluice.profile.ProfileCheck;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice profiles test NAME}: one line per check on standard output, a progress line on
 * standard error before each slow step, and a summary. Exit 0 all passed, 1 a check failed.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Check every part the profile names: S3 endpoint, credentials (and where they come from) and"
                + " bucket; each Flight endpoint's connection, TLS, auth and answer; the Delta table.",
                "Exit 0 all checks passed; 1 a check failed (each failure says what to fix); 2 no such profile or"
                        + " an unusable file."})
final class ProfileTestCommand extends ProfilesCommand.OneProfile {

    static final int CHECK_FAILED = 1;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Longest wait of each network step, in seconds (1 to 300; default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    ProfileTestCommand() {
        super("test");
    }

    @Override
    int call(Profile p, PrintWriter out, PrintWriter err) {
        if (timeoutSeconds < 1 || timeoutSeconds > 300) {
            err.println("sluice profiles test: --timeout=" + timeoutSeconds + ": must be a whole number from 1 to 300");
            return SluiceCommand.CANNOT_RUN;
        }
        out.println("testing profile " + p.name() + (p.values().isEmpty() ? " (the embedded servers)" : ""));
        out.flush();
        List<CheckResult> results = new ProfileCheck(Duration.ofSeconds(timeoutSeconds), System::getenv)
                .run(p, new CheckListener() {
                    @Override
                    public void progress(CheckResult.Check check, String subject, String message) {
                        err.println("  ... " + check.label() + " " + subject + ": " + message);
                        err.flush();
                    }

                    @Override
                    public void finished(CheckResult result) {
                        out.println(result.line());
                        out.flush();
                    }
                });
        long failed = results.stream().filter(CheckResult::failed).count();
        long skipped = results.stream().filter(r -> r.status() == CheckResult.Status.SKIPPED).count();
        out.println(results.size() + " checks: " + (results.size() - failed - skipped) + " passed, " + failed + " failed"
                + (skipped > 0 ? ", " + skipped + " not tried" : ""));
        out.flush();
        return ProfileCheck.passed(results) ? 0 : CHECK_FAILED;
    }
}
