package dev.sluice.ui.transport;

import dev.sluice.ui.Palette;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

/** The transport bar: step/play buttons, speed, the scrubber with findings marked above it. */
public final class TransportView {

    @FXML private Button prevFinding;
    @FXML private Button prevEvent;
    @FXML private Button playButton;
    @FXML private Region playIcon;
    @FXML private Button nextEvent;
    @FXML private Button nextFinding;
    @FXML private ComboBox<String> speedBox;
    @FXML private Pane marksPane;
    @FXML private Canvas marks;
    @FXML private Slider scrubber;
    @FXML private Label cursorLabel;

    private TransportViewModel vm;
    private boolean updating;

    public void bind(TransportViewModel model) {
        this.vm = model;
        speedBox.setItems(FXCollections.observableArrayList(TransportViewModel.SPEEDS));
        speedBox.valueProperty().bindBidirectional(model.speedProperty());
        cursorLabel.textProperty().bind(model.cursorTextProperty());
        model.startProperty().addListener(o -> syncScrubber());
        model.endProperty().addListener(o -> syncScrubber());
        model.cursorProperty().addListener(o -> syncScrubber());
        scrubber.valueProperty().addListener((obs, old, now) -> {
            if (!updating) {
                vm.seek(now.doubleValue());
            }
        });
        model.playingProperty().addListener((obs, old, now) -> {
            playIcon.getStyleClass().setAll("icon", now ? "icon-pause" : "icon-play");
            playButton.getTooltip().setText(now ? "Pause (Space)" : "Play (Space)");
        });
        for (Button b : List.of(prevFinding, prevEvent, playButton, nextEvent, nextFinding)) {
            b.disableProperty().bind(model.hasDataProperty().not());
            b.setFocusTraversable(false);
        }
        prevFinding.setTooltip(new Tooltip("Previous finding (Shift+Left)"));
        prevEvent.setTooltip(new Tooltip("Previous event (Left)"));
        playButton.setTooltip(new Tooltip("Play (Space)"));
        nextEvent.setTooltip(new Tooltip("Next event (Right)"));
        nextFinding.setTooltip(new Tooltip("Next finding (Shift+Right)"));
        speedBox.setTooltip(new Tooltip("Replay speed: 0.1× to 100× run time, or max (the whole run in about a second)"));
        scrubber.setTooltip(new Tooltip("Run time: drag to seek; marks above show findings (red error, amber warning)"));
        scrubber.setFocusTraversable(false);
        marks.widthProperty().bind(marksPane.widthProperty());
        marks.widthProperty().addListener(o -> drawMarks());
        model.marksProperty().addListener(o -> drawMarks());
        model.paletteProperty().addListener(o -> drawMarks());
    }

    /** Range and value from the ViewModel; the slider clamps as it goes, so set them in a safe order. */
    private void syncScrubber() {
        updating = true;
        double start = vm.startProperty().get();
        double end = vm.endProperty().get();
        if (start > scrubber.getMax()) {
            scrubber.setMax(end);
            scrubber.setMin(start);
        } else {
            scrubber.setMin(start);
            scrubber.setMax(end);
        }
        scrubber.setValue(vm.cursorProperty().get());
        updating = false;
    }

    private void drawMarks() {
        GraphicsContext g = marks.getGraphicsContext2D();
        double w = marks.getWidth();
        g.clearRect(0, 0, w, marks.getHeight());
        Palette p = vm.paletteProperty().get();
        // the slider's track starts and ends half a thumb in from its edges
        double inset = 8;
        double span = Math.max(1, w - 2 * inset);
        for (TransportViewModel.FindingMark m : vm.marksProperty().get()) {
            double x0 = inset + m.fraction() * span;
            double x1 = Math.max(x0 + 3, inset + m.endFraction() * span);
            g.setFill(p.severity(m.severity()).deriveColor(0, 1, 1, 0.35));
            g.fillRect(x0, 3, x1 - x0, 7);
            g.setFill(p.severity(m.severity()));
            g.fillRect(x0 - 1, 0, 3, 10);
        }
    }

    @FXML
    private void togglePlay() {
        vm.togglePlay();
    }

    @FXML
    private void prevEvent() {
        vm.stepEvent(-1);
    }

    @FXML
    private void nextEvent() {
        vm.stepEvent(1);
    }

    @FXML
    private void prevFinding() {
        vm.stepFinding(-1);
    }

    @FXML
    private void nextFinding() {
        vm.stepFinding(1);
    }

    public Slider scrubber() {
        return scrubber;
    }
}
