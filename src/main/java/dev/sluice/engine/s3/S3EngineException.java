package dev.sluice.engine.s3;

/** The S3 engine could not do what was asked; the message says what and where. */
public class S3EngineException extends Exception {

    public S3EngineException(String message) {
        super(message);
    }

    public S3EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
