package dev.sluice.engine.delta;

import io.delta.standalone.types.LongType;
import io.delta.standalone.types.StringType;
import io.delta.standalone.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ObjLongConsumer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * The rows Sluice writes and how they sit in Parquet: {@code writer} (string), {@code seq} (long),
 * {@code payload} (string). Written with parquet-hadoop's example writer on a local file (no Avro,
 * no Hadoop file system) or, for tables on S3, on a Hadoop output file; read back the same way for verify.
 */
public final class ParquetRows {

    /** What a written file holds, for its {@code AddFile}. */
    public record Written(long bytes, long modifiedMillis, long rows, long minSeq, long maxSeq) { }

    public static final MessageType PARQUET_SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("writer")
            .required(PrimitiveTypeName.INT64).named("seq")
            .optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("payload")
            .named("sluice_row");

    /** The same columns as the table's Delta schema. */
    public static final StructType DELTA_SCHEMA = new StructType()
            .add("writer", new StringType(), false)
            .add("seq", new LongType(), false)
            .add("payload", new StringType(), true);

    private ParquetRows() {
    }

    /** Writes {@code batch} to a new local file {@code file} (which must not exist). */
    public static Written write(Path file, RowBatch batch, int payloadBytes) throws IOException {
        writeTo(new LocalOutputFile(file), batch, payloadBytes);
        return new Written(Files.size(file), Files.getLastModifiedTime(file).toMillis(), batch.rows(), batch.fromSeq(),
                batch.toSeq());
    }

    /** Writes {@code batch} to {@code file} (a local file, or an object through Hadoop). */
    static void writeTo(OutputFile file, RowBatch batch, int payloadBytes) throws IOException {
        SimpleGroupFactory groups = new SimpleGroupFactory(PARQUET_SCHEMA);
        String payload = "x".repeat(Math.max(0, payloadBytes));
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(file)
                .withType(PARQUET_SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build()) {
            for (int i = 0; i < batch.rows(); i++) {
                Group row = groups.newGroup()
                        .append("writer", batch.writer())
                        .append("seq", batch.fromSeq() + i)
                        .append("payload", payload);
                writer.write(row);
            }
        }
    }

    /** Calls {@code row} with (writer, seq) for every row of the local {@code file}; returns the row count. */
    public static long read(Path file, ObjLongConsumer<String> row) throws IOException {
        return read(new LocalInputFile(file), row);
    }

    /** The same for any Parquet input (a local file, or an object through Hadoop). */
    static long read(InputFile file, ObjLongConsumer<String> row) throws IOException {
        long n = 0;
        try (ParquetReader<Group> reader = new GroupReaderBuilder(file).build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                row.accept(g.getString("writer", 0), g.getLong("seq", 0));
                n++;
            }
        }
        return n;
    }

    /** parquet-hadoop offers a read-support builder only for Hadoop paths; this one takes a local file. */
    private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
        GroupReaderBuilder(InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
