package dev.sluice.source.deltalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.detect.DetectorSuite;
import dev.sluice.detect.Finding;
import dev.sluice.event.DeltaEvent;
import dev.sluice.event.Event;
import dev.sluice.source.SourceFormats;
import dev.sluice.trace.TraceContents;
import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.defaults.internal.data.vector.DefaultLongVector;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.internal.util.Utils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table written by Delta Kernel, a second implementation of the protocol, imports with its history. */
class KernelTableImportTest {

    private static final StructType SCHEMA = new StructType().add("id", LongType.LONG);

    @TempDir
    Path dir;

    @Test
    void kernelsCommitsTxnsAndOverlapImport() throws Exception {
        Engine engine = DefaultEngine.create(new Configuration());
        String path = dir.resolve("kernel-table").toString();
        Table table = Table.forPath(engine, path);
        table.createTransactionBuilder(engine, "Sluice-test/kernel", Operation.CREATE_TABLE).withSchema(engine, SCHEMA)
                .build(engine).commit(engine, CloseableIterable.emptyIterable());
        append(engine, table, 1, 0);
        // two transactions open on the same version: the second commits after the first (a blind append rebased)
        Transaction a = table.createTransactionBuilder(engine, "Sluice-test/kernel", Operation.WRITE)
                .withTransactionId(engine, "job-a", 1).build(engine);
        Transaction b = table.createTransactionBuilder(engine, "Sluice-test/kernel", Operation.WRITE)
                .withTransactionId(engine, "job-b", 1).build(engine);
        commit(engine, a, 10);
        commit(engine, b, 20);

        TraceContents imported = SourceFormats.standard().open(dir.resolve("kernel-table").toUri().toString()).readAll();
        assertTrue(imported.complete(), imported::warning);
        List<DeltaEvent.CommitLogged> commits = imported.events().stream().map(Event::body)
                .filter(x -> x instanceof DeltaEvent.CommitLogged).map(x -> (DeltaEvent.CommitLogged) x).toList();
        assertEquals(List.of(0L, 1L, 2L, 3L), commits.stream().map(DeltaEvent.CommitLogged::version).toList());
        assertEquals(List.of("CREATE TABLE", "WRITE", "WRITE", "WRITE"),
                commits.stream().map(DeltaEvent.CommitLogged::operation).toList());
        assertEquals(List.of("job-0", "job-a", "job-b"), commits.stream().skip(1).map(DeltaEvent.CommitLogged::writer).toList(),
                "the txn appId names the writer");
        assertTrue(commits.stream().skip(1).allMatch(c -> c.filesAdded() == 1 && c.bytesAdded() > 0), commits::toString);
        assertTrue(commits.get(0).engineInfo().contains("Sluice-test/kernel"), commits.get(0)::engineInfo);
        List<Finding> findings = DetectorSuite.evaluate(imported.events());
        // Kernel records no readVersion, so the overlap of job-a and job-b cannot be seen in its log
        assertTrue(commits.stream().allMatch(c -> c.readVersion() == -1 && c.blindAppend() == DeltaEvent.LoggedFlag.TRUE));
        assertEquals(List.of(10L, 10L, 10L), commits.stream().skip(1).map(DeltaEvent.CommitLogged::rowsAdded).toList(),
                "rows counted from the files' statistics");
        assertEquals(List.of(), findings, findings::toString);
    }

    private static void append(Engine engine, Table table, long from, long appVersion) throws Exception {
        commit(engine, table.createTransactionBuilder(engine, "Sluice-test/kernel", Operation.WRITE)
                .withTransactionId(engine, "job-0", appVersion).build(engine), from);
    }

    /** Writes ten rows from {@code from} to a Parquet file and commits them in {@code txn}. */
    private static void commit(Engine engine, Transaction txn, long from) throws Exception {
        Row state = txn.getTransactionState(engine);
        long[] ids = LongStream.range(from, from + 10).toArray();
        DefaultColumnarBatch batch = new DefaultColumnarBatch(ids.length, SCHEMA,
                new ColumnVector[] {new DefaultLongVector(LongType.LONG, ids.length, Optional.empty(), ids)});
        CloseableIterator<FilteredColumnarBatch> data = Transaction.transformLogicalData(engine, state,
                Utils.singletonCloseableIterator(new FilteredColumnarBatch(batch, Optional.empty())), Map.of());
        DataWriteContext context = Transaction.getWriteContext(engine, state, Map.of());
        CloseableIterator<DataFileStatus> files = engine.getParquetHandler().writeParquetFiles(context.getTargetDirectory(),
                data, context.getStatisticsColumns());
        List<Row> actions = new ArrayList<>();
        try (CloseableIterator<Row> rows = Transaction.generateAppendActions(engine, state, files, context)) {
            rows.forEachRemaining(actions::add);
        }
        txn.commit(engine, CloseableIterable.inMemoryIterable(Utils.toCloseableIterator(actions.iterator())));
    }
}
