package dev.sluice.engine.delta;

import io.delta.storage.HadoopFileSystemLogStore;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Sluice's log store for {@code s3:} tables, safe for several writing processes: a commit file
 * {@code _delta_log/NNN.json} is published with one PutObject carrying {@code If-None-Match: *}, so
 * S3 itself decides which writer gets a version; the 412 of the losers becomes
 * {@link FileAlreadyExistsException}, on which delta-standalone checks for conflicts and retries.
 * Reads and listings go through S3A (its parent class). Before the first commit of a table the
 * store proves that the endpoint honours the header ({@link ConditionalPutProbe}).
 *
 * <p>delta-standalone's own {@code S3SingleDriverLogStore} checks for the file and then writes it,
 * with a lock inside one JVM: two processes both see "absent" and the later PUT replaces the
 * earlier commit. hadoop-aws 3.4.2 sends If-None-Match only through
 * {@code createFile(...).must("fs.option.create.conditional.overwrite", true)}, never through
 * {@code create(path, false)} (HADOOP-19256), hence the SDK here.
 */
public class SluiceS3LogStore extends HadoopFileSystemLogStore {

    /** One client per endpoint and credentials handle: building one per commit would cost a TLS and pool setup each. */
    private static final Map<String, S3Client> CLIENTS = new ConcurrentHashMap<>();

    public SluiceS3LogStore(Configuration conf) {
        super(conf);
    }

    @Override
    public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration conf) throws IOException {
        URI uri = path.toUri();
        String bucket = uri.getHost();
        String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
        if (bucket == null || key.isEmpty()) {
            throw new IOException("SluiceS3LogStore writes s3://bucket/key paths, not " + path);
        }
        StringBuilder body = new StringBuilder();
        actions.forEachRemaining(a -> body.append(a).append('\n'));
        S3Client s3 = client(conf);
        String endpoint = conf.getTrimmed("fs.s3a.endpoint", "AWS S3");
        try {
            if (Boolean.TRUE.equals(overwrite)) {
                s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(body.toString(), StandardCharsets.UTF_8));
                return;
            }
            ConditionalPutProbe.require(s3, endpoint, bucket, key.substring(0, key.lastIndexOf('/') + 1));
            s3.putObject(r -> r.bucket(bucket).key(key).ifNoneMatch("*"),
                    RequestBody.fromString(body.toString(), StandardCharsets.UTF_8));
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                throw new FileAlreadyExistsException(path.toString(), null, "another writer published this version first");
            }
            throw new IOException("PutObject s3://" + bucket + "/" + key + " at " + endpoint + " failed: " + e.getMessage(), e);
        }
    }

    /** S3's PutObject is atomic: a reader sees the whole commit file or none. */
    @Override
    public Boolean isPartialWriteVisible(Path path, Configuration conf) {
        return false;
    }

    private static S3Client client(Configuration conf) {
        String id = conf.getTrimmed("fs.s3a.endpoint", "") + "|" + conf.get(S3Access.CREDENTIALS_HANDLE, "");
        return CLIENTS.computeIfAbsent(id, k -> S3Access.client(conf));
    }
}
