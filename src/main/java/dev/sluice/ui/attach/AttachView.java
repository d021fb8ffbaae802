package dev.sluice.ui.attach;

import dev.sluice.source.attach.LocalJvms;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;

/**
 * The Attach dialog's content: the local JVMs (pid, main class) with Refresh and Attach, or HOST:PORT (and a
 * token variable) of an agent already listening with Connect; the one-line refusal below. Enter attaches the
 * selected row (a double click too), Esc closes.
 */
public final class AttachView {

    @FXML private BorderPane root;
    @FXML private Label noteLabel;
    @FXML private TableView<LocalJvms.Jvm> jvmTable;
    @FXML private TableColumn<LocalJvms.Jvm, String> pidColumn;
    @FXML private TableColumn<LocalJvms.Jvm, String> mainColumn;
    @FXML private TableColumn<LocalJvms.Jvm, String> statusColumn;
    @FXML private Label placeholderLabel;
    @FXML private Button refreshButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button attachButton;
    @FXML private TextField addressField;
    @FXML private TextField tokenField;
    @FXML private Button connectButton;
    @FXML private Button closeButton;
    @FXML private Label errorLabel;

    private AttachViewModel vm;

    public void bind(AttachViewModel model) {
        this.vm = model;
        noteLabel.textProperty().bind(model.noteProperty());
        noteLabel.visibleProperty().bind(model.noteProperty().isNotEmpty());
        noteLabel.managedProperty().bind(noteLabel.visibleProperty());
        jvmTable.setItems(model.jvms());
        pidColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().pid()));
        mainColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().mainClass()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(model.status(c.getValue())));
        placeholderLabel.textProperty().bind(model.placeholderProperty());
        jvmTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> jvmTable.getSelectionModel().select(now));
        jvmTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.attachSelected();
                e.consume();
            }
        });
        jvmTable.setRowFactory(table -> {
            TableRow<LocalJvms.Jvm> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    model.attachSelected();
                }
            });
            return row;
        });
        refreshButton.disableProperty().bind(model.listingProperty());
        busyIndicator.visibleProperty().bind(model.listingProperty().or(model.attachingProperty()));
        attachButton.disableProperty().bind(model.attachingProperty().or(model.selectedProperty().isNull()));
        addressField.textProperty().bindBidirectional(model.addressProperty());
        tokenField.textProperty().bindBidirectional(model.tokenEnvProperty());
        errorLabel.textProperty().bind(model.errorProperty());
        errorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        tip(jvmTable, "The Java processes of this user on this machine (the Attach API), Sluice itself left out;"
                + " Enter or a double click attaches the selected one");
        tip(refreshButton, "List the local Java processes again");
        tip(attachButton, "Load Sluice's agent into the selected process, listening on a free loopback port, and show"
                + " its events live (Enter). JDK 21+ prints a warning there unless it was started with"
                + " -XX:+EnableDynamicAgentLoading; clients it built before the attach are not seen");
        tip(addressField, "The address an agent listens on: -javaagent:sluice-agent.jar=listen=HOST:PORT, or what"
                + " `sluice attach PID --listen 127.0.0.1:0` printed (Enter connects)");
        tip(tokenField, "Only for an address that is not loopback: the NAME of this process's environment variable"
                + " holding the agent's token (never the token itself)");
        tip(connectButton, "Connect to the agent listening at HOST:PORT and show its events live");
        tip(closeButton, "Close without attaching (Esc)");
    }

    /** Puts the keyboard in the list, so Enter attaches the selected process. */
    public void focusList() {
        jvmTable.requestFocus();
    }

    private static void tip(Control control, String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        control.setTooltip(t);
    }

    public BorderPane root() {
        return root;
    }

    @FXML
    private void onRefresh() {
        vm.refresh();
    }

    @FXML
    private void onAttach() {
        vm.attachSelected();
    }

    @FXML
    private void onConnect() {
        vm.connect();
    }

    @FXML
    private void onClose() {
        root.getScene().getWindow().hide();
    }
}
