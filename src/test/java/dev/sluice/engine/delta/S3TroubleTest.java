package dev.sluice.engine.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.s3a.RemoteFileChangedException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The S3A and SDK cause chains as delta-standalone hands them up (the race's changed commit file,
 * a refused connection), told in words that name no exception class.
 */
class S3TroubleTest {

    private static final URI TABLE = URI.create("s3://lake/t");

    private static Configuration at(String endpoint) {
        Configuration c = new Configuration(false);
        c.set("fs.s3a.endpoint", endpoint);
        return c;
    }

    @Test
    void aCommitFileReplacedWhileReadIsTheRaceNotAClassName() {
        Exception e = new UncheckedIOException(new RemoteFileChangedException("s3a://lake/t/_delta_log/4.json", "open",
                "software.amazon.awssdk.services.s3.model.S3Exception: At least one of the pre-conditions you specified did"
                        + " not hold"));
        assertEquals(S3Trouble.CHANGED_WHILE_READ, S3Trouble.of(e));
        String said = S3Trouble.explain(e, TABLE, at("http://127.0.0.1:9000"));
        assertEquals("a file of s3://lake/t changed on S3 while it was read: another process replaced it (with"
                + " delta.logStore=delta-default, commits of several processes overwrite each other)", said);
    }

    @Test
    void aRefusedConnectionNamesTheEndpointSetting() {
        Exception e = new IOException("getFileStatus", SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused")));
        assertEquals(S3Trouble.UNREACHABLE, S3Trouble.of(e));
        assertEquals("http://127.0.0.1:9 does not answer: check the profile's s3.endpoint (http or https, host and port)",
                S3Trouble.explain(e, TABLE, at("http://127.0.0.1:9")));
    }

    @Test
    void anythingElseKeepsItsInnermostMessageWithoutTheClassNamesInFront() {
        Exception e = new IllegalStateException(new IOException("org.apache.hadoop.fs.PathIOException: disk quota exceeded"));
        assertEquals(S3Trouble.OTHER, S3Trouble.of(e));
        String said = S3Trouble.explain(e, TABLE, at("http://127.0.0.1:9000"));
        assertEquals("disk quota exceeded", said);
        assertFalse(said.contains("Exception"), said);
    }
}
