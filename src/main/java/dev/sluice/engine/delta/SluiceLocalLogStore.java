package dev.sluice.engine.delta;

import io.delta.storage.HadoopFileSystemLogStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Sluice's log store for {@code file:} tables. Each commit file is written to a private temporary
 * file and then published with one hard link: the link either appears whole or fails with
 * {@link java.nio.file.FileAlreadyExistsException} when another writer published that version
 * first — in this JVM or any other. Delta's own local store checks for existence and then renames,
 * which on Linux silently replaces a commit another process has just published, and forks
 * {@code chmod} for every file without Hadoop's native library.
 *
 * <p>{@link #isPartialWriteVisible} answers true so that delta-standalone writes checkpoints through
 * a temporary file too; with false it writes them in place and a reader racing it sees a file that
 * is "not a Parquet file".
 */
public class SluiceLocalLogStore extends HadoopFileSystemLogStore {

    public SluiceLocalLogStore(Configuration conf) {
        super(conf);
    }

    @Override
    public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration conf) throws IOException {
        java.nio.file.Path target = localPath(path, conf);
        Files.createDirectories(target.getParent());
        java.nio.file.Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                while (actions.hasNext()) {
                    out.write(actions.next());
                    out.write('\n');
                }
            }
            if (Boolean.TRUE.equals(overwrite)) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // fails with java.nio.file.FileAlreadyExistsException, which Delta reads as "version taken"
                Files.createLink(target, temp);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Boolean isPartialWriteVisible(Path path, Configuration conf) {
        return true;
    }

    private static java.nio.file.Path localPath(Path path, Configuration conf) throws IOException {
        URI uri = path.getFileSystem(conf).makeQualified(path).toUri();
        if (!"file".equals(uri.getScheme())) {
            throw new IOException("SluiceLocalLogStore writes only file: tables, not " + uri);
        }
        return java.nio.file.Path.of(uri);
    }
}
