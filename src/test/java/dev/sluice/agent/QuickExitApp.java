package dev.sluice.agent;

/**
 * A user app whose main returns at once: the job exits while the agent's weaving is still being built and before its
 * trace writer has opened (the shutdown hook must still leave a complete trace).
 */
public final class QuickExitApp {

    private QuickExitApp() {
    }

    public static void main(String[] args) {
        // nothing: the JVM exits as soon as the agent's premain has returned
    }
}
