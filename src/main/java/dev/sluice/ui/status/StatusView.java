package dev.sluice.ui.status;

import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;

/** The status bar. */
public final class StatusView {

    private static final PseudoClass ALERT = PseudoClass.getPseudoClass("alert");
    private static final PseudoClass READY = PseudoClass.getPseudoClass("ready");

    @FXML private Label serversLabel;
    @FXML private Label messageLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Label rateLabel;
    @FXML private Label droppedLabel;
    @FXML private Label traceLabel;
    @FXML private Label frameLabel;
    @FXML private Label memoryLabel;

    public void bind(StatusViewModel vm) {
        messageLabel.textProperty().bind(vm.messageProperty());
        messageLabel.tooltipProperty().set(new Tooltip());
        messageLabel.getTooltip().textProperty().bind(vm.messageProperty());
        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.progressProperty().isNotEqualTo(0, 1e-9));
        rateLabel.textProperty().bind(vm.rateProperty());
        droppedLabel.textProperty().bind(vm.droppedProperty());
        traceLabel.textProperty().bind(vm.traceProperty());
        memoryLabel.textProperty().bind(vm.memoryProperty());
        frameLabel.textProperty().bind(vm.framesProperty());
        frameLabel.setTooltip(new Tooltip("The slowest 1 % of the last 1,024 display pulses (16.7 ms at 60 Hz is smooth)"));
        vm.droppedAnyProperty().addListener((obs, old, now) -> droppedLabel.pseudoClassStateChanged(
                ALERT, now));
        rateLabel.setTooltip(new Tooltip("Events per second: folded by the live model, or passed by the replay cursor"));
        droppedLabel.setTooltip(new Tooltip("Events the pipeline dropped because its buffer was full"));
        traceLabel.setTooltip(new Tooltip("Size of the trace being replayed or recorded"));
        memoryLabel.setTooltip(new Tooltip("Java heap in use / maximum"));
        Tooltip serversTip = new Tooltip();
        serversTip.setWrapText(true);
        serversTip.setMaxWidth(900);
        serversLabel.setTooltip(serversTip);
        showServers(vm.serversProperty().get());
        vm.serversProperty().addListener((obs, old, now) -> showServers(now));
    }

    private void showServers(ServersState state) {
        serversLabel.setText(state.text());
        serversLabel.getTooltip().setText(state.detail());
        serversLabel.setVisible(state.phase() != ServersState.Phase.NOT_CHECKED);
        serversLabel.setManaged(serversLabel.isVisible());
        serversLabel.pseudoClassStateChanged(ALERT, state.phase() == ServersState.Phase.FAILED);
        serversLabel.pseudoClassStateChanged(READY, state.phase() == ServersState.Phase.READY);
    }
}
