package dev.sluice.cli;

import dev.sluice.profile.Profile;
import dev.sluice.profile.ProfileException;
import dev.sluice.profile.ProfileField;
import dev.sluice.profile.ProfileStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code sluice profiles list|show|test NAME}: the saved connection profiles (names and addresses, never secrets). */
@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = {"List, show or test the connection profiles of profiles.toml (see profiles.md).",
                "Exit 0; 2 when the file cannot be used (file:line and why on stderr) or no profile has the name;"
                        + " test: 1 when a check fails."},
        subcommands = {ProfilesCommand.ListProfiles.class, ProfilesCommand.ShowProfile.class, ProfileTestCommand.class})
final class ProfilesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE",
            description = "The profile file (default: $SLUICE_CONFIG, else profiles.toml in the config directory).")
    Path file;

    @Override
    public Integer call() {
        return ListProfiles.list(spec, store());
    }

    ProfileStore store() {
        return file == null ? ProfileStore.user() : new ProfileStore(file);
    }

    /** The profile named {@code name}, or null after one line on {@code err} (the file's problem, or the known names). */
    static Profile find(ProfileStore store, String name, String command, PrintWriter err) {
        List<Profile> profiles = load(store, err);
        if (profiles == null) {
            return null;
        }
        Optional<Profile> found = profiles.stream().filter(p -> p.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            err.println("sluice profiles " + command + ": no profile named '" + name + "' in " + store.file() + "; known: "
                    + String.join(", ", profiles.stream().map(Profile::name).toList()));
            return null;
        }
        return found.get();
    }

    /** A subcommand about the one profile its NAME parameter names. */
    abstract static class OneProfile implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @ParentCommand
        ProfilesCommand parent;

        @Parameters(index = "0", paramLabel = "NAME", description = "A name from 'sluice profiles list'.")
        String name;

        private final String command;

        OneProfile(String command) {
            this.command = command;
        }

        @Override
        public final Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Profile p = find(parent.store(), name, command, err);
            return p == null ? SluiceCommand.CANNOT_RUN : call(p, spec.commandLine().getOut(), err);
        }

        /** The exit code, once the profile is found. */
        abstract int call(Profile p, PrintWriter out, PrintWriter err);
    }

    private static List<Profile> load(ProfileStore store, PrintWriter err) {
        try {
            return store.load();
        } catch (ProfileException e) {
            err.println("sluice profiles: " + e.getMessage());
            return null;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "One line per profile, the built-in one first.")
    static final class ListProfiles implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @ParentCommand
        ProfilesCommand parent;

        @Override
        public Integer call() {
            return list(spec, parent.store());
        }

        static int list(CommandSpec command, ProfileStore store) {
            PrintWriter out = command.commandLine().getOut();
            PrintWriter err = command.commandLine().getErr();
            List<Profile> profiles = load(store, err);
            if (profiles == null) {
                return SluiceCommand.CANNOT_RUN;
            }
            out.println("profiles of " + store.file() + (profiles.size() == 1 ? " (no file yet: only the built-in one)" : ""));
            for (Profile p : profiles) {
                out.printf("%-24s %-9s %s%n", p.name(), p.builtIn() ? "built-in" : parts(p), p.description());
            }
            out.flush();
            return 0;
        }

        private static String parts(Profile p) {
            return p.values().keySet().stream().map(f -> f.part().id()).distinct().reduce((a, b) -> a + "+" + b)
                    .orElse("empty");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Every value of one profile, with the setting it stands for.")
    static final class ShowProfile extends OneProfile {

        ShowProfile() {
            super("show");
        }

        @Override
        int call(Profile p, PrintWriter out, PrintWriter err) {
            out.println(p.name() + (p.description().isEmpty() ? "" : ": " + p.description()));
            if (p.values().isEmpty()) {
                out.println("    (no settings: the embedded defaults)");
            }
            for (Map.Entry<ProfileField, String> e : p.values().entrySet()) {
                out.printf("    %-26s = %-40s (--set %s)%n", e.getKey().path(), e.getValue(), e.getKey().setting().key());
            }
            out.flush();
            return 0;
        }
    }
}
