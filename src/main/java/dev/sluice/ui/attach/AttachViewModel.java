package dev.sluice.ui.attach;

import dev.sluice.source.SourceException;
import dev.sluice.source.attach.AgentAddress;
import dev.sluice.source.attach.AgentLiveSource;
import dev.sluice.source.attach.LocalJvms;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Attach dialog: the local JVMs (the Attach API, listed on {@code background}, never the UI thread)
 * to load Sluice's agent into and connect to, or the address of an agent already listening. What to attach
 * goes to {@code attach} as an {@link AgentLiveSource} (the shell starts it, or adds it to the attached run
 * that is live); a refusal is one line in the dialog.
 */
public final class AttachViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(AttachViewModel.class);
    static final String LISTING = "Listing the Java processes on this machine…";
    static final String NONE = "No other Java processes are running on this machine (as this user). Start the job,"
            + " then Refresh; or connect to an agent already listening, below.";

    /** Loads the agent into a local JVM so that it listens; returns the address it listens on. */
    @FunctionalInterface
    public interface AgentLoader {
        String listen(String pid) throws SourceException;
    }

    /** The agent beside Sluice's jar, listening on a free loopback port (as {@code sluice attach PID --listen}). */
    public static final AgentLoader LISTEN_ON_LOOPBACK = pid -> LocalJvms.load(pid, LocalJvms.agentJar(),
            "listen=127.0.0.1:0");

    /** Set on the FX thread when the dialog closes (Esc, the window's close box). */
    private boolean cancelled;
    private final Supplier<List<LocalJvms.Jvm>> lister;
    private final AgentLoader loader;
    private final Executor background;
    private final Executor ui;
    private final Consumer<AgentLiveSource> attach;
    private final ObservableList<LocalJvms.Jvm> jvms = FXCollections.observableArrayList();
    private final ObjectProperty<LocalJvms.Jvm> selected = new SimpleObjectProperty<>();
    private final BooleanProperty listing = new SimpleBooleanProperty();
    private final BooleanProperty attaching = new SimpleBooleanProperty();
    private final StringProperty placeholder = new SimpleStringProperty(LISTING);
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("127.0.0.1:");
    private final StringProperty tokenEnv = new SimpleStringProperty("");
    private final StringProperty note;
    private final Set<String> live;
    private Runnable onAttached = () -> { };

    /**
     * @param lister     the local JVMs other than this one ({@link LocalJvms#list})
     * @param background where listing and loading the agent run (they can take seconds)
     * @param ui         where their results are shown ({@code Platform::runLater})
     * @param note       what attaching does to what is live now, one line ("" when nothing is)
     * @param live       the process ids already attached and live
     */
    public AttachViewModel(Supplier<List<LocalJvms.Jvm>> lister, AgentLoader loader, Executor background, Executor ui,
                           Consumer<AgentLiveSource> attach, String note, Set<String> live) {
        this.lister = lister;
        this.loader = loader;
        this.background = background;
        this.ui = ui;
        this.attach = attach;
        this.note = new SimpleStringProperty(note);
        this.live = Set.copyOf(live);
    }

    /** What the list says of {@code jvm} beside its pid and main class: whether it is attached now. */
    public String status(LocalJvms.Jvm jvm) {
        return live.contains(jvm.pid()) ? "attached, live" : "";
    }

    /** What runs once a process is handed over to be attached (the dialog closes). */
    public void onAttached(Runnable action) {
        this.onAttached = action;
    }

    /** Lists the local JVMs again, in the background. */
    public void refresh() {
        if (listing.get()) {
            return;
        }
        listing.set(true);
        placeholder.set(LISTING);
        background.execute(() -> {
            try {
                List<LocalJvms.Jvm> found = lister.get();
                ui.execute(() -> listed(found, found.isEmpty() ? NONE : ""));
            } catch (RuntimeException e) {
                LOG.warn("listing the local JVMs failed", e);
                ui.execute(() -> listed(List.of(), "Cannot list the Java processes of this machine (" + e.getMessage()
                        + "); connect to an agent already listening, below."));
            }
        });
    }

    private void listed(List<LocalJvms.Jvm> found, String empty) {
        LocalJvms.Jvm was = selected.get();
        jvms.setAll(found);
        selected.set(was != null && found.contains(was) ? was : found.isEmpty() ? null : found.get(0));
        placeholder.set(empty);
        listing.set(false);
    }

    /** Loads the agent into the selected JVM (listening on a free loopback port), then attaches to it. */
    public void attachSelected() {
        LocalJvms.Jvm jvm = selected.get();
        if (jvm == null) {
            error.set("No process picked: pick one in the list, or give the HOST:PORT of an agent below.");
            return;
        }
        if (attaching.get()) {
            return;
        }
        attaching.set(true);
        error.set("");
        background.execute(() -> {
            try {
                String listening = loader.listen(jvm.pid());
                if (listening == null) {
                    throw new SourceException("pid " + jvm.pid(), "the agent loaded but does not listen; accepted: a JVM"
                            + " without Sluice's agent, or with it listening");
                }
                AgentAddress at = AgentAddress.parse(listening);
                AgentLiveSource agent = new AgentLiveSource(at.host(), at.port(), null, jvm.mainClass() + "@" + jvm.pid());
                agent.connect();
                ui.execute(() -> handOver(agent));
            } catch (SourceException | IllegalArgumentException e) {
                LOG.info("attaching pid {} refused: {}", jvm.pid(), e.getMessage(), LOG.isDebugEnabled() ? e : null);
                ui.execute(() -> refused(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("attaching pid {} failed", jvm.pid(), e);
                ui.execute(() -> refused("pid " + jvm.pid() + ": attaching failed: " + e));
            }
        });
    }

    /**
     * Connects to the agent listening at the address field (with the token variable when it is not loopback), in
     * the background; only a connected agent is handed over, so a refusal leaves what is live alone.
     */
    public void connect() {
        AgentAddress at;
        try {
            at = AgentAddress.parse(address.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        String env = tokenEnv.get() == null ? "" : tokenEnv.get().trim();
        if (env.isEmpty() && !at.loopback()) {
            error.set(at.host() + " is not loopback, so the agent asks for a token: give the NAME of the environment"
                    + " variable of this process that holds it.");
            return;
        }
        if (!env.isEmpty() && !env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            error.set("'" + env + "' is not an environment variable's name; accepted: letters, digits and _, like"
                    + " SLUICE_TOKEN");
            return;
        }
        if (!env.isEmpty() && System.getenv(env) == null) {
            error.set("The variable " + env + " is not set in this process: set it to the agent's token, then start"
                    + " Sluice again.");
            return;
        }
        if (attaching.get()) {
            return;
        }
        attaching.set(true);
        error.set("");
        AgentLiveSource agent = new AgentLiveSource(at.host(), at.port(), env.isEmpty() ? null : env, null);
        // connected here, in the background, so a dead address is a line in the dialog and the live run goes on
        background.execute(() -> {
            try {
                agent.connect();
                ui.execute(() -> handOver(agent));
            } catch (SourceException e) {
                LOG.info("connecting to {} refused: {}", agent.address(), e.getMessage(), LOG.isDebugEnabled() ? e : null);
                ui.execute(() -> refused(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("connecting to {} failed", agent.address(), e);
                ui.execute(() -> refused(agent.address() + ": connecting failed: " + e));
            }
        });
    }

    /** The dialog closed: a connection still being made is dropped when it comes, and nothing live is replaced. */
    public void cancel() {
        cancelled = true;
    }

    private void handOver(AgentLiveSource agent) {
        attaching.set(false);
        if (cancelled) {
            agent.discard();
            return;
        }
        attach.accept(agent);
        onAttached.run();
    }

    private void refused(String why) {
        attaching.set(false);
        error.set(why);
    }

    public ObservableList<LocalJvms.Jvm> jvms() {
        return jvms;
    }

    public ObjectProperty<LocalJvms.Jvm> selectedProperty() {
        return selected;
    }

    public BooleanProperty listingProperty() {
        return listing;
    }

    /** True while the agent is being loaded into the selected JVM. */
    public BooleanProperty attachingProperty() {
        return attaching;
    }

    /** What the empty list says: listing, nothing found, or why listing failed. */
    public StringProperty placeholderProperty() {
        return placeholder;
    }

    /** Why the last attach was refused, one line ("" when it was not). */
    public StringProperty errorProperty() {
        return error;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty tokenEnvProperty() {
        return tokenEnv;
    }

    public StringProperty noteProperty() {
        return note;
    }
}
