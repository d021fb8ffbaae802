package dev.sluice.ui.compare;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;

/**
 * Two runs compared: the verdict, the findings diff beside the figures table, and below both runs'
 * views stacked on one time axis (selecting a finding highlights what it names in both).
 */
public final class CompareView {

    private static final PseudoClass HOLDS = PseudoClass.getPseudoClass("holds");
    private static final PseudoClass WORSE = PseudoClass.getPseudoClass("worse");

    @FXML private VBox root;
    @FXML private Label runsLabel;
    @FXML private Label settingsLabel;
    @FXML private Label summaryLabel;
    @FXML private Label verdictLabel;
    @FXML private TableView<CompareViewModel.FindingRow> findingsTable;
    @FXML private TableView<CompareViewModel.FigureLine> figuresTable;
    @FXML private TabPane stackTabs;
    @FXML private Label statusLabel;

    public void bind(CompareViewModel vm) {
        runsLabel.textProperty().bind(vm.runsProperty());
        settingsLabel.textProperty().bind(vm.settingsProperty());
        summaryLabel.textProperty().bind(vm.summaryProperty());
        verdictLabel.textProperty().bind(vm.verdictProperty());
        vm.holdsProperty().addListener((obs, old, now) -> verdictLabel.pseudoClassStateChanged(HOLDS, now));
        verdictLabel.pseudoClassStateChanged(HOLDS, vm.holdsProperty().get());

        findingsTable.getColumns().setAll(List.of(
                column("", 64, r -> r.change().word()),
                column("Code", 220, r -> r.code().name()),
                column("Finding", 420, CompareViewModel.FindingRow::title),
                column("Fix as settings", 200, CompareViewModel.FindingRow::fix)));
        findingsTable.setItems(vm.findings());
        findingsTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> vm.select(now));

        figuresTable.getColumns().setAll(List.of(
                column("Figure", 200, CompareViewModel.FigureLine::figure),
                column("A", 140, CompareViewModel.FigureLine::a),
                column("B", 140, CompareViewModel.FigureLine::b),
                column("B/A", 90, CompareViewModel.FigureLine::ratio)));
        figuresTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CompareViewModel.FigureLine item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(WORSE, !empty && item != null && item.worse());
            }
        });
        figuresTable.setItems(vm.figures());
        StackedViews.fill(stackTabs, vm);
    }

    /** A line for the window's status (what the views report: a file saved). */
    public void report(String message) {
        statusLabel.setText(message);
    }

    public TabPane stackTabs() {
        return stackTabs;
    }

    public VBox root() {
        return root;
    }

    public TableView<CompareViewModel.FindingRow> findingsTable() {
        return findingsTable;
    }

    public TableView<CompareViewModel.FigureLine> figuresTable() {
        return figuresTable;
    }

    private static <R> TableColumn<R, String> column(String title, double width, Function<R, String> text) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(text.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        });
        return c;
    }
}
