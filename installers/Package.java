import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Builds Sluice's runtime, app image and installers with jlink and jpackage. Run by the {@code dist}
 * profile ({@code mvn -Pdist package}) and by the app-image integration test; a single-file program so
 * that it runs the same on Linux, macOS and Windows without a shell.
 *
 * <p>Usage: {@code java installers/Package.java BASEDIR VERSION TYPES [DEST]} where TYPES is
 * {@code app-image} or {@code native} (the app image and this OS's installers) and DEST defaults to
 * {@code target/dist}.
 *
 * <p>JavaFX goes into the jlink runtime from its modular jars (Central has no JavaFX jmods), its native
 * libraries copied beside the JDK's so JavaFX loads them from there instead of extracting them into
 * {@code ~/.openjfx/cache}; Sluice itself stays on the class path as it does with {@code java -jar}.
 */
public final class Package {

    /** The JDK modules Sluice and its libraries use (jdeps and the jars' module descriptors), plus providers. */
    static final List<String> JDK_MODULES = List.of("java.base", "java.compiler", "java.desktop",
            "java.instrument", "java.logging", "java.management", "java.naming", "java.net.http", "java.rmi",
            "java.scripting", "java.security.jgss", "java.security.sasl", "java.sql", "java.xml",
            "jdk.attach", "jdk.jfr", "jdk.httpserver", "jdk.net", "jdk.unsupported", "jdk.management", "jdk.security.auth",
            // found by service lookup, which jdeps does not see: TLS curves, charsets, zip file system, DNS
            "jdk.crypto.ec", "jdk.charsets", "jdk.zipfs", "jdk.naming.dns");
    static final List<String> FX_MODULES = List.of("javafx.base", "javafx.graphics", "javafx.controls", "javafx.fxml");
    /** Baked into the launcher: Arrow's memory layer reflects into java.nio (as in the pom's sluice.opens). */
    static final List<String> JAVA_OPTIONS = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xshare:auto");
    static final String MAIN_CLASS = "dev.sluice.app.Launcher";
    static final String AGENT_JAR = "sluice-agent.jar";
    static final String DESCRIPTION = "Watch event-loop ownership, HTTP/2 flow control and Delta commit conflicts";

    enum Os {
        LINUX("linux", "lib", ".so", "png"), MAC("mac", "lib", ".dylib", "icns"), WINDOWS("win", "bin", ".dll", "ico");

        final String fxClassifier;
        final String nativeDir;
        final String nativeSuffix;
        final String iconExt;

        Os(String fxClassifier, String nativeDir, String nativeSuffix, String iconExt) {
            this.fxClassifier = fxClassifier;
            this.nativeDir = nativeDir;
            this.nativeSuffix = nativeSuffix;
            this.iconExt = iconExt;
        }

        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            return name.contains("win") ? WINDOWS : name.contains("mac") ? MAC : LINUX;
        }
    }

    private final Path base;
    private final Path target;
    private final Path dist;
    private final String version;
    private final Os os = Os.current();

    Package(Path base, String version, Path dist) {
        this.base = base;
        this.target = base.resolve("target");
        this.dist = base.resolve(dist);
        // jpackage and the package formats want a numeric version: 0.1.0-SNAPSHOT is packaged as 0.1.0
        this.version = version.replaceFirst("-.*$", "");
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3 && args.length != 4) {
            throw new IllegalArgumentException("usage: Package BASEDIR VERSION app-image|native [DEST]");
        }
        Package p = new Package(Path.of(args[0]).toAbsolutePath(), args[1],
                Path.of(args.length == 4 ? args[3] : "target/dist"));
        Path image = p.appImage();
        if (args[2].equals("native")) {
            p.installers(image);
        } else if (!args[2].equals("app-image")) {
            throw new IllegalArgumentException("unknown type " + args[2] + ": app-image or native");
        }
    }

    /** The runtime and the app image; returns the image's directory (on macOS, the .app bundle). */
    Path appImage() throws IOException, InterruptedException {
        deleteTree(dist);
        Path work = dist.resolveSibling(dist.getFileName() + "-work");
        deleteTree(work);
        Path input = work.resolve("input");
        Path fxMods = work.resolve("javafx");
        Files.createDirectories(input);
        Files.createDirectories(fxMods);
        Files.copy(target.resolve("sluice.jar"), input.resolve("sluice.jar"));
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                String name = jar.getFileName().toString();
                if (name.startsWith("javafx-")) {
                    // the platform jar is the module; the plain one is an empty placeholder
                    if (name.endsWith("-" + os.fxClassifier + ".jar")) {
                        Files.copy(jar, fxMods.resolve(name));
                    }
                } else {
                    Files.copy(jar, input.resolve(name));
                }
            }
        }
        Path runtime = work.resolve("runtime");
        List<String> modules = new ArrayList<>(JDK_MODULES);
        modules.addAll(FX_MODULES);
        run("jlink", "--module-path", Path.of(System.getProperty("java.home"), "jmods") + java.io.File.pathSeparator + fxMods,
                "--add-modules", String.join(",", modules), "--strip-debug", "--no-header-files", "--no-man-pages",
                "--compress=2", "--output", runtime.toString());
        copyNatives(fxMods, runtime.resolve(os.nativeDir));
        classDataSharing(runtime);

        List<String> cmd = new ArrayList<>(List.of("jpackage", "--type", "app-image", "--name", "sluice",
                "--app-version", version, "--vendor", "Sluice", "--description", DESCRIPTION,
                "--input", input.toString(), "--main-jar", "sluice.jar", "--main-class", MAIN_CLASS,
                "--runtime-image", runtime.toString(), "--icon", icon().toString(), "--dest", dist.toString()));
        for (String option : JAVA_OPTIONS) {
            cmd.add("--java-options");
            cmd.add(option);
        }
        if (os == Os.WINDOWS) {
            // the main launcher is a GUI program; sluice-cli.exe prints to the terminal
            cmd.addAll(List.of("--add-launcher", "sluice-cli=" + base.resolve("installers/windows/sluice-cli.properties")));
        }
        run(cmd);
        Path image = dist.resolve(os == Os.MAC ? "sluice.app" : "sluice");
        shipAgent(image);
        return image;
    }

    /**
     * The java agent ({@code sluice attach}, {@code -javaagent:}) goes beside sluice.jar, where attach and
     * bench look for it, but only after jpackage made the image: every jar of {@code --input} would be on
     * Sluice's own class path, and the agent bundles copies of Sluice's event and trace classes.
     */
    private void shipAgent(Path image) throws IOException {
        Path agent = target.resolve(AGENT_JAR);
        if (!Files.isRegularFile(agent)) {
            throw new IllegalStateException("no " + agent + " to ship in the app image; mvn package builds it");
        }
        Path app = switch (os) {
            case LINUX -> image.resolve("lib").resolve("app");
            case MAC -> image.resolve("Contents").resolve("app");
            case WINDOWS -> image.resolve("app");
        };
        if (!Files.isRegularFile(app.resolve("sluice.jar"))) {
            throw new IllegalStateException("no sluice.jar in " + app + ": jpackage laid the app image out otherwise");
        }
        Files.copy(agent, app.resolve(AGENT_JAR));
    }

    /** This OS's installers, made from the app image. */
    void installers(Path image) throws IOException, InterruptedException {
        Path inputs = base.resolve("installers").resolve(os == Os.MAC ? "macos" : os == Os.WINDOWS ? "windows" : "linux");
        List<String> types = switch (os) {
            case LINUX -> onPath("rpmbuild") ? List.of("deb", "rpm") : List.of("deb");
            case MAC -> List.of("dmg");
            case WINDOWS -> List.of("msi");
        };
        for (String type : types) {
            List<String> cmd = new ArrayList<>(List.of("jpackage", "--type", type, "--app-image", image.toString(),
                    "--name", "sluice", "--app-version", version, "--vendor", "Sluice", "--description", DESCRIPTION,
                    "--resource-dir", inputs.toString(), "--icon", icon().toString(), "--dest", dist.toString(),
                    "--file-associations", inputs.resolve("sluice-trace.properties").toString()));
            switch (os) {
                case LINUX -> cmd.addAll(List.of("--linux-package-name", "sluice", "--linux-shortcut",
                        "--linux-menu-group", "Development", "--linux-app-category", "devel",
                        "--linux-deb-maintainer", "sluice@sluice.dev"));
                case MAC -> cmd.addAll(List.of("--mac-package-identifier", "dev.sluice", "--mac-package-name", "Sluice"));
                case WINDOWS -> cmd.addAll(List.of("--win-menu", "--win-menu-group", "Sluice", "--win-shortcut",
                        "--win-dir-chooser", "--win-upgrade-uuid", "4f7e5a52-9c1e-4d0f-9a51-5d7c3f6a1b15"));
            }
            run(cmd);
        }
    }

    private Path icon() {
        return base.resolve("assets/icons").resolve(os == Os.LINUX ? "sluice-256.png" : "sluice." + os.iconExt);
    }

    /** JavaFX looks for its natives beside the runtime's own before extracting them from its jars. */
    private void copyNatives(Path fxMods, Path into) throws IOException {
        try (Stream<Path> jars = Files.list(fxMods)) {
            for (Path jar : jars.toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    for (ZipEntry e : zip.stream().toList()) {
                        if (!e.isDirectory() && !e.getName().contains("/") && e.getName().endsWith(os.nativeSuffix)) {
                            try (InputStream in = zip.getInputStream(e)) {
                                Files.copy(in, into.resolve(e.getName()), StandardCopyOption.REPLACE_EXISTING);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The runtime's default CDS archive, dumped from the classes the console loads up to its first frame
     * (installers/sluice.classlist). JDK 17 has no auto-created archive, and an AppCDS archive of the class
     * path would be tied to the build directory's paths; the runtime's default archive holds the JDK and
     * JavaFX classes (those in the class list that are on the class path are skipped), needs no launcher
     * option and stays valid wherever the app is installed.
     */
    private void classDataSharing(Path runtime) throws IOException, InterruptedException {
        Path java = runtime.resolve("bin").resolve(os == Os.WINDOWS ? "java.exe" : "java");
        run(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + base.resolve("installers/sluice.classlist"),
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        run(List.of(cmd));
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        // the JDK's own tools, so that the runtime matches the JDK that built Sluice
        List<String> full = new ArrayList<>(cmd);
        Path tool = Path.of(System.getProperty("java.home"), "bin", cmd.get(0));
        if (!cmd.get(0).contains(java.io.File.separator) && Files.isExecutable(tool)) {
            full.set(0, tool.toString());
        }
        System.out.println("[dist] " + String.join(" ", full));
        Process p = new ProcessBuilder(full).inheritIO().start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(cmd.get(0) + " exited with " + code);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + p, e);
                }
            }
        }
    }
}
