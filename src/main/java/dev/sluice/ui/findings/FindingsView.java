package dev.sluice.ui.findings;

import dev.sluice.detect.Severity;
import java.io.File;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The findings list with its filters and the selected finding's explanation and fix. */
public final class FindingsView {

    private static final PseudoClass AHEAD = PseudoClass.getPseudoClass("ahead");
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    private static final PseudoClass UNCONFIRMED = PseudoClass.getPseudoClass("unconfirmed");

    @FXML private Label countLabel;
    @FXML private Label failureLabel;
    @FXML private ComboBox<String> engineBox;
    @FXML private ComboBox<String> severityBox;
    @FXML private ComboBox<String> codeBox;
    @FXML private TextField searchField;
    @FXML private TableView<FindingsViewModel.Row> table;
    @FXML private VBox detail;
    @FXML private Label detailTitle;
    @FXML private Label detailMeta;
    @FXML private Label detailExplanation;
    @FXML private Label detailFix;
    @FXML private Button fixRunButton;
    @FXML private Label detailResources;
    @FXML private VBox root;
    @FXML private MenuButton exportButton;
    @FXML private MenuItem exportCsvItem;
    @FXML private MenuItem exportJsonItem;

    /** Export the listed findings: Ctrl+E as CSV, Ctrl+Shift+E as JSON (Cmd on macOS). */
    static final KeyCombination EXPORT_CSV = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination EXPORT_JSON = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    /** Asks where to save an export; null when the user cancels. A test answers for the native dialog. */
    @FunctionalInterface
    public interface SaveChooser {
        File choose(Window owner, String title, String initialName, FileChooser.ExtensionFilter filter);
    }

    private static final SaveChooser NATIVE = (owner, title, name, filter) -> {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(filter);
        return chooser.showSaveDialog(owner);
    };

    private FindingsViewModel vm;
    private boolean syncing;
    private SaveChooser saveChooser = NATIVE;

    public void bind(FindingsViewModel model) {
        this.vm = model;
        engineBox.setItems(FXCollections.observableArrayList(FindingsViewModel.engineChoices()));
        severityBox.setItems(FXCollections.observableArrayList(FindingsViewModel.severityChoices()));
        codeBox.setItems(FXCollections.observableArrayList(FindingsViewModel.codeChoices()));
        engineBox.valueProperty().bindBidirectional(model.engineProperty());
        severityBox.valueProperty().bindBidirectional(model.severityProperty());
        codeBox.valueProperty().bindBidirectional(model.codeProperty());
        searchField.textProperty().bindBidirectional(model.searchProperty());
        countLabel.textProperty().bind(model.countProperty());
        Label empty = new Label();
        empty.textProperty().bind(model.emptyTextProperty());
        table.setPlaceholder(empty);
        failureLabel.textProperty().bind(model.analysisFailureProperty());
        failureLabel.visibleProperty().bind(model.analysisFailureProperty().isNotEmpty());
        failureLabel.managedProperty().bind(failureLabel.visibleProperty());
        engineBox.setTooltip(new Tooltip("Only findings of this engine"));
        severityBox.setTooltip(new Tooltip("Only findings of this severity"));
        codeBox.setTooltip(new Tooltip("Only findings with this code"));
        searchField.setTooltip(new Tooltip("Find text in titles, codes, explanations and resources (Ctrl+F)"));

        TableColumn<FindingsViewModel.Row, String> sev = column("", 34, r -> r.severity() == Severity.ERROR ? "●" : "▲");
        sev.getStyleClass().add("severity-column");
        sev.setMinWidth(34);
        sev.setMaxWidth(34);
        table.getColumns().add(sev);
        TableColumn<FindingsViewModel.Row, String> start = column("Start", 84, FindingsViewModel.Row::start);
        start.setMinWidth(84);
        table.getColumns().add(start);
        table.getColumns().add(column("Code", 150, r -> r.code().name()));
        TableColumn<FindingsViewModel.Row, String> title = column("Title", 300, FindingsViewModel.Row::title);
        title.setCellFactory(c -> new TitleCell());
        table.getColumns().add(title);
        table.setItems(model.rows());
        table.setRowFactory(t -> new FindingRow());
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!syncing && now != null) {
                vm.select(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            syncing = true;
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else if (!now.equals(table.getSelectionModel().getSelectedItem())) {
                table.getSelectionModel().select(now);
            }
            syncing = false;
            showDetail(now);
        });
        showDetail(null);
        exportButton.setTooltip(new Tooltip("Save the findings listed (after the filters) as CSV ("
                + EXPORT_CSV.getDisplayText() + ") or as JSON, the shape of sluice check --format json ("
                + EXPORT_JSON.getDisplayText() + ")"));
        exportCsvItem.setAccelerator(EXPORT_CSV);
        exportJsonItem.setAccelerator(EXPORT_JSON);
        // a menu button's items are not in the scene until opened: their shortcuts are the scene's
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(EXPORT_CSV, this::exportCsv);
                scene.getAccelerators().put(EXPORT_JSON, this::exportJson);
            }
        });
    }

    @FXML
    private void exportCsv() {
        File file = choose("Export findings as CSV", "findings.csv", "CSV", "*.csv");
        if (file != null) {
            vm.exportCsv(file.toPath());
        }
    }

    @FXML
    private void exportJson() {
        File file = choose("Export findings as JSON", "findings.json", "JSON", "*.json");
        if (file != null) {
            vm.exportJson(file.toPath());
        }
    }

    private File choose(String title, String name, String kind, String pattern) {
        return saveChooser.choose(root.getScene().getWindow(), title, name,
                new FileChooser.ExtensionFilter(kind + " (" + pattern + ")", pattern));
    }

    /** Replaces the native save dialog (headless tests, where Monocle has none). */
    public void chooseSaveWith(SaveChooser chooser) {
        this.saveChooser = chooser;
    }

    private void showDetail(FindingsViewModel.Row row) {
        detail.setVisible(row != null);
        if (row == null) {
            return;
        }
        detailTitle.setText(row.title());
        detailMeta.setText(row.code() + " · " + row.severity().id() + " · " + row.engine().id() + " · " + row.span()
                + (row.confirmed() ? "" : " · unconfirmed: " + row.doubt()));
        detailExplanation.setText(row.explanation());
        detailFix.setText(row.settingFix() == null ? row.fix() : row.fix() + "\nAs settings: "
                + row.settingFix().assignments());
        fixRunButton.setVisible(row.settingFix() != null);
        fixRunButton.setManaged(row.settingFix() != null);
        if (row.settingFix() != null) {
            fixRunButton.setTooltip(new Tooltip("Run " + row.settingFix().summary() + ": the same scenario and settings "
                    + "with " + row.settingFix().assignments() + ", recorded, then compared with this run"));
        }
        detailResources.setText(row.resources());
    }

    @FXML
    private void runWithFix() {
        vm.runWithFix();
    }

    /** Focuses the search field (Ctrl+F). */
    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }

    public TableView<FindingsViewModel.Row> table() {
        return table;
    }

    private static TableColumn<FindingsViewModel.Row, String> column(String title, double width,
                                                                     Function<FindingsViewModel.Row, String> value) {
        TableColumn<FindingsViewModel.Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        c.setSortable(false);
        return c;
    }

    /** The title, led by a grey "unconfirmed" badge when the finding rests on where a trace was cut. */
    private static final class TitleCell extends TableCell<FindingsViewModel.Row, String> {
        private final Label badge = new Label("unconfirmed");

        TitleCell() {
            badge.getStyleClass().add("unconfirmed-badge");
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            FindingsViewModel.Row row = empty ? null : getTableRow() == null ? null : getTableRow().getItem();
            setText(empty ? null : text);
            setGraphic(row != null && !row.confirmed() ? badge : null);
        }
    }

    /**
     * Its tooltip is one object per row, made when the row first shows a finding, its text when it
     * shows: a row is updated far more often than hovered, and created while the table fills.
     */
    private static final class FindingRow extends TableRow<FindingsViewModel.Row> {
        private Tooltip tip;

        @Override
        protected void updateItem(FindingsViewModel.Row item, boolean empty) {
            super.updateItem(item, empty);
            pseudoClassStateChanged(AHEAD, !empty && item != null && item.ahead());
            pseudoClassStateChanged(ERROR, !empty && item != null && item.severity() == Severity.ERROR);
            pseudoClassStateChanged(WARNING, !empty && item != null && item.severity() == Severity.WARNING);
            pseudoClassStateChanged(UNCONFIRMED, !empty && item != null && !item.confirmed());
            if (empty || item == null) {
                setTooltip(null);
                return;
            }
            if (tip == null) {
                tip = new Tooltip();
                tip.setWrapText(true);
                tip.setMaxWidth(460);
                tip.setOnShowing(e -> tip.setText(getItem() == null ? "" : tooltipText(getItem())));
            }
            setTooltip(tip);
        }

        private static String tooltipText(FindingsViewModel.Row item) {
            return item.title()
                    + (item.confirmed() ? "" : "\n\nUnconfirmed: " + item.doubt() + ", so this may be an artefact of "
                    + "where the recording was cut rather than something the run did.")
                    + "\n\nFix: " + item.fix()
                    + (item.ahead() ? "\n\n(starts after the cursor; click to jump there)" : "");
        }
    }
}
