package dev.sluice.profile;

import dev.sluice.profile.CheckResult.Check;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The SSO portal's refusal of a live login, found in what the credentials provider threw: 401
 * (the token was revoked or signed out) or 403 (the role is not assigned to the user). One line
 * each, naming session, account and role; the portal's own message and the token are left out.
 */
final class SsoRefusal {

    /** The service name the SDK's SSO client puts on its errors. */
    private static final String SSO_SERVICE = "Sso";

    private SsoRefusal() {
    }

    /** The failure to report when {@code thrown} holds an answer of the SSO portal, else empty. */
    static Optional<CheckResult> of(Throwable thrown, SsoLogin.Status sso, String subject) {
        for (Throwable e = thrown; e != null; e = e.getCause()) {
            if (e instanceof AwsServiceException a && a.awsErrorDetails() != null
                    && SSO_SERVICE.equalsIgnoreCase(a.awsErrorDetails().serviceName())) {
                return Optional.of(refusal(a, sso, subject));
            }
        }
        return Optional.empty();
    }

    private static CheckResult refusal(AwsServiceException e, SsoLogin.Status sso, String subject) {
        String answer = e.statusCode() + " " + Optional.ofNullable(e.awsErrorDetails().errorCode()).orElse("");
        String who = "AWS profile '" + sso.profile() + "'";
        if (e.statusCode() == 401) {
            return CheckResult.fail(Check.S3_CREDENTIALS, subject, "the SSO portal refused the login of " + who + " ("
                    + answer.strip() + "): signed out or revoked since the token was cached", sso.fix());
        }
        if (e.statusCode() == 403) {
            return CheckResult.fail(Check.S3_CREDENTIALS, subject, "the SSO portal refused the role (" + sso.login()
                    + "): " + answer.strip(), "set sso_account_id and sso_role_name of " + who
                    + " to a role assigned to you (aws sso list-account-roles), or ask for that role");
        }
        return CheckResult.fail(Check.S3_CREDENTIALS, subject, "the SSO portal failed for " + who + " ("
                + answer.strip() + ")", "test again later; if it persists, " + sso.fix());
    }
}
