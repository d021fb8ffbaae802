package dev.sluice.source.deltalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;

/** A table's log in a local directory. */
final class LocalLogStore implements LogStore {

    private final Path logDir;
    private final String table;

    LocalLogStore(Path tableDir) {
        this.logDir = tableDir.resolve(LogListing.LOG_DIR);
        this.table = tableDir.toAbsolutePath().normalize().toUri().toString();
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    entries.add(new Entry(f.getFileName().toString(), Files.size(f), Files.getLastModifiedTime(f).toMillis()));
                }
            }
        }
        return entries;
    }

    @Override
    public InputStream open(Entry file) throws IOException {
        return Files.newInputStream(logDir.resolve(file.name()));
    }

    @Override
    public InputFile parquet(Entry file) {
        return new LocalInputFile(logDir.resolve(file.name()));
    }

    @Override
    public String where(Entry file) {
        return logDir.resolve(file.name()).toString();
    }

    @Override
    public void close() {
        // nothing held open between reads
    }
}
