package dev.sluice.engine.delta;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.s3a.RemoteFileChangedException;
import org.apache.hadoop.fs.s3a.UnknownStoreException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Why a table on S3 could not be reached, told as what to change: S3A and the SDK wrap the cause in
 * two or three exceptions whose class names mean nothing to a user, so the chain is read for the
 * answer that matters (no bucket, credentials refused, access denied, endpoint not answering).
 */
enum S3Trouble {
    NO_BUCKET, REFUSED_CREDENTIALS, EXPIRED_CREDENTIALS, NO_CREDENTIALS, DENIED, UNREACHABLE,
    /** S3A's change detection: the object's ETag changed between opening and reading it. */
    CHANGED_WHILE_READ, OTHER;

    /** The trouble the first telling exception of {@code e}'s cause chain stands for. */
    static S3Trouble of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownStoreException) {
                return NO_BUCKET;
            }
            if (t instanceof RemoteFileChangedException) {
                return CHANGED_WHILE_READ;
            }
            if (t instanceof AwsServiceException s) {
                String code = s.awsErrorDetails() == null ? "" : String.valueOf(s.awsErrorDetails().errorCode());
                switch (code) {
                    case "NoSuchBucket" -> { return NO_BUCKET; }
                    case "InvalidAccessKeyId", "SignatureDoesNotMatch" -> { return REFUSED_CREDENTIALS; }
                    case "ExpiredToken", "TokenRefreshRequired" -> { return EXPIRED_CREDENTIALS; }
                    default -> {
                        if (s.statusCode() == 403) {
                            return DENIED;
                        }
                    }
                }
            }
            if (t instanceof java.nio.file.AccessDeniedException) {
                return DENIED;
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return UNREACHABLE;
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("unable to load credentials") || m.contains("contained no credentials")) {
                return NO_CREDENTIALS;
            }
        }
        return OTHER;
    }

    /** One sentence: what went wrong reaching {@code table}, and what to change. */
    static String explain(Throwable e, URI table, Configuration conf) {
        String endpoint = conf == null ? "" : conf.getTrimmed("fs.s3a.endpoint", "");
        String at = endpoint.isEmpty() ? "AWS S3" : endpoint;
        String bucket = table.getHost() == null ? table.getAuthority() : table.getHost();
        return switch (of(e)) {
            case NO_BUCKET -> "no bucket '" + bucket + "' at " + at + ": correct the bucket in the table's URI, or the"
                    + " profile's s3.endpoint";
            case REFUSED_CREDENTIALS -> at + " refused the credentials: set the profile's s3.aws-profile to one whose keys"
                    + " this endpoint knows";
            case EXPIRED_CREDENTIALS -> "the session credentials have expired: renew them (for SSO: aws sso login"
                    + " --profile NAME) and verify again";
            case NO_CREDENTIALS -> "no credentials resolved: set the profile's s3.aws-profile to a configured AWS profile,"
                    + " or provide credentials through the default chain";
            case DENIED -> "access denied to s3://" + bucket + " at " + at + ": the credentials need s3:ListBucket and"
                    + " s3:GetObject on it, or choose another s3.aws-profile";
            case UNREACHABLE -> at + " does not answer: check the profile's s3.endpoint (http or https, host and port)";
            case CHANGED_WHILE_READ -> "a file of " + table + " changed on S3 while it was read: another process replaced"
                    + " it (with delta.logStore=delta-default, commits of several processes overwrite each other)";
            case OTHER -> plain(e);
        };
    }

    /** The innermost message without the class names the SDK and S3A put in front of it. */
    static String plain(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = TableWriter.firstLine(root.getMessage());
        m = m.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9]*(?:Exception|Error):\\s*", "");
        return m.isBlank() ? "no reason given (" + root.getClass().getSimpleName() + ")" : m;
    }
}
