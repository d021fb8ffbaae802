package dev.sluice.ui.connections;

import dev.sluice.profile.ProfileCheck;
import dev.sluice.profile.ProfileStore;
import dev.sluice.ui.ViewLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Opens the Connections dialog over the console: the shell's menu entry calls {@link #show}. */
public final class ConnectionsDialog {

    private ConnectionsDialog() {
    }

    /**
     * Shows the dialog (window-modal over {@code owner}, its stylesheets) on {@code store}; checks run
     * on a daemon thread of the dialog's own. {@code onClose} runs on the FX thread when it closes,
     * so the shell can reload its profile chooser. Returns the dialog's stage.
     */
    public static Stage show(Window owner, ProfileStore store, ProfileCheck check, Runnable onClose) {
        ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sluice-profile-check");
            t.setDaemon(true);
            return t;
        });
        ConnectionsViewModel vm = new ConnectionsViewModel(store, check, checks, Platform::runLater);
        ViewLoader.Loaded<ConnectionsView> loaded = ViewLoader.load(ConnectionsView.class);
        vm.load();
        loaded.view().bind(vm, "profiles of " + store.file());
        Stage stage = new Stage();
        stage.setTitle("Connections");
        Scene scene = new Scene(loaded.root());
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
            if (owner.getScene() != null) {
                scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            }
        }
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            checks.shutdownNow();
            onClose.run();
        });
        stage.show();
        return stage;
    }
}
