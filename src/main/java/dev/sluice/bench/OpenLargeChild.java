package dev.sluice.bench;

import dev.sluice.model.ModelSnapshot;
import dev.sluice.model.TraceModel;
import dev.sluice.ui.Console;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import jdk.jfr.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The child JVM of {@link OpenLargeBench}: opens the trace as the console does (its session loads it
 * in the background) and scrubs the cursor from start to end on every tab, one position per pulse.
 * Writes its figures to a properties file: its standard output is the parent's log.
 */
final class OpenLargeChild {

    /** System properties that run JavaFX without a display (Monocle's headless platform). */
    static final List<String> MONOCLE = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Dprism.text=t2k", "-Djava.awt.headless=true");

    private static final Logger LOG = LoggerFactory.getLogger(OpenLargeChild.class);
    private static final int POSITIONS_PER_TAB = 120;
    private static final int TABS = 4;

    private OpenLargeChild() {
    }

    /** Whether there is no display but Monocle is on the class path, so the child draws headless. */
    static boolean headless() {
        return !hasDisplay() && monocle();
    }

    private static boolean hasDisplay() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        return !linux || System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
    }

    private static boolean monocle() {
        try {
            Class.forName("com.sun.glass.ui.monocle.MonoclePlatformFactory", false, OpenLargeChild.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            measure(args);
        } catch (Exception | Error e) {
            // JavaFX's threads would keep this JVM alive after a failed open: the parent would wait out its timeout
            LOG.error("open-large child failed: {}", e.toString(), e); // its output is the parent's log
            Runtime.getRuntime().halt(1);
        }
    }

    private static void measure(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Properties figures = new Properties();
        if (hasDisplay() || "Monocle".equals(System.getProperty("glass.platform"))) {
            withConsole(file, figures, out);
        } else {
            long before = usedHeapAfterGc();
            long t0 = System.nanoTime();
            TraceModel.Loaded loaded = TraceModel.load(file);
            try {
                figures.setProperty("openSeconds", Double.toString((System.nanoTime() - t0) / 1e9));
                figures.setProperty("heapBytes", Long.toString(usedHeapAfterGc() - before));
                offHeap(figures);
                figures.setProperty("noUi", "not scrubbed: there is no display and no Monocle on the class path "
                        + "(run under xvfb-run to draw)");
            } finally {
                Reference.reachabilityFence(loaded); // measured while the model is still held
            }
        }
        store(figures, out);
        Platform.exit();
        System.exit(0);
    }

    private static void store(Properties figures, Path out) throws IOException {
        try (Writer w = Files.newBufferedWriter(out)) {
            figures.store(w, "open-large");
        }
    }

    private static void withConsole(Path file, Properties figures, Path out) throws Exception {
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        Platform.setImplicitExit(false);
        up.await(30, TimeUnit.SECONDS);
        AtomicReference<Console> console = new AtomicReference<>();
        onFx(() -> {
            Stage stage = new Stage();
            Console c = Console.create(stage);
            stage.setWidth(1280);
            stage.setHeight(800);
            stage.show();
            console.set(c);
        });
        Thread.sleep(500);
        long before = usedHeapAfterGc();
        Recording open = ScrubProfile.recordOpen();
        long t0 = System.nanoTime();
        onFx(() -> console.get().session().openTrace(file));
        AtomicReference<ModelSnapshot> model = new AtomicReference<>();
        while (model.get() == null) {
            Thread.sleep(20);
            onFx(() -> {
                String message = console.get().session().messageProperty().get();
                if (message != null && message.startsWith("loaded ")) {
                    model.set(console.get().session().frameProperty().get().model());
                } else if (message != null && !message.startsWith("loading ")) {
                    throw new IllegalStateException("open-large: the console did not open " + file + ": " + message);
                }
            });
        }
        figures.setProperty("openSeconds", Double.toString((System.nanoTime() - t0) / 1e9));
        figures.setProperty("heapBytes", Long.toString(usedHeapAfterGc() - before));
        offHeap(figures);
        ScrubProfile.describeOpen(open, figures); // after the heap is measured: reading the recording makes garbage
        store(figures, out); // the open figures stand even if scrubbing outlasts the parent's patience
        long[] work;
        try (ScrubProfile profile = new ScrubProfile()) {
            work = scrub(console.get(), model.get());
            ScrubProfile.describe(profile.pulses(), figures);
        }
        figures.setProperty("pulses", Integer.toString(work.length));
        figures.setProperty("workP50", Long.toString(percentile(work, 50)));
        figures.setProperty("workP99", Long.toString(percentile(work, 99)));
    }

    /** Seeks one position further every pulse, end to end on every tab; returns the sorted FX work per pulse. */
    private static long[] scrub(Console console, ModelSnapshot model) throws InterruptedException {
        List<Long> work = new ArrayList<>();
        long[] pulseStart = new long[1];
        int[] step = new int[1];
        ScrubProfile.Pulse[] pulse = new ScrubProfile.Pulse[1];
        CountDownLatch done = new CountDownLatch(1);
        long from = model.startNanos();
        long span = Math.max(1, model.endNanos() - from);
        Runnable measure = () -> {
            if (pulseStart[0] != 0 && step[0] > 1) {
                work.add(System.nanoTime() - pulseStart[0]);
                pulse[0].commit();
            }
        };
        AnimationTimer scrubber = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulseStart[0] = System.nanoTime();
                int s = step[0]++;
                pulse[0] = new ScrubProfile.Pulse();
                pulse[0].step = s;
                pulse[0].tab = s / POSITIONS_PER_TAB;
                pulse[0].begin();
                if (s >= POSITIONS_PER_TAB * TABS) {
                    stop();
                    done.countDown();
                    return;
                }
                if (s % POSITIONS_PER_TAB == 0) {
                    console.shell().tabs().getSelectionModel().select(s / POSITIONS_PER_TAB);
                }
                console.session().seek(from + span * (s % POSITIONS_PER_TAB) / (POSITIONS_PER_TAB - 1));
            }
        };
        onFx(() -> {
            console.stage().getScene().addPostLayoutPulseListener(measure);
            scrubber.start();
        });
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("open-large: scrubbing did not finish in 10 minutes");
        }
        long[][] sorted = new long[1][];
        onFx(() -> {
            console.stage().getScene().removePostLayoutPulseListener(measure);
            sorted[0] = work.stream().mapToLong(Long::longValue).toArray();
        });
        Arrays.sort(sorted[0]);
        return sorted[0];
    }

    private static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<RuntimeException> error = new AtomicReference<>();
        Platform.runLater(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                error.set(e);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("open-large: the FX thread did not answer in 60 s");
        }
        if (error.get() != null) {
            throw error.get();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Direct and mapped buffer bytes (the JDK's buffer pools) and the resident set, into {@code figures}. */
    private static void offHeap(Properties figures) throws IOException {
        long direct = 0;
        long mapped = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            long used = Math.max(0, pool.getMemoryUsed());
            if ("direct".equals(pool.getName())) {
                direct += used;
            } else {
                mapped += used; // "mapped" and "mapped - 'non-volatile memory'"
            }
        }
        figures.setProperty("directBytes", Long.toString(direct));
        figures.setProperty("mappedBytes", Long.toString(mapped));
        figures.setProperty("offHeapBytes", Long.toString(direct + mapped));
        figures.setProperty("residentBytes", Long.toString(resident()));
    }

    /** This JVM's resident set in bytes (Linux {@code /proc/self/status}), or -1 where there is none. */
    private static long resident() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p / 100 * (sorted.length - 1)))];
    }
}
