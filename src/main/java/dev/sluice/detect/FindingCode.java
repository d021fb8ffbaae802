package dev.sluice.detect;

import dev.sluice.event.Engine;

/** The stable codes of findings; their names are part of the CLI and JSON contract. */
public enum FindingCode {
    EVENTS_DROPPED(Engine.APP, Severity.WARNING),
    SCENARIO_FAILED(Engine.APP, Severity.ERROR),

    CLIENT_LEAKED(Engine.S3, Severity.ERROR),
    FOREIGN_CLOSE(Engine.S3, Severity.ERROR),
    BLOCKING_ON_EVENT_LOOP(Engine.S3, Severity.ERROR),
    FUTURE_NEVER_COMPLETED(Engine.S3, Severity.ERROR),
    CLIENT_CHURN(Engine.S3, Severity.WARNING),
    REQUESTS_FAILED(Engine.S3, Severity.ERROR),

    FLOW_CONTROL_STALL(Engine.FLIGHT, Severity.ERROR),
    STREAM_SLOT_STARVATION(Engine.FLIGHT, Severity.ERROR),
    BUFFER_BUDGET_EXCEEDED(Engine.FLIGHT, Severity.WARNING),
    STREAMS_FAILED(Engine.FLIGHT, Severity.ERROR),

    CONCURRENT_CREATE_CONFLICT(Engine.DELTA, Severity.ERROR),
    SCHEMA_RACE_CONFLICT(Engine.DELTA, Severity.ERROR),
    COMMIT_CONFLICT(Engine.DELTA, Severity.WARNING),
    COMMITS_FAILED(Engine.DELTA, Severity.ERROR),
    UNOBSERVED_FAILURE(Engine.DELTA, Severity.ERROR),
    LOST_WRITES(Engine.DELTA, Severity.ERROR),
    CORRUPT_LOG(Engine.DELTA, Severity.ERROR),
    /** From a table's log alone (an imported history): what the winning commits show. */
    CONCURRENT_COMMITS(Engine.DELTA, Severity.INFO),
    SCHEMA_CHANGED_DURING_WRITES(Engine.DELTA, Severity.WARNING),
    TABLE_RECREATED(Engine.DELTA, Severity.WARNING),
    LOG_GAP(Engine.DELTA, Severity.ERROR),
    DUPLICATE_TXN(Engine.DELTA, Severity.ERROR),
    DUPLICATE_FILE_ADD(Engine.DELTA, Severity.WARNING);

    private final Engine engine;
    private final Severity severity;

    FindingCode(Engine engine, Severity severity) {
        this.engine = engine;
        this.severity = severity;
    }

    public Engine engine() {
        return engine;
    }

    /** The usual severity; a detector may raise or lower it for one finding. */
    public Severity severity() {
        return severity;
    }
}
