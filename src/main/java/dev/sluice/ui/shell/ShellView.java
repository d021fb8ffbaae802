package dev.sluice.ui.shell;

import atlantafx.base.theme.Styles;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.SettingType;
import dev.sluice.ui.PngExport;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
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
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** The console's frame: menu, source bar, slots for transport, views, findings and status. */
public final class ShellView {

    @FXML private BorderPane root;
    @FXML private ComboBox<Scenario> scenarioBox;
    @FXML private ComboBox<String> profileBox;
    @FXML private Button connectionsButton;
    private Runnable onConnections = () -> { };
    private Runnable onAttach = () -> { };
    private BiConsumer<Path, Path> onCompare = (a, b) -> { };
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

    private ShellViewModel vm;
    private Runnable onFind = () -> { };

    public void bind(ShellViewModel model) {
        this.vm = model;
        profileBox.setItems(model.profiles().names());
        profileBox.valueProperty().bindBidirectional(model.profiles().chosenProperty());
        tip(profileBox, "Connection profile: fills the settings this scenario declares (S3, Flight, Delta parts); "
                + "'embedded' is the built-in servers");
        tip(connectionsButton, "Add, edit and test connection profiles (Ctrl+K)");
        scenarioBox.setItems(model.scenarios());
        scenarioBox.valueProperty().bindBidirectional(model.selectedProperty());
        scenarioBox.setCellFactory(list -> new ScenarioCell());
        scenarioBox.setButtonCell(new ScenarioCell());
        settingsPane.visibleProperty().bind(settingsToggle.selectedProperty());
        settingsPane.managedProperty().bind(settingsToggle.selectedProperty());
        model.settings().addListener((ListChangeListener<ShellViewModel.SettingField>) c -> fillSettings());
        fillSettings();
        recordToggle.selectedProperty().bindBidirectional(model.recordProperty());
        recordItem.selectedProperty().bindBidirectional(model.recordProperty());
        darkItem.selectedProperty().bindBidirectional(model.darkProperty());
        runButton.disableProperty().bind(model.runningProperty().or(model.invalidProperty()));
        stopButton.disableProperty().bind(model.runningProperty().not());
        sourceLabel.textProperty().bind(model.sourceProperty());
        Tooltip source = new Tooltip(); // the label elides first when the window is narrow: the whole text is here
        source.textProperty().bind(model.sourceProperty());
        sourceLabel.setTooltip(source);
        recordToggle.getStyleClass().add("record-toggle");
        tip(scenarioBox, "Scenario to run live (the same list as 'sluice scenarios')");
        tip(settingsToggle, "Show and edit the selected scenario's settings (key=value)");
        tip(runButton, "Run the selected scenario live with these settings");
        tip(stopButton, "Ask the running scenario to wind down");
        tip(recordToggle, "Record the next run to a .sluice trace (Ctrl+R); its size shows in the status bar");
        tip(openButton, "Open a recorded trace, or anything Sluice imports, for replay (Ctrl+O, or drop files on the "
                + "window); several files are the processes of one job, merged on one clock; a Delta table folder: File > Open Delta table folder (Ctrl+Shift+O)");
        root.setOnDragOver(this::dragOver);
        root.setOnDragDropped(this::dropped);
    }

    private void fillSettings() {
        settingsPane.getChildren().clear();
        for (ShellViewModel.SettingField f : vm.settings()) {
            Label key = new Label(f.setting().key());
            key.getStyleClass().add("setting-key");
            String help = f.setting().description() + " (default " + (f.setting().required() ? "none: required"
                    : f.setting().defaultValue()) + "); accepts " + f.setting().type().accepted();
            Control editor = editor(f);
            editor.setUserData(f.setting().key());
            key.setLabelFor(editor);
            tip(key, help);
            markProblem(editor, help, f.problem().get());
            f.problem().addListener((obs, old, now) -> markProblem(editor, help, now));
            HBox pair = new HBox(6, key, editor);
            if (f.setting().type() instanceof SettingType.PathType path) {
                pair.getChildren().add(browseButton(f, path));
            } else if (f.setting().type() instanceof SettingType.OptionalType<?> optional
                    && optional.inner() instanceof SettingType.PathType path) {
                pair.getChildren().add(browseButton(f, path));
            }
            pair.setAlignment(Pos.CENTER_LEFT);
            settingsPane.getChildren().add(pair);
        }
        if (vm.settings().isEmpty()) {
            settingsPane.getChildren().add(new Label("this scenario has no settings"));
        }
    }

    /** The control that fits the setting's type: choices, a check box, a spinner, or a text field. */
    private static Control editor(ShellViewModel.SettingField f) {
        SettingType<?> type = f.setting().type();
        if (type instanceof SettingType.ChoiceType<?> choice) {
            ComboBox<String> box = new ComboBox<>(FXCollections.observableArrayList(choice.choices()));
            box.valueProperty().bindBidirectional(f.value());
            return box;
        }
        if (type instanceof SettingType.BooleanType) {
            CheckBox box = new CheckBox();
            box.setSelected(Boolean.parseBoolean(f.value().get().trim()));
            box.selectedProperty().addListener((obs, old, now) -> f.value().set(Boolean.toString(now)));
            f.value().addListener((obs, old, now) -> box.setSelected(Boolean.parseBoolean(now.trim())));
            return box;
        }
        if (type instanceof SettingType.IntegerType range) {
            return spinner(f, range);
        }
        TextField text = new TextField();
        text.setPrefColumnCount(type.kind() == SettingType.Kind.URI || type.kind() == SettingType.Kind.LIST
                || type.kind() == SettingType.Kind.PATH ? 18 : 8);
        text.textProperty().bindBidirectional(f.value());
        return text;
    }

    /**
     * An editable spinner over the setting's range. Its text is the setting's value, so a number
     * typed out of range stays as typed and is marked, instead of being silently clamped.
     */
    private static Spinner<Integer> spinner(ShellViewModel.SettingField f, SettingType.IntegerType range) {
        Spinner<Integer> spinner = new Spinner<>();
        spinner.setEditable(true);
        spinner.setPrefWidth(110);
        SpinnerValueFactory.IntegerSpinnerValueFactory values =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(range.min(), range.max(), accepted(range, f.value().get(), range.min()));
        values.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : v.toString();
            }

            @Override
            public Integer fromString(String text) {
                // text that is not an accepted number leaves the value as it was; the field shows why
                return accepted(range, text, values.getValue());
            }
        });
        spinner.setValueFactory(values);
        spinner.getEditor().textProperty().bindBidirectional(f.value());
        return spinner;
    }

    private static Integer accepted(SettingType.IntegerType range, String text, Integer otherwise) {
        try {
            return range.parse(text.trim());
        } catch (IllegalArgumentException notAccepted) {
            return otherwise;
        }
    }

    /** A "…" button that picks a file or directory for a path setting. */
    private Button browseButton(ShellViewModel.SettingField f, SettingType.PathType path) {
        Button browse = new Button("…");
        tip(browse, "Choose " + path.accepted());
        browse.setOnAction(e -> {
            File chosen;
            if (path.is() == SettingType.PathType.Is.EXISTING_DIRECTORY) {
                DirectoryChooser chooser = new DirectoryChooser();
                chooser.setTitle(f.setting().key());
                chosen = chooser.showDialog(window());
            } else {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(f.setting().key());
                chosen = chooser.showOpenDialog(window());
            }
            if (chosen != null) {
                f.value().set(chosen.getPath());
            }
        });
        return browse;
    }

    /** A refused value: red border (AtlantaFX's danger state) and the one-line reason as the tooltip. */
    private static void markProblem(Control editor, String help, String problem) {
        editor.pseudoClassStateChanged(Styles.STATE_DANGER, problem != null);
        tip(editor, problem == null ? help : problem);
    }

    /** An engine's tab: its title, what it shows, and its content. */
    public record EngineTab(String title, String tooltip, Parent content) { }

    /** Places the sub-views into their slots: the timeline first, then a tab per engine view, in order. */
    public void place(Parent transport, Parent status, Parent findings, Parent timeline, List<EngineTab> engines) {
        transportSlot.getChildren().setAll(transport);
        statusSlot.getChildren().setAll(status);
        findingsSlot.getChildren().setAll(findings);
        timelineTab.setContent(timeline);
        timelineTab.setTooltip(new Tooltip("All engines on one clock: activity, findings and marks side by side"));
        for (EngineTab engine : engines) {
            Tab tab = new Tab(engine.title(), engine.content());
            tab.setTooltip(new Tooltip(engine.tooltip()));
            tabs.getTabs().add(tab);
        }
    }

    public void onFind(Runnable action) {
        this.onFind = action;
    }

    /** What Attach to a running job… opens (the console's Attach dialog; the shell knows no other view). */
    public void onAttach(Runnable action) {
        this.onAttach = action;
    }

    @FXML
    private void attachToAgent() {
        onAttach.run();
    }

    /** What Compare two traces… does with the two files picked. */
    public void onCompare(BiConsumer<Path, Path> action) {
        this.onCompare = action;
    }

    @FXML
    private void compareTraces() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Pick two runs to compare: the one before (A) and the one after (B)");
        for (ShellViewModel.OpenFilter f : vm.openFilters()) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description(), f.patterns()));
        }
        List<File> files = chooser.showOpenMultipleDialog(window());
        if (files == null) {
            return;
        }
        if (files.size() != 2) {
            vm.report("compare: pick exactly two files (A, then B with Ctrl); " + files.size() + " picked");
            return;
        }
        onCompare.accept(files.get(0).toPath(), files.get(1).toPath());
    }

    /** What Connections… opens (the console's dialog; the shell knows no other view). */
    public void onConnections(Runnable action) {
        this.onConnections = action;
    }

    @FXML
    private void connections() {
        onConnections.run();
    }

    public BorderPane root() {
        return root;
    }

    public TabPane tabs() {
        return tabs;
    }

    @FXML
    private void openTrace() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a trace or a capture (several: the processes of one job, merged on one clock)");
        for (ShellViewModel.OpenFilter f : vm.openFilters()) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description(), f.patterns()));
        }
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        // several picked: one run on one clock, a process per file
        List<File> files = chooser.showOpenMultipleDialog(window());
        if (files != null) {
            vm.openTraces(files.stream().map(File::toPath).toList());
        }
    }

    /** A directory source (a Delta table): the same Open, through a folder chooser. */
    @FXML
    private void openFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a Delta table (the folder holding _delta_log)");
        File dir = chooser.showDialog(window());
        if (dir != null) {
            vm.openTrace(dir.toPath());
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
        Tab tab = tabs.getSelectionModel().getSelectedItem();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the current view as PNG");
        chooser.setInitialFileName(tab.getText().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT) + ".png");
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            vm.exportPng(PngExport.take(tab.getContent()), file.toPath());
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
        vm.openTraces(files.stream().map(File::toPath).toList());
        e.setDropCompleted(!files.isEmpty());
        e.consume();
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    static void tip(Control control, String text) {
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
