package dev.sluice.engine.delta;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The credentials provider S3A instantiates by name ({@code fs.s3a.aws.credentials.provider}): it
 * answers with the provider the configuration's {@link S3Access#CREDENTIALS_HANDLE} names in this
 * JVM, so the configuration never carries a key.
 */
public final class HandleCredentialsProvider implements AwsCredentialsProvider {

    private final AwsCredentialsProvider delegate;

    /** The constructor S3A calls. */
    public HandleCredentialsProvider(URI bucket, Configuration conf) {
        this.delegate = S3Access.provider(conf);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return delegate.resolveCredentials();
    }

    @Override
    public String toString() {
        return "HandleCredentialsProvider[" + delegate.getClass().getSimpleName() + "]";
    }
}
