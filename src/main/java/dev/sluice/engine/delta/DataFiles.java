package dev.sluice.engine.delta;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.ObjLongConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * A table's data files wherever the table lives: local files with java.nio (no Hadoop layer on
 * the hot path), objects on S3 through S3A with the table's Hadoop configuration.
 */
final class DataFiles {

    private final URI table;
    private final Configuration conf;
    private final boolean local;

    /** {@code conf} may be null for a {@code file:} table. */
    DataFiles(URI table, Configuration conf) {
        this.table = table;
        this.conf = conf;
        this.local = !LogStoreKind.Scheme.of(table).onS3();
        if (!local && conf == null) {
            throw new IllegalArgumentException(table + ": a table on S3 needs the Hadoop configuration of its S3Access");
        }
    }

    /** Writes {@code batch} as the new file {@code name} of the table. */
    ParquetRows.Written write(String name, RowBatch batch, int payloadBytes) throws IOException {
        if (local) {
            Path dir = Path.of(table);
            Files.createDirectories(dir);
            return ParquetRows.write(dir.resolve(name), batch, payloadBytes);
        }
        org.apache.hadoop.fs.Path path = hadoopPath(name);
        ParquetRows.writeTo(HadoopOutputFile.fromPath(path, conf), batch, payloadBytes);
        FileStatus status = path.getFileSystem(conf).getFileStatus(path);
        return new ParquetRows.Written(status.getLen(), status.getModificationTime(), batch.rows(), batch.fromSeq(),
                batch.toSeq());
    }

    /** Whether the file the log names as {@code logPath} (URL-encoded, relative to the table) exists. */
    boolean exists(String logPath) throws IOException {
        if (local) {
            return Files.exists(localPath(logPath));
        }
        org.apache.hadoop.fs.Path path = hadoopPath(decode(logPath));
        return path.getFileSystem(conf).exists(path);
    }

    /** Reads the rows of {@code logPath}; returns how many. */
    long read(String logPath, ObjLongConsumer<String> row) throws IOException {
        if (local) {
            return ParquetRows.read(localPath(logPath), row);
        }
        return ParquetRows.read(HadoopInputFile.fromPath(hadoopPath(decode(logPath)), conf), row);
    }

    /** Whether the table's root exists and holds {@code _delta_log}; a missing root is {@link FileNotFoundException}. */
    boolean hasLog() throws IOException {
        if (local) {
            Path dir = Path.of(table);
            if (!Files.isDirectory(dir)) {
                throw new NoSuchFileException(dir.toString(), null, "no such directory");
            }
            return Files.isDirectory(dir.resolve("_delta_log"));
        }
        FileSystem fs = new org.apache.hadoop.fs.Path(table).getFileSystem(conf);
        return fs.exists(hadoopPath("_delta_log"));
    }

    private Path localPath(String logPath) {
        return Path.of(table).resolve(decode(logPath));
    }

    private org.apache.hadoop.fs.Path hadoopPath(String relative) {
        String root = table.toString();
        return new org.apache.hadoop.fs.Path(root.endsWith("/") ? root + relative : root + "/" + relative);
    }

    private static String decode(String logPath) {
        return URLDecoder.decode(logPath, StandardCharsets.UTF_8);
    }
}
