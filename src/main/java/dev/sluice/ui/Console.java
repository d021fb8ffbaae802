package dev.sluice.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.sluice.profile.ProfileCheck;
import dev.sluice.profile.ProfileStore;
import dev.sluice.ui.attach.AttachDialog;
import dev.sluice.ui.connections.ConnectionsDialog;
import dev.sluice.ui.findings.FindingsView;
import dev.sluice.ui.findings.FindingsViewModel;
import dev.sluice.ui.shell.ShellView;
import dev.sluice.ui.shell.ShellViewModel;
import dev.sluice.ui.status.StatusView;
import dev.sluice.ui.status.StatusViewModel;
import dev.sluice.ui.timeline.TimelineView;
import dev.sluice.ui.timeline.TimelineViewModel;
import dev.sluice.ui.transport.TransportView;
import dev.sluice.ui.transport.TransportViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * Builds the console: one session, a ViewModel per view, the views from their FXML, the theme and
 * the keyboard. Used by {@link ConsoleApp} and by the UI tests.
 */
public final class Console {

    private final ConsoleSession session = new ConsoleSession();
    /** Loads and compares two runs, off the FX thread. */
    private final Background compares = Background.serial("sluice-compare-");
    private final EmbeddedServers servers = EmbeddedServers.standard(Platform::runLater);
    private final Stage stage;
    private final Scene scene;
    private final ShellView shell;
    private final ShellViewModel shellModel;
    private final TransportView transport;
    private final FindingsView findings;
    private final FindingsViewModel findingsModel;
    private final TimelineViewModel timelineModel;
    private final List<EngineView.Built> engineViews = new ArrayList<>();

    private Console(Stage stage) {
        this.stage = stage;
        shellModel = new ShellViewModel(session);
        ViewLoader.Loaded<ShellView> shellView = ViewLoader.load(ShellView.class);
        shell = shellView.view();
        shell.bind(shellModel);

        ViewLoader.Loaded<TransportView> t = ViewLoader.load(TransportView.class);
        transport = t.view();
        transport.bind(new TransportViewModel(session));
        ViewLoader.Loaded<StatusView> s = ViewLoader.load(StatusView.class);
        s.view().bind(new StatusViewModel(session, servers.stateProperty()));
        ViewLoader.Loaded<FindingsView> f = ViewLoader.load(FindingsView.class);
        findings = f.view();
        findingsModel = new FindingsViewModel(session);
        findings.bind(findingsModel);
        ViewLoader.Loaded<TimelineView> tl = ViewLoader.load(TimelineView.class);
        timelineModel = new TimelineViewModel(session);
        tl.view().bind(timelineModel);
        List<ShellView.EngineTab> tabs = new ArrayList<>();
        for (EngineView<?, ?> spec : EngineView.ALL) {
            EngineView.Built built = spec.build(session);
            engineViews.add(built);
            tabs.add(new ShellView.EngineTab(spec.title(), spec.tooltip(), built.root()));
        }
        shell.place(t.root(), s.root(), f.root(), tl.root(), tabs);
        shell.onFind(findings::focusSearch);
        ProveFix prove = new ProveFix(session, compares, c -> CompareWindow.show(stage, c));
        findingsModel.onRunWithFix(prove::runWithFix);
        shell.onCompare(prove::compare);
        shell.onAttach(() -> AttachDialog.show(stage, shellModel::attach, shellModel.attachNote(),
                shellModel.attachedPids()));
        shell.onConnections(() -> ConnectionsDialog.show(stage, ProfileStore.user(), ProfileCheck.standard(),
                shellModel.profiles()::reload));
        // hidden tabs skip painting; paint the one that comes into view
        shell.tabs().getSelectionModel().selectedItemProperty().addListener((obs, old, tab) ->
                Platform.runLater(() -> tab.getContent().lookupAll(".canvas-pane")
                        .forEach(n -> ((CanvasPane) n).redraw())));

        WindowSize size = WindowSize.fitted(1480, 900);
        scene = new Scene(shellView.root(), size.width(), size.height());
        scene.getStylesheets().add(Objects.requireNonNull(Console.class.getResource("/assets/css/console.css")).toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        session.paletteProperty().addListener((obs, old, now) -> applyTheme(Palette.DARK.equals(now)));
        applyTheme(false);
        session.onErrorProperty().set(this::showError);
        stage.setTitle("Sluice");
        stage.setScene(scene);
        // the console owns the session's threads and pulse: they live as long as its window
        stage.setOnHidden(e -> {
            session.stop();
            compares.shutdown();
            servers.stop();
        });
        session.start();
    }

    /** Builds the console into {@code stage} (not shown yet); FX thread only. */
    public static Console create(Stage stage) {
        FxThread.check("building the console");
        return new Console(stage);
    }

    /** Checks the embedded servers in the background; the status bar shows starting, ready or failed. */
    public void checkEmbeddedServers() {
        servers.check();
    }

    public EmbeddedServers servers() {
        return servers;
    }

    private void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        scene.getRoot().getStyleClass().removeAll("theme-dark", "theme-light");
        scene.getRoot().getStyleClass().add(dark ? "theme-dark" : "theme-light");
    }

    /** Space plays/pauses, arrows step (with Shift: findings) — unless typing in a text field. */
    private void key(KeyEvent e) {
        if (e.getTarget() instanceof TextInputControl || e.isShortcutDown()) {
            return;
        }
        if (e.getCode() == KeyCode.SPACE) {
            session.togglePlay();
            e.consume();
        } else if (e.getCode() == KeyCode.RIGHT || e.getCode() == KeyCode.LEFT) {
            int direction = e.getCode() == KeyCode.RIGHT ? 1 : -1;
            if (e.isShiftDown()) {
                session.stepFinding(direction);
            } else {
                session.stepEvent(direction);
            }
            e.consume();
        }
    }

    private void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(stage);
        alert.setTitle("Sluice");
        alert.setHeaderText(title);
        alert.setContentText(message);
        alert.getDialogPane().setId("error-dialog");
        alert.show();
    }

    public ConsoleSession session() {
        return session;
    }

    public Stage stage() {
        return stage;
    }

    public ShellView shell() {
        return shell;
    }

    public ShellViewModel shellModel() {
        return shellModel;
    }

    public TransportView transport() {
        return transport;
    }

    public FindingsView findings() {
        return findings;
    }

    public FindingsViewModel findingsModel() {
        return findingsModel;
    }

    public TimelineViewModel timelineModel() {
        return timelineModel;
    }

    /** The ViewModel of the engine view whose ViewModel is a {@code type} (tests and benchmarks look at one). */
    public <M> M engineModel(Class<M> type) {
        return engineViews.stream().map(EngineView.Built::viewModel).filter(type::isInstance).map(type::cast)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no engine view has a " + type.getSimpleName()));
    }
}
