package dev.sluice.scenario.s3;

import dev.sluice.scenario.Scenario;
import java.util.List;

/** The S3 engine's scenarios, in the order `sluice scenarios` lists them. */
public final class S3Scenarios {

    private S3Scenarios() {
    }

    public static List<Scenario> all() {
        return List.of(ReaderScenario.sharedClient(), ReaderScenario.threadLocalClients(), new ForeignCloseScenario(),
                new BlockingCallbackScenario(), ReaderScenario.clientChurn());
    }
}
