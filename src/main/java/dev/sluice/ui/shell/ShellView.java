package dev.sluice.ui.shell;

import dev.sluice.scenario.Scenario;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import dev.sluice.ui.PngExport;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The console's frame: menu, source bar, slots for transport, views, findings and status. */
public final class ShellView {

    @FXML private BorderPane root;
    @FXML private ComboBox<Scenario> scenarioBox;
    @FXML private ToggleButton settingsToggle;
    @FXML private FlowPane settingsPane;
    @FXML private Button runButton;
    @FXML private Button stopButton;
    @FXML private ToggleButton recordToggle;
    @FXML private Button openButton;
    @FXML private Label sourceLabel;
    @FXML private CheckMenuItem recordItem;
    @FXML private CheckMenuItem darkItem;
    @FXML private StackPane transportSlot;
    @FXML private StackPane statusSlot;
    @FXML private StackPane findingsSlot;
    @FXML private TabPane tabs;
    @FXML private Tab timelineTab;
    @FXML private Tab loopsTab;
    @FXML private Tab windowsTab;
    @FXML private Tab commitsTab;

    private ShellViewModel vm;
    private Runnable onFind = () -> { };

    public void bind(ShellViewModel model) {
        this.vm = model;
        scenarioBox.setItems(model.scenarios());
        scenarioBox.valueProperty().bindBidirectional(model.selectedProperty());
        scenarioBox.setCellFactory(list -> new ScenarioCell());
        scenarioBox.setButtonCell(new ScenarioCell());
        settingsPane.visibleProperty().bind(settingsToggle.selectedProperty());
        settingsPane.managedProperty().bind(settingsToggle.selectedProperty());
        model.settings().addListener((javafx.collections.ListChangeListener<ShellViewModel.SettingField>) c -> fillSettings());
        fillSettings();
        recordToggle.selectedProperty().bindBidirectional(model.recordProperty());
        recordItem.selectedProperty().bindBidirectional(model.recordProperty());
        darkItem.selectedProperty().bindBidirectional(model.darkProperty());
        runButton.disableProperty().bind(model.runningProperty());
        stopButton.disableProperty().bind(model.runningProperty().not());
        sourceLabel.textProperty().bind(model.sourceProperty());
        recordToggle.getStyleClass().add("record-toggle");
        tip(scenarioBox, "Scenario to run live (the same list as 'sluice scenarios')");
        tip(settingsToggle, "Show and edit the selected scenario's settings (key=value)");
        tip(runButton, "Run the selected scenario live with these settings");
        tip(stopButton, "Ask the running scenario to wind down");
        tip(recordToggle, "Record the next run to a .sluice trace (Ctrl+R); its size shows in the status bar");
        tip(openButton, "Open a recorded .sluice trace for replay (Ctrl+O, or drop a file on the window)");
        root.setOnDragOver(this::dragOver);
        root.setOnDragDropped(this::dropped);
    }

    private void fillSettings() {
        settingsPane.getChildren().clear();
        for (ShellViewModel.SettingField f : vm.settings()) {
            Label key = new Label(f.setting().key());
            key.getStyleClass().add("setting-key");
            TextField value = new TextField();
            value.setPrefColumnCount(8);
            value.textProperty().bindBidirectional(f.value());
            String help = f.setting().description() + " (default " + f.setting().defaultValue() + ")";
            tip(key, help);
            tip(value, help);
            HBox pair = new HBox(6, key, value);
            pair.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            settingsPane.getChildren().add(pair);
        }
        if (vm.settings().isEmpty()) {
            settingsPane.getChildren().add(new Label("this scenario has no settings"));
        }
    }

    /** Places the sub-views into their slots. */
    public void place(Parent transport, Parent status, Parent findings, Parent timeline, Parent loops, Parent windows,
                      Parent commits) {
        transportSlot.getChildren().setAll(transport);
        statusSlot.getChildren().setAll(status);
        findingsSlot.getChildren().setAll(findings);
        timelineTab.setContent(timeline);
        loopsTab.setContent(loops);
        windowsTab.setContent(windows);
        commitsTab.setContent(commits);
        timelineTab.setTooltip(new Tooltip("All engines on one clock: activity, findings and marks side by side"));
        loopsTab.setTooltip(new Tooltip("S3: threads grouped by client, client lifetimes, each request's path"));
        windowsTab.setTooltip(new Tooltip("Flight: HTTP/2 receive and send windows per connection and stream"));
        commitsTab.setTooltip(new Tooltip("Delta: each writer's commit attempts, conflicts and the verify result"));
    }

    public void onFind(Runnable action) {
        this.onFind = action;
    }

    public BorderPane root() {
        return root;
    }

    public TabPane tabs() {
        return tabs;
    }

    /** Selects the tab that shows {@code engine}'s view (by its position: timeline, s3, flight, delta). */
    public void showTab(int index) {
        tabs.getSelectionModel().select(index);
    }

    @FXML
    private void openTrace() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a Sluice trace");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Sluice traces", "*.sluice"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            vm.openTrace(file.toPath());
        }
    }

    @FXML
    private void saveTraceAs() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the trace as");
        Path current = vm.currentTrace();
        chooser.setInitialFileName(current == null ? "run.sluice" : current.getFileName().toString());
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            vm.copyTrace(file.toPath());
        }
    }

    @FXML
    private void exportPng() {
        Node content = tabs.getSelectionModel().getSelectedItem().getContent();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the current view as PNG");
        chooser.setInitialFileName(tabs.getSelectionModel().getSelectedItem().getText().replaceAll("[^A-Za-z0-9]+", "-")
                .toLowerCase(java.util.Locale.ROOT) + ".png");
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            try {
                PngExport.write(content, file);
                vm.exported("saved view to " + file);
            } catch (java.io.IOException e) {
                vm.exported("cannot write " + file + ": " + e.getMessage());
            }
        }
    }

    @FXML
    private void quit() {
        window().hide();
    }

    @FXML
    private void run() {
        vm.run();
    }

    @FXML
    private void stop() {
        vm.stop();
    }

    @FXML
    private void find() {
        onFind.run();
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        List<File> files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.of();
        if (!files.isEmpty()) {
            vm.openTrace(files.get(0).toPath());
        }
        e.setDropCompleted(!files.isEmpty());
        e.consume();
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    static void tip(javafx.scene.control.Control control, String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(420);
        control.setTooltip(t);
    }

    private static final class ScenarioCell extends ListCell<Scenario> {
        @Override
        protected void updateItem(Scenario item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.name());
            setTooltip(empty || item == null ? null : new Tooltip(item.summary()));
        }
    }
}
