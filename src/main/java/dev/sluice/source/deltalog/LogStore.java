package dev.sluice.source.deltalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.parquet.io.InputFile;

/**
 * Where a table's {@code _delta_log} is read from: a local directory or an S3 prefix. Only what the
 * log reader needs: list the log's files, read one, and hand a checkpoint to the Parquet reader.
 */
interface LogStore extends AutoCloseable {

    /** One file of {@code _delta_log}: its name in the directory, size and modification time. */
    record Entry(String name, long size, long modifiedMillis) { }

    /** The table as the events name it: a {@code file:} or {@code s3:} URI. */
    String table();

    /** Every file directly in {@code _delta_log}. */
    List<Entry> list() throws IOException;

    InputStream open(Entry file) throws IOException;

    /** The file for the Parquet reader (a checkpoint), local or copied down first. */
    InputFile parquet(Entry file) throws IOException;

    /** Where the file is, for messages. */
    String where(Entry file);

    @Override
    void close() throws IOException;
}
