package dev.sluice.engine.delta;

import java.net.URI;
import org.apache.hadoop.fs.s3a.DefaultS3ClientFactory;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * S3A's client factory with one change: for a custom endpoint, checksums are calculated and
 * validated only when required. hadoop-aws 3.4.2 was built against SDK 2.29, before the SDK sent
 * CRC checksums by default, and has no option for it; S3 clones reject what they do not know.
 */
public final class SluiceS3ClientFactory extends DefaultS3ClientFactory {

    @Override
    public S3Client createS3Client(URI uri, S3ClientCreationParameters parameters) {
        String endpoint = parameters.getEndpoint();
        S3ClientBuilder b = S3Access.builder(endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
                parameters.getRegion() == null ? getConf().getTrimmed("fs.s3a.endpoint.region", "us-east-1")
                        : parameters.getRegion(), parameters.isPathStyleAccess(), parameters.getCredentialSet());
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder();
        // S3A's audit spans and statistics ride on its execution interceptors
        parameters.getExecutionInterceptors().forEach(override::addExecutionInterceptor);
        parameters.getHeaders().forEach(override::putHeader);
        return b.overrideConfiguration(override.build()).build();
    }
}
