package dev.sluice.ui.attach;

import dev.sluice.source.attach.AgentLiveSource;
import dev.sluice.source.attach.LocalJvms;
import dev.sluice.ui.ViewLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens the Attach dialog over the console: File › Attach to a running job… (Ctrl+Shift+A) calls {@link #show}. */
public final class AttachDialog {

    private AttachDialog() {
    }

    /** With the real local JVMs and the agent beside Sluice's jar. */
    public static Stage show(Window owner, Consumer<AgentLiveSource> attach, String note, Set<String> live) {
        return show(owner, LocalJvms::list, AttachViewModel.LISTEN_ON_LOOPBACK, attach, note, live);
    }

    /**
     * Shows the dialog (window-modal over {@code owner}, its stylesheets) and lists the JVMs; listing and loading
     * the agent run on a daemon thread of the dialog's own. It closes once a process is handed to {@code attach}
     * (on the FX thread), or on Esc; {@code note} and {@code live} say what is attached now. Returns the dialog's stage.
     */
    public static Stage show(Window owner, Supplier<List<LocalJvms.Jvm>> lister, AttachViewModel.AgentLoader loader,
                             Consumer<AgentLiveSource> attach, String note, Set<String> live) {
        ExecutorService work = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sluice-attach");
            t.setDaemon(true);
            return t;
        });
        AttachViewModel vm = new AttachViewModel(lister, loader, work, Platform::runLater, attach, note, live);
        ViewLoader.Loaded<AttachView> loaded = ViewLoader.load(AttachView.class);
        loaded.view().bind(vm);
        Stage stage = new Stage();
        stage.setTitle("Attach to a running job");
        Scene scene = new Scene(loaded.root());
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
            if (owner.getScene() != null) {
                scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            }
        }
        stage.setScene(scene);
        vm.onAttached(stage::hide);
        stage.setOnHidden(e -> {
            vm.cancel(); // a connect still in flight must not replace the live run once the user said no
            work.shutdownNow();
        });
        stage.show();
        loaded.view().focusList();
        vm.refresh();
        return stage;
    }
}
