package dev.sluice.ui.connections;

import dev.sluice.profile.CheckListener;
import dev.sluice.profile.CheckResult;
import dev.sluice.profile.Profile;
import dev.sluice.profile.ProfileCheck;
import dev.sluice.profile.ProfileException;
import dev.sluice.profile.ProfileField;
import dev.sluice.profile.ProfileStore;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Connections dialog: the profiles of one {@link ProfileStore}, an editor for the selected one
 * (name, description, one text per {@link ProfileField}), add, duplicate, delete (never the
 * built-in profile), save (the store's refusal shown inline) and Test, which runs
 * {@link ProfileCheck} on {@code background} and hands each progress line and result to {@code ui}.
 */
public final class ConnectionsViewModel {

    private final ProfileStore store;
    private final ProfileCheck check;
    private final Executor background;
    private final Executor ui;

    private final ObservableList<Profile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<Profile> selected = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final Map<ProfileField, StringProperty> fields = new EnumMap<>(ProfileField.class);
    private final Map<ProfileField, StringProperty> problems = new EnumMap<>(ProfileField.class);
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final ObservableList<CheckResult> results = FXCollections.observableArrayList();
    private final BooleanProperty testing = new SimpleBooleanProperty();
    private final BooleanBinding builtIn;

    /**
     * @param background where checks run (never the FX thread)
     * @param ui         where their results are shown ({@code Platform::runLater})
     */
    public ConnectionsViewModel(ProfileStore store, ProfileCheck check, Executor background, Executor ui) {
        this.store = store;
        this.check = check;
        this.background = background;
        this.ui = ui;
        for (ProfileField f : ProfileField.values()) {
            StringProperty value = new SimpleStringProperty("");
            StringProperty problem = new SimpleStringProperty("");
            value.addListener((obs, old, now) -> problem.set(problemOf(f, now)));
            fields.put(f, value);
            problems.put(f, problem);
        }
        builtIn = Bindings.createBooleanBinding(() -> selected.get() == null || selected.get().builtIn(), selected);
        selected.addListener((obs, old, now) -> edit(now));
    }

    private static String problemOf(ProfileField f, String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String problem = f.setting().problem(text);
        return problem == null ? "" : problem;
    }

    /** (Re)reads the store; on a file it refuses, shows the one-line reason and lists the built-in profile only. */
    public void load() {
        List<Profile> loaded;
        try {
            loaded = store.load();
            error.set("");
        } catch (ProfileException e) {
            loaded = List.of(Profile.embedded());
            error.set(e.getMessage());
        }
        String keep = selected.get() == null ? Profile.EMBEDDED : selected.get().name();
        profiles.setAll(loaded);
        select(keep);
    }

    private void select(String profileName) {
        Profile found = profiles.stream().filter(p -> p.name().equals(profileName)).findFirst().orElse(profiles.get(0));
        if (Objects.equals(found, selected.get())) {
            edit(found); // set() below changes nothing, so the listener does not edit it
        }
        selected.set(found);
    }

    private void edit(Profile p) {
        results.clear();
        status.set("");
        if (p == null) {
            return;
        }
        name.set(p.name());
        description.set(p.description());
        for (ProfileField f : ProfileField.values()) {
            fields.get(f).set(p.values().getOrDefault(f, ""));
        }
    }

    /** A new, empty profile named {@code new-profile} (or {@code new-profile-2}, ...), saved at once. */
    public void add() {
        saveAs(new Profile(freeName("new-profile"), "", Map.of()), null);
    }

    /** A copy of the selected profile under a free name, saved at once. */
    public void duplicate() {
        Profile p = selected.get();
        if (p != null) {
            saveAs(new Profile(freeName(p.name() + "-copy"), p.description(), p.values()), null);
        }
    }

    /** Deletes the selected profile (refused for the built-in one). */
    public void delete() {
        Profile p = selected.get();
        if (p == null || p.builtIn()) {
            error.set("'" + Profile.EMBEDDED + "' is the built-in profile and cannot be deleted");
            return;
        }
        List<Profile> rest = new ArrayList<>(profiles);
        rest.remove(p);
        if (write(rest)) {
            profiles.setAll(rest);
            select(Profile.EMBEDDED);
        }
    }

    /** Saves the editor's values over the selected profile (which may be renamed); refusals show in {@link #errorProperty()}. */
    public void save() {
        Profile p = selected.get();
        if (p == null || p.builtIn()) {
            error.set("'" + Profile.EMBEDDED + "' is the built-in profile; duplicate it to change its values");
            return;
        }
        Profile edited = edited();
        if (edited != null) {
            saveAs(edited, p);
        }
    }

    /** The editor's profile, or null after saying in {@link #errorProperty()} what is wrong. */
    private Profile edited() {
        Map<ProfileField, String> values = new EnumMap<>(ProfileField.class);
        for (ProfileField f : ProfileField.values()) {
            String v = fields.get(f).get().trim();
            if (!v.isEmpty()) {
                if (!problems.get(f).get().isEmpty()) {
                    error.set(f.path() + ": " + problems.get(f).get());
                    return null;
                }
                values.put(f, v);
            }
        }
        try {
            return new Profile(name.get().trim(), description.get().trim(), values);
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
    }

    private void saveAs(Profile p, Profile replacing) {
        List<Profile> next = new ArrayList<>(profiles);
        int at = replacing == null ? -1 : next.indexOf(replacing);
        if (at >= 0) {
            next.set(at, p);
        } else {
            next.add(p);
        }
        if (write(next)) {
            profiles.setAll(next);
            select(p.name());
            status.set("saved to " + store.file());
        }
    }

    private boolean write(List<Profile> next) {
        try {
            store.save(next);
            error.set("");
            return true;
        } catch (ProfileException e) {
            error.set(e.getMessage());
            return false;
        }
    }

    private String freeName(String base) {
        String candidate = base;
        for (int i = 2; isTaken(candidate); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }

    private boolean isTaken(String candidate) {
        return profiles.stream().anyMatch(p -> p.name().equals(candidate));
    }

    /** Tests the editor's values (saved or not) off the UI thread; each result arrives as it is known. */
    public void test() {
        if (testing.get()) {
            return;
        }
        Profile p = selected.get() != null && selected.get().builtIn() ? selected.get() : edited();
        if (p == null) {
            return;
        }
        error.set("");
        results.clear();
        testing.set(true);
        status.set("testing " + p.name() + " ...");
        background.execute(() -> {
            List<CheckResult> all = check.run(p, new CheckListener() {
                @Override
                public void progress(CheckResult.Check c, String subject, String message) {
                    ui.execute(() -> status.set(c.label() + " " + subject + ": " + message + " ..."));
                }

                @Override
                public void finished(CheckResult result) {
                    ui.execute(() -> results.add(result));
                }
            });
            long failed = all.stream().filter(CheckResult::failed).count();
            ui.execute(() -> {
                testing.set(false);
                status.set(failed == 0 ? "all " + all.size() + " checks passed" : failed + " of " + all.size()
                        + " checks failed");
            });
        });
    }

    public ObservableList<Profile> profiles() {
        return profiles;
    }

    public ObjectProperty<Profile> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public StringProperty fieldProperty(ProfileField f) {
        return fields.get(f);
    }

    /** Why the field's text is refused ("" when it is accepted or empty), as the user types. */
    public StringProperty problemProperty(ProfileField f) {
        return problems.get(f);
    }

    /** The last refusal (of the store, of a value, of a delete) in one line; "" when none. */
    public StringProperty errorProperty() {
        return error;
    }

    /** What is going on: a check's progress line, "saved to ...", the test's summary. */
    public StringProperty statusProperty() {
        return status;
    }

    public ObservableList<CheckResult> results() {
        return results;
    }

    public BooleanProperty testingProperty() {
        return testing;
    }

    /** Whether the selection is the built-in profile (not editable, not deletable). */
    public BooleanBinding builtInProperty() {
        return builtIn;
    }
}
