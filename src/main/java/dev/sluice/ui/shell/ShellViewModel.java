package dev.sluice.ui.shell;

import dev.sluice.profile.LastRun;
import dev.sluice.profile.LastRunStore;
import dev.sluice.profile.Profile;
import dev.sluice.profile.ProfileException;
import dev.sluice.profile.ProfileStore;
import dev.sluice.scenario.DataDirs;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.ScenarioSource;
import dev.sluice.scenario.Setting;
import dev.sluice.source.SourceFormat;
import dev.sluice.source.attach.AgentAddress;
import dev.sluice.source.attach.AgentLiveSource;
import dev.sluice.source.attach.MergedAgentsSource;
import dev.sluice.source.SourceFormats;
import dev.sluice.ui.Palette;
import dev.sluice.ui.PngExport;
import dev.sluice.ui.ShellPort;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
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
    private final ProfileChooserViewModel profiles;
    private final LastRunStore lastRuns;
    /** The agents last attached (what is live while an attached run runs). */
    private List<AgentLiveSource> attached = List.of();

    /** With the user's profiles and last run (the console). */
    public ShellViewModel(ShellPort port) {
        this(port, ProfileStore.user(), LastRunStore.user());
    }

    /**
     * With {@code profileStore} for the profile chooser and {@code lastRuns} for the last scenario,
     * profile and settings: restored now, saved (off the UI thread) at each run.
     */
    public ShellViewModel(ShellPort port, ProfileStore profileStore, LastRunStore lastRuns) {
        this.port = port;
        this.profiles = new ProfileChooserViewModel(profileStore);
        this.lastRuns = lastRuns;
        selected.addListener((obs, old, now) -> loadSettings(now));
        dark.addListener((obs, old, now) -> port.setPalette(now ? Palette.DARK : Palette.LIGHT));
        profiles.reload();
        if (!profiles.problemProperty().get().isEmpty()) {
            port.report(profiles.problemProperty().get()); // the built-in profile stays usable
        }
        profiles.chosenProperty().addListener((obs, old, now) -> applyProfile());
        LastRunStore.Loaded last = lastRuns.loadOrNone();
        if (last.damaged()) {
            port.report(last.problem());
        }
        restore(last.lastRun());
        if (selected.get() == null && !scenarios.isEmpty()) {
            selected.set(scenarios.get(0));
        }
    }

    /** The last run's scenario, profile and (still declared) settings, when there is one. */
    private void restore(LastRun last) {
        if (last.isEmpty()) {
            return;
        }
        Scenario scenario = scenarios.stream().filter(x -> x.name().equals(last.scenario())).findFirst().orElse(null);
        if (scenario == null) {
            return;
        }
        profiles.choose(last.profile());
        editedByScenario.put(scenario.name(), new LinkedHashMap<>(last.settingsFor(scenario.settings())));
        selected.set(scenario);
    }

    /** Fills the settings bar with the chosen profile's values for the settings this scenario declares. */
    private void applyProfile() {
        Map<String, String> values = profiles.chosenProfile().overrides();
        for (SettingField f : settings) {
            String v = values.get(f.setting().key());
            if (v != null) {
                f.value().set(v);
            }
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
        ScenarioRunner.Options options = ScenarioRunner.Options.defaults().withOverrides(overrides);
        String profile = profiles.chosenProperty().get();
        if (!Profile.EMBEDDED.equals(profile)) {
            options = options.withProfile(profile);
        }
        attached = List.of();
        port.startLive(new ScenarioSource(scenario, options), record.get() ? recordingFile(scenario) : null);
        LastRun last = new LastRun(scenario.name(), profile, overrides);
        port.remember(lastRuns.file(), "the last run's settings", to -> save(last));
    }

    private void save(LastRun last) throws IOException {
        try {
            lastRuns.save(last);
        } catch (ProfileException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** One line for the status bar. */
    public void report(String message) {
        port.report(message);
    }

    /** The profile chooser beside the scenario chooser. */
    public ProfileChooserViewModel profiles() {
        return profiles;
    }

    public void stop() {
        port.stopRun();
    }

    public void openTrace(Path file) {
        attached = List.of();
        port.openTrace(file);
    }

    /** One file as it is; several (one per process) as one run on one clock, as `sluice check A B` merges them. */
    public void openTraces(List<Path> files) {
        if (files.size() == 1) {
            openTrace(files.get(0));
        } else if (!files.isEmpty()) {
            attached = List.of();
            port.openTraces(files);
        }
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

    /**
     * Connects to an agent serving {@code HOST:PORT} ({@code listen=}, or {@code sluice attach PID --listen}) as a
     * live source, recorded when Record is on; a bad address is one line in the status bar.
     */
    public void attach(String address) {
        AgentAddress parsed;
        try {
            parsed = AgentAddress.parse(address);
        } catch (IllegalArgumentException e) {
            port.report("attach: " + e.getMessage());
            return;
        }
        attach(new AgentLiveSource(parsed.host(), parsed.port(), null, null));
    }

    /**
     * Attaches {@code agent} live, recorded when Record is on. While an attached run is live, the agent joins it:
     * the run restarts as all of them on one clock ({@link MergedAgentsSource}; each agent sends its run from its
     * start, so nothing seen is lost), a lane per process.
     */
    public void attach(AgentLiveSource agent) {
        List<AgentLiveSource> agents = new ArrayList<>(liveAgents());
        if (agents.stream().anyMatch(a -> a.address().equals(agent.address()))) {
            port.report("attach: " + agent.address() + " is attached already (" + port.sourceProperty().get() + ")");
            return;
        }
        agents.add(agent);
        attached = List.copyOf(agents);
        Path to = record.get() ? DataDirs.userDataDir().resolve("recordings")
                .resolve("attached-" + LocalDateTime.now(ZoneId.systemDefault()).format(STAMP) + ".sluice") : null;
        port.startLive(agents.size() == 1 ? agent : new MergedAgentsSource(agents), to);
    }

    /** The agents of the live attached run (none when no attached run is live). */
    private List<AgentLiveSource> liveAgents() {
        return port.runningProperty().get() ? attached : List.of();
    }

    /** The process ids of the live attached run (none when no attached run is live). */
    public Set<String> attachedPids() {
        return liveAgents().stream().map(AgentLiveSource::pid).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** What attaching now does to what is live, in one line for the Attach dialog ("" when nothing is live). */
    public String attachNote() {
        List<AgentLiveSource> agents = liveAgents();
        if (!agents.isEmpty()) {
            return "Live: " + agents.stream().map(AgentLiveSource::process).collect(Collectors.joining(" + "))
                    + ". Attaching another process adds it to this run: one clock, a lane per process (the run restarts;"
                    + " each agent sends its run again from its start).";
        }
        return port.runningProperty().get() ? "A scenario runs live: attaching stops it and shows the attached process"
                + " instead." : "";
    }

    /** Where a recording of {@code scenario} started now goes. */
    static Path recordingFile(Scenario scenario) {
        return DataDirs.userDataDir().resolve("recordings")
                .resolve(scenario.name() + "-" + LocalDateTime.now(ZoneId.systemDefault()).format(STAMP) + ".sluice");
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
