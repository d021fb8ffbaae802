package dev.sluice.ui.shell;

import dev.sluice.scenario.DataDirs;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.ScenarioSource;
import dev.sluice.scenario.Setting;
import dev.sluice.source.SourceFormat;
import dev.sluice.source.SourceFormats;
import dev.sluice.ui.Palette;
import dev.sluice.ui.PngExport;
import dev.sluice.ui.ShellPort;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The shell's state: which scenario with which settings, recording on/off, the theme, the source. */
public final class ShellViewModel {

    /**
     * One editable setting of the selected scenario, with the one-line reason its value is refused
     * (null while it is accepted), kept up to date as the value is edited.
     */
    public record SettingField(Setting<?> setting, StringProperty value, ReadOnlyStringProperty problem) {
        public boolean changed() {
            return !setting.defaultValue().equals(value.get().trim());
        }

        public boolean valid() {
            return problem.get() == null;
        }
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ShellPort port;
    private final ObservableList<Scenario> scenarios = FXCollections.observableArrayList(ScenarioRegistry.all());
    private final ObjectProperty<Scenario> selected = new SimpleObjectProperty<>();
    private final ObservableList<SettingField> settings = FXCollections.observableArrayList();
    private final BooleanProperty record = new SimpleBooleanProperty();
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final Map<String, Map<String, String>> editedByScenario = new LinkedHashMap<>();
    private final IntegerProperty invalidCount = new SimpleIntegerProperty();
    private final BooleanBinding invalid = invalidCount.greaterThan(0);

    public ShellViewModel(ShellPort port) {
        this.port = port;
        selected.addListener((obs, old, now) -> loadSettings(now));
        dark.addListener((obs, old, now) -> port.setPalette(now ? Palette.DARK : Palette.LIGHT));
        if (!scenarios.isEmpty()) {
            selected.set(scenarios.get(0));
        }
    }

    private void loadSettings(Scenario scenario) {
        settings.clear();
        countInvalid();
        if (scenario == null) {
            return;
        }
        Map<String, String> edited = editedByScenario.computeIfAbsent(scenario.name(), k -> new LinkedHashMap<>());
        for (Setting<?> s : scenario.settings()) {
            StringProperty value = new SimpleStringProperty(edited.getOrDefault(s.key(), s.defaultValue()));
            StringProperty problem = new SimpleStringProperty(s.problem(value.get()));
            // parsing is in memory (a path setting looks at one file's attributes): cheap enough per keystroke
            value.addListener((obs, old, now) -> {
                edited.put(s.key(), now);
                problem.set(s.problem(now));
            });
            problem.addListener((obs, old, now) -> countInvalid());
            settings.add(new SettingField(s, value, problem));
        }
        countInvalid();
    }

    private void countInvalid() {
        invalidCount.set((int) settings.stream().filter(f -> !f.valid()).count());
    }

    /** Runs the selected scenario with the edited settings (recording if asked). */
    public void run() {
        port.confine("run");
        Scenario scenario = selected.get();
        if (scenario == null) {
            return;
        }
        if (invalid.get()) {
            // Run is disabled then; the menu item and shortcuts land here
            settings.stream().filter(f -> !f.valid()).findFirst()
                    .ifPresent(f -> port.report("cannot run: " + f.problem().get()));
            return;
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (SettingField f : settings) {
            if (f.changed()) {
                overrides.put(f.setting().key(), f.value().get().trim());
            }
        }
        port.startLive(new ScenarioSource(scenario, ScenarioRunner.Options.defaults().withOverrides(overrides)),
                record.get() ? recordingFile(scenario) : null);
    }

    public void stop() {
        port.stopRun();
    }

    public void openTrace(Path file) {
        port.openTrace(file);
    }

    /** One file-chooser filter per kind of file Sluice opens: a description and its {@code *.ext} patterns. */
    public record OpenFilter(String description, List<String> patterns) { }

    /** The Open dialog's filters: every registered format with file extensions, then all of them together. */
    public List<OpenFilter> openFilters() {
        List<OpenFilter> filters = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (SourceFormat format : SourceFormats.standard().formats()) {
            List<String> patterns = format.extensions().stream().map(e -> "*." + e).toList();
            if (!patterns.isEmpty()) {
                filters.add(new OpenFilter(format.description(), patterns));
                all.addAll(patterns);
            }
        }
        if (filters.size() > 1) {
            filters.add(0, new OpenFilter("Everything Sluice opens", all));
        }
        return filters;
    }

    /** Where a recording of {@code scenario} started now goes. */
    static Path recordingFile(Scenario scenario) {
        return DataDirs.userDataDir().resolve("recordings")
                .resolve(scenario.name() + "-" + LocalDateTime.now().format(STAMP) + ".sluice");
    }

    public ObservableList<Scenario> scenarios() {
        return scenarios;
    }

    public ObjectProperty<Scenario> selectedProperty() {
        return selected;
    }

    public ObservableList<SettingField> settings() {
        return settings;
    }

    /** True while any setting's value is refused: Run is disabled then. */
    public BooleanBinding invalidProperty() {
        return invalid;
    }

    public BooleanProperty recordProperty() {
        return record;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return port.runningProperty();
    }

    public ReadOnlyStringProperty sourceProperty() {
        return port.sourceProperty();
    }

    /** The file being replayed or recorded, for "save trace as", or null. */
    public Path currentTrace() {
        return port.currentTrace();
    }

    /** Saves a view's picture (taken on the UI thread) as PNG to {@code file}, off the UI thread. */
    public void exportPng(PngExport.Picture picture, Path file) {
        port.write(file, "the view", picture::writeTo);
    }

    public void copyTrace(Path target) {
        port.copyTrace(target);
    }
}
