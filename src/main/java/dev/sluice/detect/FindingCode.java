package dev.sluice.detect;

import dev.sluice.event.Engine;

/** The stable codes of findings; their names are part of the CLI and JSON contract. Each may know its fix as settings. */
public enum FindingCode {
    EVENTS_DROPPED(Engine.APP, Severity.WARNING, null),
    SCENARIO_FAILED(Engine.APP, Severity.ERROR, null),

    CLIENT_LEAKED(Engine.S3, Severity.ERROR, Fixes.SHARED_CLIENT),
    FOREIGN_CLOSE(Engine.S3, Severity.ERROR, null),
    BLOCKING_ON_EVENT_LOOP(Engine.S3, Severity.ERROR, null),
    FUTURE_NEVER_COMPLETED(Engine.S3, Severity.ERROR, null),
    CLIENT_CHURN(Engine.S3, Severity.WARNING, Fixes.SHARED_CLIENT),
    REQUESTS_FAILED(Engine.S3, Severity.ERROR, null),

    FLOW_CONTROL_STALL(Engine.FLIGHT, Severity.ERROR, Fixes.DRAIN),
    STREAM_SLOT_STARVATION(Engine.FLIGHT, Severity.ERROR, Fixes.DRAIN),
    BUFFER_BUDGET_EXCEEDED(Engine.FLIGHT, Severity.WARNING, null),
    STREAMS_FAILED(Engine.FLIGHT, Severity.ERROR, null),

    CONCURRENT_CREATE_CONFLICT(Engine.DELTA, Severity.ERROR, Fixes.CREATE_FIRST),
    SCHEMA_RACE_CONFLICT(Engine.DELTA, Severity.ERROR, null),
    COMMIT_CONFLICT(Engine.DELTA, Severity.WARNING, Fixes.BLIND_APPEND),
    COMMITS_FAILED(Engine.DELTA, Severity.ERROR, null),
    UNOBSERVED_FAILURE(Engine.DELTA, Severity.ERROR, Fixes.OBSERVED_WRITERS),
    LOST_WRITES(Engine.DELTA, Severity.ERROR, null),
    CORRUPT_LOG(Engine.DELTA, Severity.ERROR, Fixes.SAFE_LOG_STORE),
    /** From a table's log alone (an imported history): what the winning commits show. */
    CONCURRENT_COMMITS(Engine.DELTA, Severity.INFO, null),
    SCHEMA_CHANGED_DURING_WRITES(Engine.DELTA, Severity.WARNING, null),
    TABLE_RECREATED(Engine.DELTA, Severity.WARNING, null),
    LOG_GAP(Engine.DELTA, Severity.ERROR, null),
    DUPLICATE_TXN(Engine.DELTA, Severity.ERROR, null),
    DUPLICATE_FILE_ADD(Engine.DELTA, Severity.WARNING, null);

    private final Engine engine;
    private final Severity severity;
    private final Fix fix;

    FindingCode(Engine engine, Severity severity, Fix fix) {
        this.engine = engine;
        this.severity = severity;
        this.fix = fix;
    }

    public Engine engine() {
        return engine;
    }

    /** The usual severity; a detector may raise or lower it for one finding. */
    public Severity severity() {
        return severity;
    }

    /**
     * The usual fix as settings, or null when this hazard's fix is code, not a setting, or depends on
     * the run (then each finding says: {@link Finding#settingFix()}).
     */
    public Fix fix() {
        return fix;
    }
}
