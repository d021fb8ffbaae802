package dev.sluice.source.deltalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.event.DeltaEvent.LoggedFlag;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one commit file: newline-delimited JSON, one action per line (Delta protocol, "Delta Log
 * Entries"). Any writer's file reads, whatever else it carries: unknown actions and fields are skipped.
 * A line that is not a JSON object, or an action without what the protocol requires, makes the whole
 * commit unreadable: half a commit is not history.
 */
final class CommitParser {

    /** The row count in an add's statistics (a JSON string): a pattern, not a second parse per file. */
    private static final Pattern NUM_RECORDS = Pattern.compile("\"numRecords\"\\s*:\\s*(\\d{1,18})");
    private final ObjectMapper json;

    CommitParser(ObjectMapper json) {
        this.json = json;
    }

    /** A commit file that does not read: where ({@code line} 1-based, 0 for the whole file) and why, in one line. */
    static final class UnreadableCommit extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        UnreadableCommit(int line, String problem) {
            super(problem);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    /** Reads commit {@code version} from {@code file}; {@code modifiedMillis} is its time when the commit records none. */
    LoggedCommit read(long version, InputStream file, long modifiedMillis) throws IOException, UnreadableCommit {
        Builder b = new Builder(version);
        int lineNo = 0;
        int actions = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(file, StandardCharsets.UTF_8.newDecoder()))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode action;
                try {
                    action = json.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new UnreadableCommit(lineNo, "not JSON: " + e.getOriginalMessage().replaceAll("\\s+", " ")); // one line
                }
                if (action == null || !action.isObject() || action.isEmpty()) {
                    throw new UnreadableCommit(lineNo, "not an action (a JSON object naming one action)");
                }
                b.action(action, lineNo);
                actions++;
            }
        } catch (MalformedInputException e) {
            throw new UnreadableCommit(lineNo + 1, "not UTF-8 text");
        }
        if (actions == 0) {
            throw new UnreadableCommit(0, "holds no action (an empty commit file)");
        }
        long ts = b.timestamp >= 0 ? b.timestamp : modifiedMillis;
        return new LoggedCommit(version, ts, b.operation, b.engineInfo, b.txnId, b.userMetadata, b.readVersion,
                b.blindAppend, b.txnAppId, b.txnVersion, b.tableId, b.schema, b.protocol, b.rows(), b.files);
    }

    /** The fields of one commit as its actions come. */
    private static final class Builder {
        private final long version;
        private long timestamp = -1;
        private String operation = "";
        private String engineInfo = "";
        private String txnId = "";
        private String userMetadata = "";
        private long readVersion = -1;
        private LoggedFlag blindAppend = LoggedFlag.UNRECORDED;
        private String txnAppId = "";
        private long txnVersion = -1;
        private String tableId = "";
        private String schema;
        private String protocol = "";
        private long rowsAdded = -1;
        /** Rows in the added files' statistics, for writers that record no operation metrics; -1 when any lacks them. */
        private long statsRows;
        private final List<LoggedCommit.FileAction> files = new ArrayList<>();

        Builder(long version) {
            this.version = version;
        }

        void action(JsonNode action, int line) throws UnreadableCommit {
            JsonNode n;
            if ((n = action.get("add")) != null) {
                files.add(file(n, true, line));
                countRows(n.path("stats").asText(""));
            } else if ((n = action.get("remove")) != null) {
                files.add(file(n, false, line));
            } else if ((n = action.get("commitInfo")) != null) {
                commitInfo(n);
            } else if ((n = action.get("metaData")) != null) {
                tableId = n.path("id").asText("");
                schema = n.path("schemaString").asText("");
            } else if ((n = action.get("protocol")) != null) {
                protocol = protocol(n, line);
            } else if ((n = action.get("txn")) != null && txnAppId.isEmpty()) {
                // a commit carries one txn per application; the first names it
                if (!n.path("appId").isTextual() || !n.path("version").canConvertToLong()) {
                    throw new UnreadableCommit(line, "txn without appId and version");
                }
                txnAppId = n.get("appId").asText();
                txnVersion = n.get("version").asLong();
            }
        }

        private void commitInfo(JsonNode n) {
            JsonNode ict = n.path("inCommitTimestamp");
            JsonNode ts = ict.canConvertToLong() ? ict : n.path("timestamp");
            timestamp = ts.canConvertToLong() ? ts.asLong() : -1;
            operation = n.path("operation").asText("");
            engineInfo = n.path("engineInfo").asText("");
            txnId = n.path("txnId").asText("");
            userMetadata = n.path("userMetadata").asText("");
            readVersion = n.path("readVersion").canConvertToLong() ? n.path("readVersion").asLong() : -1;
            JsonNode blind = n.path("isBlindAppend");
            blindAppend = blind.isBoolean() ? (blind.asBoolean() ? LoggedFlag.TRUE : LoggedFlag.FALSE) : LoggedFlag.UNRECORDED;
            // Spark records metrics as strings, others as numbers
            JsonNode rows = n.path("operationMetrics").path("numOutputRows");
            rowsAdded = rows.asText("").matches("\\d{1,18}") ? Long.parseLong(rows.asText()) : -1;
        }

        private void countRows(String stats) {
            Matcher m = NUM_RECORDS.matcher(stats);
            statsRows = statsRows < 0 || !m.find() ? -1 : statsRows + Long.parseLong(m.group(1));
        }

        long rows() {
            return rowsAdded >= 0 ? rowsAdded : statsRows;
        }

        private LoggedCommit.FileAction file(JsonNode n, boolean add, int line) throws UnreadableCommit {
            if (!n.path("path").isTextual()) {
                throw new UnreadableCommit(line, (add ? "add" : "remove") + " without a path");
            }
            JsonNode size = n.path("size");
            return new LoggedCommit.FileAction(add, n.get("path").asText(), n.path("dataChange").asBoolean(true),
                    size.canConvertToLong() ? size.asLong() : -1);
        }

        private static String protocol(JsonNode n, int line) throws UnreadableCommit {
            if (!n.path("minReaderVersion").canConvertToInt() || !n.path("minWriterVersion").canConvertToInt()) {
                throw new UnreadableCommit(line, "protocol without minReaderVersion and minWriterVersion");
            }
            return "reader " + n.get("minReaderVersion").asInt() + features(n.path("readerFeatures"))
                    + ", writer " + n.get("minWriterVersion").asInt() + features(n.path("writerFeatures"));
        }

        private static String features(JsonNode list) {
            if (!list.isArray() || list.isEmpty()) {
                return "";
            }
            List<String> names = new ArrayList<>();
            list.forEach(f -> names.add(f.asText()));
            return " (" + String.join(", ", names) + ")";
        }

        @Override
        public String toString() {
            return "commit " + version;
        }
    }
}
