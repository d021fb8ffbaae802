package dev.sluice.detect;

import dev.sluice.event.AppEvent.ScenarioFailed;
import dev.sluice.event.Event;
import java.util.List;

/** {@code SCENARIO_FAILED}: a scenario could not start or died; says what and where. */
public final class ScenarioFailedDetector implements Detector {

    private int count;

    @Override
    public Consumes consumes() {
        return Consumes.kinds(ScenarioFailed.class);
    }

    @Override
    public void onEvent(Event event, FindingSink findings) {
        if (!(event.body() instanceof ScenarioFailed f)) {
            return;
        }
        count++;
        findings.report(Finding.of("SCENARIO_FAILED/" + count, FindingCode.SCENARIO_FAILED, event.timeNanos(),
                List.of(ResourceRef.of("scenario", f.scenario())),
                f.scenario() + " failed during " + f.stage() + ": " + f.message(),
                "The scenario " + f.scenario() + " stopped during " + f.stage() + " with " + f.error() + ": "
                        + f.message() + ". Events recorded before the failure are kept.",
                "Check the settings of " + f.stage() + " (endpoint, port, credentials profile) and run again."));
    }
}
