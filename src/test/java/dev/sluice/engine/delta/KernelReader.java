package dev.sluice.engine.delta;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/** Reads a table with Delta Kernel, another implementation of the protocol: (writer:seq) of every row. */
final class KernelReader {

    private KernelReader() {
    }

    static List<String> rows(URI table) throws Exception {
        Engine engine = DefaultEngine.create(new Configuration());
        Snapshot snapshot = Table.forPath(engine, table.toString()).getLatestSnapshot(engine);
        Scan scan = snapshot.getScanBuilder(engine).build();
        Row state = scan.getScanState(engine);
        StructType logical = ScanStateRow.getLogicalSchema(state);
        int writer = logical.indexOf("writer");
        int seq = logical.indexOf("seq");
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(engine, state);
        List<String> out = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> fileRows = files.next().getRows()) {
                    while (fileRows.hasNext()) {
                        Row fileRow = fileRows.next();
                        FileStatus status = InternalScanFileUtils.getAddFileStatus(fileRow);
                        try (CloseableIterator<FilteredColumnarBatch> data = Scan.transformPhysicalData(engine, state, fileRow,
                                engine.getParquetHandler().readParquetFiles(Utils.singletonCloseableIterator(status),
                                        physical, Optional.empty()))) {
                            while (data.hasNext()) {
                                try (CloseableIterator<Row> rows = data.next().getRows()) {
                                    while (rows.hasNext()) {
                                        Row r = rows.next();
                                        out.add(r.getString(writer) + ":" + r.getLong(seq));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
