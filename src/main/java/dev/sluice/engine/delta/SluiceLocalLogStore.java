package dev.sluice.engine.delta;

import io.delta.storage.CloseableIterator;
import io.delta.storage.HadoopFileSystemLogStore;
import io.delta.storage.LineCloseableIterator;
import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Sluice's log store for {@code file:} tables. Each commit file is written to a private temporary
 * file and then published with one hard link: the link either appears whole or fails with
 * {@link java.nio.file.FileAlreadyExistsException} when another writer published that version
 * first — in this JVM or any other. Reads and listings use java.nio too. Delta's own local store checks for existence and then renames,
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

    /** Reads a commit file with java.nio: no Hadoop file-system layer on the hot path. */
    @Override
    public CloseableIterator<String> read(Path path, Configuration conf) throws IOException {
        try {
            return new LineCloseableIterator(Files.newBufferedReader(localPath(path, conf), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw (FileNotFoundException) new FileNotFoundException(path.toString()).initCause(e);
        }
    }

    /** Lists the log directory with java.nio, in file-name order from {@code path}'s name on. */
    @Override
    public Iterator<FileStatus> listFrom(Path path, Configuration conf) throws IOException {
        java.nio.file.Path start = localPath(path, conf);
        java.nio.file.Path dir = start.getParent();
        String from = start.getFileName().toString();
        List<FileStatus> out = new ArrayList<>();
        try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(dir)) {
            for (java.nio.file.Path p : entries) {
                String name = p.getFileName().toString();
                if (name.compareTo(from) < 0) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (NoSuchFileException gone) {
                    continue; // a temporary file published or removed since the listing began
                }
                out.add(new FileStatus(a.size(), a.isDirectory(), 1, 64L << 20, a.lastModifiedTime().toMillis(),
                        new Path(p.toUri())));
            }
        } catch (NoSuchFileException e) {
            throw (FileNotFoundException) new FileNotFoundException("No such file or directory: " + dir).initCause(e);
        }
        out.sort(Comparator.comparing(f -> f.getPath().getName()));
        return out.iterator();
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
