package dev.sluice.scenario;

import dev.sluice.event.Engine;
import java.util.List;

/**
 * Something Sluice can run and watch: an engine doing real work in a configuration that shows (or
 * avoids) one hazard. A scenario ends by itself — on completion, on its own deadline, or when it
 * has found what it came to show — and releases every thread and socket it started.
 */
public interface Scenario {

    /** Stable name, used as {@code sluice run NAME}. */
    String name();

    /** One line for {@code sluice scenarios} and the source bar. */
    String summary();

    Engine engine();

    /** The settings it reads, with defaults; anything else is rejected. */
    List<Setting<?>> settings();

    /**
     * Checks what one setting's type cannot: how settings combine (a minimum above a maximum, an
     * option another one rules out) and whether a given endpoint can be reached. Called when a run
     * is requested, after every value parsed and before anything starts; throws with one line that
     * names the key, the value and what is accepted.
     */
    default void check(Settings settings) throws InvalidSettingException {
    }

    /** Runs to the end on the calling thread, emitting through {@code context.emitter()}. */
    void run(ScenarioContext context) throws Exception;
}
