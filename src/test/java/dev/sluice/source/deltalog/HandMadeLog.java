package dev.sluice.source.deltalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a table's {@code _delta_log} by hand, one commit file per call, as any writer might. */
final class HandMadeLog {

    static final String SCHEMA = "{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\","
            + "\\\"nullable\\\":true,\\\"metadata\\\":{}}]}";
    static final String SCHEMA_2 = SCHEMA.replace("}]}", "},{\\\"name\\\":\\\"note\\\",\\\"type\\\":\\\"string\\\","
            + "\\\"nullable\\\":true,\\\"metadata\\\":{}}]}");

    private final Path table;
    private final Path log;
    private final long start = 1_700_000_000_000L;

    HandMadeLog(Path table) throws IOException {
        this.table = table;
        this.log = Files.createDirectories(table.resolve("_delta_log"));
    }

    Path table() {
        return table;
    }

    /** A commit of {@code lines} (actions as JSON text) at {@code version}, one second after the one before. */
    HandMadeLog commit(long version, String... lines) throws IOException {
        Files.writeString(log.resolve(String.format("%020d.json", version)), String.join("\n", lines) + "\n",
                StandardCharsets.UTF_8);
        return this;
    }

    String commitInfo(long version, String operation, String writer, long readVersion) {
        return "{\"commitInfo\":{\"timestamp\":" + (start + version * 1000) + ",\"operation\":\"" + operation
                + "\",\"operationParameters\":{},\"readVersion\":" + readVersion + ",\"isBlindAppend\":true,"
                + "\"engineInfo\":\"" + writer + "\",\"txnId\":\"t-" + version + "\"}}";
    }

    static String protocol() {
        return "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}";
    }

    static String metaData(String id, String schema) {
        return "{\"metaData\":{\"id\":\"" + id + "\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":\""
                + schema + "\",\"partitionColumns\":[],\"configuration\":{},\"createdTime\":1700000000000}}";
    }

    static String add(String path) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{},\"size\":100,\"modificationTime\":1700000000000,"
                + "\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":10}\"}}";
    }

    static String remove(String path) {
        return "{\"remove\":{\"path\":\"" + path + "\",\"deletionTimestamp\":1700000000000,\"dataChange\":true}}";
    }

    static String txn(String appId, long version) {
        return "{\"txn\":{\"appId\":\"" + appId + "\",\"version\":" + version + "}}";
    }

    /** A table created at v0 and appended to by writers a and b up to {@code last}, each commit reading the one before. */
    HandMadeLog appends(long last) throws IOException {
        commit(0, commitInfo(0, "CREATE TABLE", "a", -1), protocol(), metaData("id-1", SCHEMA));
        for (long v = 1; v <= last; v++) {
            List<String> lines = new ArrayList<>(List.of(commitInfo(v, "WRITE", v % 2 == 0 ? "a" : "b", v - 1),
                    add("part-" + v + ".parquet")));
            commit(v, lines.toArray(String[]::new));
        }
        return this;
    }
}
