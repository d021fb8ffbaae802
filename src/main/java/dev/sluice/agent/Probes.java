package dev.sluice.agent;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Emitter;
import dev.sluice.event.EventBody;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the probes emit, and each probe's health. A probe that throws is disabled from then on and
 * says so once, as a {@link AppEvent.Note} in the trace: the job never sees the failure.
 */
public final class Probes {

    private static volatile Emitter emitter = Emitter.NOOP;
    private static volatile ProbeName failOnFirstCall;
    private static final Map<ProbeName, String> DISABLED = new ConcurrentHashMap<>(); // why each failed probe was disabled

    private Probes() {
    }

    static void start(Emitter to, ProbeName fail) {
        failOnFirstCall = fail;
        emitter = to;
    }

    static void stop() {
        emitter = Emitter.NOOP;
    }

    /** Whether {@code probe} should run: events go somewhere and it has not failed. */
    public static boolean on(ProbeName probe) {
        if (!emitter.enabled() || DISABLED.containsKey(probe)) {
            return false;
        }
        if (failOnFirstCall == probe) {
            failOnFirstCall = null;
            throw new IllegalStateException("test.failProbe=" + probe.id() + " makes this probe fail");
        }
        return true;
    }

    static void emit(EventBody body) {
        emitter.emit(body);
    }

    /** The weaving could not be built: every probe is off, and the trace says once that it saw nothing of the job. */
    static void weavingFailed(Throwable error) {
        String why = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        for (ProbeName p : ProbeName.values()) {
            DISABLED.putIfAbsent(p, why);
        }
        emitter.emit(new AppEvent.Note("sluice agent: no probe is woven (" + why + "): this trace shows nothing of the"
                + " job's clients, channels or commits, so its findings prove nothing"));
    }

    /** A note in the trace from the agent itself. */
    static void note(String text) {
        emitter.emit(new AppEvent.Note("sluice agent: " + text));
    }

    /** Disables {@code probe} after {@code error}; the first failure of each probe is reported as an event. */
    public static void failed(ProbeName probe, Throwable error) {
        String why = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        if (DISABLED.putIfAbsent(probe, why) == null) {
            emitter.emit(new AppEvent.Note("sluice agent: probe " + probe.id() + " disabled after " + why));
        }
    }
}
