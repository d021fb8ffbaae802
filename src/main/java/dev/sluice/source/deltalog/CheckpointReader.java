package dev.sluice.source.deltalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads the table state a Parquet checkpoint holds — its {@code protocol} and {@code metaData}
 * rows (Delta protocol, "Checkpoints") — with parquet-mr's own file reader, projected to those two
 * columns so the add and remove rows of a large table cost no decoding. Every part of a multi-part
 * checkpoint is read: the protocol and the metaData may sit in different parts.
 */
final class CheckpointReader {

    private static final String PROTOCOL = "protocol";
    private static final String METADATA = "metaData";

    /** A checkpoint's table state: protocol as {@link CommitParser} words it, table id and schema; empty when absent. */
    record TableState(long version, String protocol, String tableId, String schema) { }

    private CheckpointReader() {
    }

    /** @throws IOException in one line (which file, why) when a part does not read as a Delta checkpoint */
    static TableState read(LogStore store, LogListing.Checkpoint checkpoint) throws IOException {
        if (checkpoint.files().isEmpty()) {
            throw new IOException("checkpoint v" + checkpoint.version() + " has no Parquet file (a v2 checkpoint's "
                    + "sidecars are not read)");
        }
        String protocol = "";
        String tableId = "";
        String schema = "";
        for (LogStore.Entry part : checkpoint.files()) {
            try (ParquetFileReader reader = ParquetFileReader.open(store.parquet(part), ParquetReadOptions.builder().build())) {
                MessageType file = reader.getFooter().getFileMetaData().getSchema();
                List<Type> wanted = new ArrayList<>();
                for (Type t : file.getFields()) {
                    if (t.getName().equals(PROTOCOL) || t.getName().equals(METADATA)) {
                        wanted.add(t);
                    }
                }
                if (wanted.isEmpty()) {
                    throw new IOException(store.where(part) + " has no protocol or metaData column: not a Delta checkpoint");
                }
                MessageType projection = new MessageType(file.getName(), wanted);
                reader.setRequestedSchema(projection);
                ColumnIOFactory columns = new ColumnIOFactory();
                for (PageReadStore rows = reader.readNextRowGroup(); rows != null; rows = reader.readNextRowGroup()) {
                    RecordReader<Group> records = columns.getColumnIO(projection, file)
                            .getRecordReader(rows, new GroupRecordConverter(projection));
                    for (long i = 0; i < rows.getRowCount(); i++) {
                        Group row = records.read();
                        if (has(row, PROTOCOL)) {
                            protocol = protocol(row.getGroup(PROTOCOL, 0));
                        }
                        if (has(row, METADATA)) {
                            Group m = row.getGroup(METADATA, 0);
                            tableId = text(m, "id");
                            schema = text(m, "schemaString");
                        }
                    }
                }
            } catch (RuntimeException e) { // parquet-mr reports a damaged file with unchecked exceptions
                // parquet-mr names the file by its InputFile's identity; the path is said once, here
                throw new IOException(store.where(part) + " does not read as Parquet: "
                        + String.valueOf(e.getMessage()).replaceAll("\\S*InputFile@\\p{XDigit}+ ", ""), e);
            }
        }
        return new TableState(checkpoint.version(), protocol, tableId, schema);
    }

    private static boolean has(Group g, String field) {
        return g.getType().containsField(field) && g.getFieldRepetitionCount(field) > 0;
    }

    private static String text(Group g, String field) {
        return has(g, field) ? g.getString(field, 0) : "";
    }

    private static String protocol(Group p) {
        return "reader " + (has(p, "minReaderVersion") ? p.getInteger("minReaderVersion", 0) : "?")
                + features(p, "readerFeatures") + ", writer "
                + (has(p, "minWriterVersion") ? p.getInteger("minWriterVersion", 0) : "?") + features(p, "writerFeatures");
    }

    /** A Parquet LIST of strings (three-level: {@code list.element}, or a legacy repeated field). */
    private static String features(Group p, String field) {
        if (!has(p, field)) {
            return "";
        }
        Group list = p.getGroup(field, 0);
        List<String> names = new ArrayList<>();
        GroupType type = list.getType();
        if (type.getFieldCount() == 1 && !type.getType(0).isPrimitive()) {
            String repeated = type.getType(0).getName();
            for (int i = 0; i < list.getFieldRepetitionCount(repeated); i++) {
                Group element = list.getGroup(repeated, i);
                if (element.getFieldRepetitionCount(0) > 0) {
                    names.add(element.getString(0, 0));
                }
            }
        } else {
            for (int i = 0; i < list.getFieldRepetitionCount(0); i++) {
                names.add(list.getString(0, i));
            }
        }
        return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
    }
}
