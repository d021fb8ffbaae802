package dev.sluice.profile;

import dev.sluice.profile.CheckResult.Check;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 part of a profile check: the endpoint takes a connection, credentials resolve (saying
 * which provider of the SDK's chain answered) and the bucket answers a one-key list. Each failure
 * names the setting to change.
 */
final class S3Check {

    /**
     * What to reach. {@code credentials} null means: resolve through the SDK, from {@code awsProfile}
     * when set, else the default chain.
     */
    record Target(URI endpoint, String region, String awsProfile, String bucket, String prefix, boolean pathStyle,
                  AwsCredentialsProvider credentials) {
        String where() {
            return "s3://" + bucket + "/" + prefix;
        }
    }

    private final Duration timeout;

    S3Check(Duration timeout) {
        this.timeout = timeout;
    }

    void run(Target t, CheckRun run) {
        String endpoint = t.endpoint().toString();
        if (!run.add(reach(t.endpoint()))) {
            run.skip(endpoint, Check.S3_ENDPOINT, Check.S3_CREDENTIALS);
            run.skip(t.where(), Check.S3_ENDPOINT, Check.S3_BUCKET);
            return;
        }
        AwsCredentialsProvider provider;
        CredentialSource source;
        String who = t.awsProfile().isEmpty() ? "the default credential chain" : "AWS profile '" + t.awsProfile() + "'";
        if (t.credentials() != null) {
            provider = t.credentials();
            source = CredentialSource.EMBEDDED;
            run.add(CheckResult.pass(Check.S3_CREDENTIALS, endpoint, source.words()));
        } else {
            // the SSO profile the SDK will read: the named one, else the default chain's profile
            SsoLogin.Status sso = SsoLogin.ofParsable(t.awsProfile().isEmpty() ? SsoLogin.defaultProfileName() : t.awsProfile());
            if (!t.awsProfile().isEmpty() && sso.needsLogin()) {
                // no live login: say so before the SDK fails less clearly
                run.add(CheckResult.fail(Check.S3_CREDENTIALS, endpoint, sso.detail(), sso.fix()));
                run.skip(t.where(), Check.S3_CREDENTIALS, Check.S3_BUCKET);
                return;
            }
            provider = t.awsProfile().isEmpty() ? DefaultCredentialsProvider.builder().build()
                    : ProfileCredentialsProvider.create(t.awsProfile());
            run.progress(Check.S3_CREDENTIALS, endpoint, "resolving credentials from " + who);
            try {
                AwsCredentials resolved = provider.resolveCredentials();
                source = CredentialSource.of(resolved.providerName().orElse(""));
                String from = source == CredentialSource.SSO && sso.state() == SsoLogin.State.VALID
                        ? "SSO (" + sso.login() + ")"
                        : source.words() + (t.awsProfile().isEmpty() ? "" : " (profile '" + t.awsProfile() + "')");
                run.add(CheckResult.pass(Check.S3_CREDENTIALS, endpoint, "resolved from " + from
                        + resolved.expirationTime().map(at -> ", valid until " + at).orElse("")));
            } catch (SdkException | IllegalArgumentException | IllegalStateException e) {
                run.add(SsoRefusal.of(e, sso, endpoint).orElseGet(() -> credentialsFailure(t, who, e)));
                run.skip(t.where(), Check.S3_CREDENTIALS, Check.S3_BUCKET);
                return;
            }
        }
        run.progress(Check.S3_BUCKET, t.where(), "listing one key at " + endpoint);
        run.add(listOne(t, provider, source));
    }

    private CheckResult reach(URI endpoint) {
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
        return TcpReach.check(Check.S3_ENDPOINT, endpoint, port, "s3.endpoint", timeout);
    }

    private static CheckResult credentialsFailure(Target t, String who, Exception e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        String subject = t.endpoint().toString();
        String profile = t.awsProfile().isEmpty() ? "" : " --profile " + t.awsProfile();
        if (t.awsProfile().isEmpty()) {
            // the default chain fell through to the default (or AWS_PROFILE's) profile: an SSO one without a login?
            SsoLogin.Status sso = SsoLogin.ofParsable(SsoLogin.defaultProfileName());
            if (sso.needsLogin()) {
                return CheckResult.fail(Check.S3_CREDENTIALS, subject, "no credentials from " + who + ": " + sso.detail(),
                        sso.fix());
            }
        }
        if (lower.contains("sso") && (lower.contains("expired") || lower.contains("refresh"))) {
            return CheckResult.fail(Check.S3_CREDENTIALS, subject, "expired SSO session for " + who + ": " + message,
                    "run `aws sso login" + profile + "` and test again");
        }
        if (lower.contains("profile file contained no credentials") || lower.contains("does not exist")
                || lower.contains("not found")) {
            return CheckResult.fail(Check.S3_CREDENTIALS, subject, who + ": " + message,
                    "set s3.aws-profile to a profile of ~/.aws/config or ~/.aws/credentials");
        }
        return CheckResult.fail(Check.S3_CREDENTIALS, subject, "no credentials from " + who + ": " + message,
                "set s3.aws-profile to a configured profile, or provide credentials through the default chain"
                        + " (environment, SSO login, instance role)");
    }

    private CheckResult listOne(Target t, AwsCredentialsProvider provider, CredentialSource source) {
        String where = t.where();
        try (S3Client client = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
                .endpointOverride(t.endpoint())
                .region(Region.of(t.region()))
                .forcePathStyle(t.pathStyle())
                .credentialsProvider(provider)
                // S3 clones refuse the CRC checksums SDK 2.30+ sends by default
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.apiCallTimeout(timeout).retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build()) {
            ListObjectsV2Response r = client.listObjectsV2(b -> b.bucket(t.bucket()).prefix(t.prefix()).maxKeys(1));
            return CheckResult.pass(Check.S3_BUCKET, where, "answered a one-key list ("
                    + (r.keyCount() == null || r.keyCount() == 0 ? "no key under the prefix yet" : "first key "
                    + r.contents().get(0).key()) + ")");
        } catch (S3Exception e) {
            return bucketFailure(t, source, e);
        } catch (SdkException e) {
            return CheckResult.fail(Check.S3_BUCKET, where, "no answer from " + t.endpoint() + ": " + e.getMessage(),
                    "check s3.endpoint (http or https, host and port) and s3.path-style");
        }
    }

    private static CheckResult bucketFailure(Target t, CredentialSource source, S3Exception e) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        String where = t.where();
        String answer = e.statusCode() + " " + code;
        String region = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? ""
                : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse("");
        if ((!region.isEmpty() && !region.equals(t.region())) || e.statusCode() == 301 || "PermanentRedirect".equals(code)
                || "AuthorizationHeaderMalformed".equals(code) || "IllegalLocationConstraintException".equals(code)) {
            return CheckResult.fail(Check.S3_BUCKET, where, "wrong region (" + answer + "): s3.region is " + t.region()
                    + (region.isEmpty() ? "" : " but the bucket is in " + region),
                    "set s3.region" + (region.isEmpty() ? " to the bucket's region" : " = " + region));
        }
        if (e.statusCode() == 404 || "NoSuchBucket".equals(code)) {
            return CheckResult.fail(Check.S3_BUCKET, where, "no bucket '" + t.bucket() + "' at " + t.endpoint() + " ("
                    + answer + ")", "correct s3.bucket, or create the bucket");
        }
        if ("InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
            return CheckResult.fail(Check.S3_BUCKET, where, "the server refused the credentials from " + source.words()
                    + " (" + answer + ")", "use s3.aws-profile with keys this endpoint knows, or renew them");
        }
        if ("ExpiredToken".equals(code) || "TokenRefreshRequired".equals(code)) {
            return CheckResult.fail(Check.S3_BUCKET, where, "the session credentials from " + source.words()
                    + " have expired (" + answer + ")", "renew them (for SSO: aws sso login) and test again");
        }
        if (e.statusCode() == 403) {
            return CheckResult.fail(Check.S3_BUCKET, where, "403 on the bucket: the credentials from " + source.words()
                    + " may not list it (" + answer + ")", "grant s3:ListBucket on " + t.bucket()
                    + " to them, or choose another s3.aws-profile or s3.prefix");
        }
        return CheckResult.fail(Check.S3_BUCKET, where, "the list failed: " + answer + " " + e.getMessage(),
                "check s3.bucket, s3.region and s3.path-style");
    }
}
