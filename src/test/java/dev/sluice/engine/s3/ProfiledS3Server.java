package dev.sluice.engine.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded S3Proxy reached as staging is, through a Sluice profile named {@code lake} and a
 * named AWS profile: the server's key generated for this start goes into the test's temporary AWS
 * credentials file (never a real one), and the system properties that point the SDK and Sluice at
 * those files are restored on close.
 */
public final class ProfiledS3Server implements AutoCloseable {

    /** The Sluice profile the tests pass as {@code --profile}. */
    public static final String PROFILE = "lake";

    private final EmbeddedS3Server server;
    private final String awsProfile;
    private final Map<String, String> saved = new HashMap<>();

    private ProfiledS3Server(EmbeddedS3Server server, String awsProfile) {
        this.server = server;
        this.awsProfile = awsProfile;
    }

    /** Starts the server with its buckets under {@code dir}/blobs and its profile files in {@code dir}. */
    public static ProfiledS3Server start(Path dir, String awsProfile) throws IOException, S3EngineException {
        ProfiledS3Server s = new ProfiledS3Server(EmbeddedS3Server.start(dir.resolve("blobs")), awsProfile);
        String secret = s.server.credentials().provider().resolveCredentials().secretAccessKey();
        s.set("aws.sharedCredentialsFile", Files.writeString(dir.resolve("credentials"), "[" + awsProfile
                + "]\naws_access_key_id = " + s.server.credentials().accessKeyId() + "\naws_secret_access_key = " + secret
                + "\n").toString());
        s.set("aws.configFile", Files.writeString(dir.resolve("config"), "[default]\nregion = us-east-1\n").toString());
        s.set("sluice.config", Files.writeString(dir.resolve("profiles.toml"), "[profiles." + PROFILE + ".s3]\nendpoint = \""
                + s.server.endpoint() + "\"\naws-profile = \"" + awsProfile + "\"\n").toString());
        return s;
    }

    private void set(String key, String value) {
        saved.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    public EmbeddedS3Server server() {
        return server;
    }

    /** The AWS profile in the credentials file, as messages name it. */
    public String awsProfile() {
        return awsProfile;
    }

    @Override
    public void close() throws S3EngineException {
        try {
            server.close();
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
