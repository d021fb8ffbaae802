package dev.sluice.ui;

import dev.sluice.profile.CheckListener;
import dev.sluice.profile.CheckResult;
import dev.sluice.profile.Profile;
import dev.sluice.profile.ProfileCheck;
import dev.sluice.ui.status.ServersState;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launch check of the embedded servers, so the first frame already says whether a run on the
 * embedded defaults can start (starting, ready, or failed with why): the built-in profile's
 * {@code profiles test}, on a thread of its own, its progress and result handed to {@code ui}.
 */
public final class EmbeddedServers {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);

    private final Executor ui;
    private final Function<CheckListener, List<CheckResult>> check;
    private final Background thread = Background.serial("sluice-servers-");
    private final ObjectProperty<ServersState> state = new SimpleObjectProperty<>(ServersState.NOT_CHECKED);

    /** {@code check} runs the checks, telling the listener as it goes (normally the embedded profile's). */
    EmbeddedServers(Executor ui, Function<CheckListener, List<CheckResult>> check) {
        this.ui = ui;
        this.check = check;
    }

    /** The built-in profile's checks, results back through {@code ui}. */
    static EmbeddedServers standard(Executor ui) {
        ProfileCheck profileCheck = ProfileCheck.standard();
        return new EmbeddedServers(ui, listener -> profileCheck.run(Profile.embedded(), listener));
    }

    /** Says "starting" now and checks in the background; on the thread {@code ui} runs on. */
    public void check() {
        state.set(ServersState.starting("checking the embedded S3Proxy and Flight server"));
        thread.execute(this::run);
    }

    private void run() {
        ServersState result;
        try {
            result = ServersState.of(check.apply(new CheckListener() {
                @Override
                public void progress(CheckResult.Check c, String subject, String message) {
                    ui.execute(() -> state.set(ServersState.starting(message)));
                }

                @Override
                public void finished(CheckResult r) {
                    // the whole list decides the state
                }
            }));
        } catch (RuntimeException | LinkageError e) { // a missing library too: never "starting…" for ever
            LOG.error("the launch check of the embedded servers failed", e);
            result = ServersState.broken(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (result.phase() == ServersState.Phase.FAILED) {
            LOG.warn("embedded servers: {}", result.text());
        } else {
            LOG.info("embedded servers ready");
        }
        ServersState done = result;
        ui.execute(() -> state.set(done));
    }

    public ReadOnlyObjectProperty<ServersState> stateProperty() {
        return state;
    }

    /** Interrupts a check under way; called when the console closes. */
    void stop() {
        thread.shutdown();
    }
}
