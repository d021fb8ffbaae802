package dev.sluice.source.deltalog;

import dev.sluice.source.RecordedSource;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceFormat;
import dev.sluice.source.SourceKind;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Delta table's transaction log, read by Sluice itself (any writer's log loads: Spark, delta-rs,
 * Delta Kernel, delta-standalone). The argument is the table's directory, a {@code file:} URI of it,
 * its {@code _delta_log} directory, or an {@code s3://bucket/prefix} URI (read through the AWS SDK).
 */
public final class DeltaLogFormat implements SourceFormat {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaLogFormat.class);
    private final S3Access s3;

    /** Reads {@code s3://} tables through the SDK's default region and credential chains. */
    public DeltaLogFormat() {
        this(S3Access.DEFAULT_CHAINS);
    }

    /** Reads {@code s3://} tables with {@code s3} (a profile's endpoint, region and AWS profile). */
    public DeltaLogFormat(S3Access s3) {
        this.s3 = s3;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.DELTA_LOG;
    }

    @Override
    public String description() {
        return "Delta table (a directory, file:// or s3:// URI holding _delta_log)";
    }

    @Override
    public List<String> extensions() {
        return List.of();
    }

    @Override
    public boolean recognises(String argument) {
        if (S3Uri.is(argument)) {
            return true; // its listing says whether a log is there; that takes a request, so open says it
        }
        Path table = tableDir(argument);
        return table != null && Files.isDirectory(table.resolve(LogListing.LOG_DIR));
    }

    @Override
    public RecordedSource open(String argument) throws SourceException {
        if (S3Uri.is(argument)) {
            S3Uri uri;
            try {
                uri = S3Uri.of(argument);
            } catch (IllegalArgumentException e) {
                throw new SourceException(argument, e.getMessage(), e);
            }
            return new DeltaLogSource(argument + " (" + s3.describe() + ")", new S3LogStore(uri, s3));
        }
        Path table = tableDir(argument);
        if (table == null || !Files.isDirectory(table.resolve(LogListing.LOG_DIR))) {
            throw new SourceException(argument, "is not a Delta table: give a directory or file:// URI holding "
                    + LogListing.LOG_DIR);
        }
        return new DeltaLogSource(argument, new LocalLogStore(table));
    }

    /** The table directory the argument names, or null when it names none. */
    static Path tableDir(String argument) {
        Path p;
        try {
            p = argument.startsWith("file:") ? Path.of(URI.create(argument)) : Path.of(argument);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) { // InvalidPathException too
            LOG.debug("not a path or file URI, so not a Delta table: {}", argument, e);
            return null;
        }
        if (p.getFileName() != null && p.getFileName().toString().equals(LogListing.LOG_DIR) && p.getParent() != null) {
            return p.getParent();
        }
        return p;
    }
}
