package dev.sluice.ui.connections;

import atlantafx.base.theme.Styles;
import dev.sluice.profile.CheckResult;
import dev.sluice.profile.Profile;
import dev.sluice.profile.ProfileField;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;

/** The Connections dialog's content: the profile list, the editor of the selected profile, Save, Test and its results. */
public final class ConnectionsView {

    @FXML private BorderPane root;
    @FXML private ListView<Profile> profileList;
    @FXML private Button deleteButton;
    @FXML private Label fileLabel;
    @FXML private GridPane form;
    @FXML private TextField nameField;
    @FXML private TextField descriptionField;
    @FXML private Button saveButton;
    @FXML private Button testButton;
    @FXML private ProgressIndicator testingIndicator;
    @FXML private Label statusLabel;
    @FXML private Label errorLabel;
    @FXML private ListView<CheckResult> resultList;

    private ConnectionsViewModel vm;

    public void bind(ConnectionsViewModel model, String file) {
        this.vm = model;
        fileLabel.setText(file);
        profileList.setItems(model.profiles());
        profileList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Profile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name() + (p.builtIn() ? "  (built-in)" : ""));
            }
        });
        profileList.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> profileList.getSelectionModel().select(now));
        profileList.getSelectionModel().select(model.selectedProperty().get());

        nameField.textProperty().bindBidirectional(model.nameProperty());
        descriptionField.textProperty().bindBidirectional(model.descriptionProperty());
        nameField.disableProperty().bind(model.builtInProperty());
        descriptionField.disableProperty().bind(model.builtInProperty());
        int row = 2;
        for (ProfileField f : ProfileField.values()) {
            Label label = new Label(f.path());
            label.setTooltip(new Tooltip("--set " + f.setting().key() + ": " + f.setting().type().accepted()));
            TextField field = new TextField();
            field.setUserData(f.path());
            field.setPromptText(f.setting().defaultValue().isEmpty() ? f.setting().type().accepted()
                    : "default " + f.setting().defaultValue());
            field.textProperty().bindBidirectional(model.fieldProperty(f));
            field.disableProperty().bind(model.builtInProperty());
            field.setTooltip(new Tooltip());
            model.problemProperty(f).addListener((obs, old, problem) -> mark(field, problem));
            mark(field, model.problemProperty(f).get());
            form.addRow(row++, label, field);
        }
        saveButton.disableProperty().bind(model.builtInProperty());
        deleteButton.disableProperty().bind(model.builtInProperty());
        testButton.disableProperty().bind(model.testingProperty());
        testingIndicator.visibleProperty().bind(model.testingProperty());
        statusLabel.textProperty().bind(model.statusProperty());
        errorLabel.textProperty().bind(model.errorProperty());
        errorLabel.visibleProperty().bind(model.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        resultList.setItems(model.results());
        resultList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(CheckResult r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.line());
                getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
                setStyle(null);
                if (!empty && r != null && r.status() != CheckResult.Status.SKIPPED) {
                    getStyleClass().add(r.failed() ? Styles.DANGER : Styles.SUCCESS);
                    // AtlantaFX colours text by these looked-up colours; a list cell has no rule of its own for them
                    setStyle("-fx-text-fill: " + (r.failed() ? "-color-danger-fg" : "-color-success-fg") + ";");
                }
            }
        });
    }

    private static void mark(TextField field, String problem) {
        boolean refused = problem != null && !problem.isEmpty();
        field.pseudoClassStateChanged(Styles.STATE_DANGER, refused);
        field.getTooltip().setText(refused ? problem : "");
    }

    public BorderPane root() {
        return root;
    }

    @FXML
    private void onAdd() {
        vm.add();
    }

    @FXML
    private void onDuplicate() {
        vm.duplicate();
    }

    @FXML
    private void onDelete() {
        vm.delete();
    }

    @FXML
    private void onSave() {
        vm.save();
    }

    @FXML
    private void onTest() {
        vm.test();
    }
}
