package dev.sluice.source.deltalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A table's log under an S3 prefix, read through the AWS SDK: the profile's endpoint and region,
 * credentials from its AWS profile or the default chain. Checkpoints are copied to a temporary file
 * for the Parquet reader (it seeks) and removed on close.
 */
final class S3LogStore implements LogStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3LogStore.class);
    private static final String DEFAULT_REGION = "us-east-1";

    private final S3Client client;
    private final String bucket;
    private final String logPrefix;
    private final String table;
    private final List<Path> copies = new ArrayList<>();

    /** {@code uri} is {@code s3://bucket/prefix} (the table, or its {@code _delta_log}). */
    S3LogStore(S3Uri uri, S3Access access) {
        this.bucket = uri.bucket();
        this.logPrefix = uri.tablePrefix() + LogListing.LOG_DIR + "/";
        this.table = "s3://" + bucket + "/" + uri.tablePrefix();
        this.client = client(access);
    }

    /** A path-style client for a custom endpoint (S3 clones rarely serve virtual hosts), checksums only when required. */
    private static S3Client client(S3Access access) {
        AwsCredentialsProvider credentials = access.awsProfile().isEmpty() ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.create(access.awsProfile());
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(access.region().isEmpty() ? defaultRegion() : access.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(access.pathStyle() || access.endpoint() != null)
                // S3 clones refuse the CRC checksums SDK 2.30+ sends by default
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (access.endpoint() != null) {
            b.endpointOverride(access.endpoint());
        }
        return b.build();
    }

    private static String defaultRegion() {
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
        } catch (SdkException e) {
            LOG.debug("no region configured; listing in {}", DEFAULT_REGION, e);
            return DEFAULT_REGION;
        }
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try {
            for (S3Object o : client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(logPrefix).delimiter("/")).contents()) {
                entries.add(new Entry(o.key().substring(logPrefix.length()), o.size(), o.lastModified().toEpochMilli()));
            }
        } catch (SdkException e) {
            throw new IOException(oneLine(e), e);
        }
        return entries;
    }

    @Override
    public InputStream open(Entry file) throws IOException {
        try {
            return client.getObject(r -> r.bucket(bucket).key(logPrefix + file.name()));
        } catch (SdkException e) {
            throw new IOException(oneLine(e), e);
        }
    }

    @Override
    public InputFile parquet(Entry file) throws IOException {
        Path copy = Files.createTempFile("sluice-checkpoint", ".parquet");
        copies.add(copy);
        try (InputStream in = open(file)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return new LocalInputFile(copy);
    }

    @Override
    public String where(Entry file) {
        return "s3://" + bucket + "/" + logPrefix + file.name();
    }

    @Override
    public void close() throws IOException {
        client.close();
        for (Path copy : copies) {
            Files.deleteIfExists(copy);
        }
    }

    /** The SDK's message up to its first line break (service errors carry request ids after it). */
    static String oneLine(SdkException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
