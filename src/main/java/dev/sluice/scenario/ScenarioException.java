package dev.sluice.scenario;

/** A scenario could not run; {@code stage} says where (for example "start embedded S3"). */
public class ScenarioException extends Exception {

    private final String stage;

    public ScenarioException(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public ScenarioException(String stage, String message) {
        this(stage, message, null);
    }

    public String stage() {
        return stage;
    }
}
