package dev.sluice.ui.shell;

import dev.sluice.profile.Profile;
import dev.sluice.profile.ProfileException;
import dev.sluice.profile.ProfileStore;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The profile chooser beside the scenario chooser: the names of the store's profiles (the built-in
 * one first) and the chosen one. A file the store refuses leaves the built-in profile only, and
 * {@link #problemProperty()} says why in one line.
 */
public final class ProfileChooserViewModel {

    private final ProfileStore store;
    private final ObservableList<String> names = FXCollections.observableArrayList(Profile.EMBEDDED);
    private final StringProperty chosen = new SimpleStringProperty(Profile.EMBEDDED);
    private final StringProperty problem = new SimpleStringProperty("");
    private List<Profile> profiles = List.of(Profile.embedded());

    public ProfileChooserViewModel(ProfileStore store) {
        this.store = store;
    }

    /** Rereads the store (after the Connections dialog saved); keeps the choice if it still exists. */
    public void reload() {
        try {
            profiles = store.load();
            problem.set("");
        } catch (ProfileException e) {
            profiles = List.of(Profile.embedded());
            problem.set(e.getMessage());
        }
        String keep = chosen.get();
        names.setAll(profiles.stream().map(Profile::name).toList());
        chosen.set(names.contains(keep) ? keep : Profile.EMBEDDED);
    }

    /** Chooses {@code name} (a remembered one, say); an unknown name chooses the built-in profile and returns false. */
    public boolean choose(String name) {
        boolean known = names.contains(name);
        chosen.set(known ? name : Profile.EMBEDDED);
        return known;
    }

    /** The chosen profile (the built-in one when the choice has gone). */
    public Profile chosenProfile() {
        Optional<Profile> p = profiles.stream().filter(x -> x.name().equals(chosen.get())).findFirst();
        return p.orElse(Profile.embedded());
    }

    public ObservableList<String> names() {
        return names;
    }

    public StringProperty chosenProperty() {
        return chosen;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
