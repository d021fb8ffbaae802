package dev.sluice.engine.s3;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns SDK failures into one clear line (what failed, where, what the server said). */
final class Failures {

    private static final int MAX_TEXT = 300;

    private Failures() {
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ApiCallTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static boolean isAuthentication(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof S3Exception s3 && (s3.statusCode() == 403 || s3.statusCode() == 401)) {
            String code = s3.awsErrorDetails() == null ? "" : String.valueOf(s3.awsErrorDetails().errorCode());
            return code.isEmpty() || code.contains("Signature") || code.contains("AccessDenied")
                    || code.contains("InvalidAccessKeyId") || code.contains("Credential");
        }
        return false;
    }

    static boolean isUnreachable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException) {
                return true;
            }
            String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
            if (c instanceof SdkClientException && m.contains("unable to execute http request") && m.contains("connect")) {
                return true;
            }
        }
        return false;
    }

    /** One line: the innermost useful cause with its type. */
    static String describe(Throwable t) {
        Throwable c = unwrap(t);
        String text;
        if (c instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "?" : s3.awsErrorDetails().errorCode();
            text = "HTTP " + s3.statusCode() + " " + code + ": " + firstLine(s3.getMessage());
        } else if (isTimeout(c)) {
            text = "ApiCallTimeoutException: " + firstLine(c.getMessage());
        } else {
            Throwable root = c;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            text = c.getClass().getSimpleName() + ": " + firstLine(c.getMessage())
                    + (root != c ? " (caused by " + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")" : "");
        }
        return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
