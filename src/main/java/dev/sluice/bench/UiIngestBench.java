package dev.sluice.bench;

import dev.sluice.event.Emitter;
import dev.sluice.event.Engine;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioContext;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.ScenarioSource;
import dev.sluice.scenario.Setting;
import dev.sluice.ui.CanvasPane;
import dev.sluice.ui.Console;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Screen;
import javafx.stage.Stage;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * {@code sluice bench ui-ingest}: a synthetic run at 200 k events/s drives the live model and the
 * console's views (the tabs take turns on screen). It reports the FX thread's work per pulse
 * (from the pulse's start to the end of its layout, goal p99 ≤ 8 ms) beside the pulse interval
 * (the display's own 16.7 ms at 60 Hz is the baseline), snapshots per pulse, drops, and the heap kept per million
 * events: by the whole console once every tab has shown the run's end (with the classes that hold it, from class
 * histograms), and by the live model alone ({@link LiveModelHeap}). Needs a display (or Monocle on the class path, then it draws headless):
 * run under {@code xvfb-run} on a server.
 */
final class UiIngestBench implements Benchmark {

    private static final int RATE = 200_000;
    private static final int TABS = 4; // the bench cycles through the first four tabs
    private static final int HISTOGRAM_LINES = 6; // the classes that grew most: what holds the heap kept
    private static final int SETTLE_ROUNDS = 6;
    private static final int MEANINGFUL_SECOND = 10_000; // events in a second below which a per-event CPU figure is noise

    @Override
    public String name() {
        return "ui-ingest";
    }

    @Override
    public String description() {
        return "200 k events/s into the live model and views: FX work per pulse p50/p99, pulse interval, heap per million events (console; model alone)";
    }

    @Override
    public BenchReport run(boolean quick) throws Exception {
        int seconds = quick ? 3 : 10;
        BenchReport report = new BenchReport(name());
        startFx();
        List<Long> work = new ArrayList<>();
        List<Long> cpu = new ArrayList<>(); // the FX thread's own CPU time per pulse: on a loaded machine wall time is mostly waiting
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] pulseCpu = new long[1];
        List<Long> intervals = new ArrayList<>();
        AtomicReference<Console> console = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        long[] pulseStart = new long[2]; // [1]: 0 not measuring, 1 the run's pulses, 2 first showing of each tab
        List<Long> firstShows = new ArrayList<>();
        PulseEvent[] pulseEvent = new PulseEvent[1];
        PulseGaps[] gaps = new PulseGaps[1]; // set on the FX thread while measuring
        AnimationTimer probe = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulseEvent[0] = new PulseEvent();
                pulseEvent[0].begin();
                long t = System.nanoTime();
                if (pulseStart[1] == 1 && pulseStart[0] != 0) {
                    intervals.add(t - pulseStart[0]);
                }
                pulseStart[0] = t;
                pulseCpu[0] = threads.getCurrentThreadCpuTime();
            }
        };
        onFx(() -> {
            Stage stage = new Stage();
            Console c = Console.create(stage);
            // no larger than the screen: Monocle's headless one is 1280x800 and overflows with a larger window
            stage.setWidth(Math.min(1400, Screen.getPrimary().getBounds().getWidth()));
            stage.setHeight(Math.min(900, Screen.getPrimary().getBounds().getHeight()));
            stage.show();
            stage.getScene().addPostLayoutPulseListener(() -> {
                if (pulseStart[1] == 1 && pulseStart[0] != 0) {
                    long spent = System.nanoTime() - pulseStart[0];
                    work.add(spent);
                    gaps[0].pulse(pulseStart[0], spent);
                    cpu.add(threads.getCurrentThreadCpuTime() - pulseCpu[0]);
                } else if (pulseStart[1] == 2 && pulseStart[0] != 0) {
                    firstShows.add(System.nanoTime() - pulseStart[0]);
                }
                PulseEvent p = pulseEvent[0];
                if (p != null && p.shouldCommit()) {
                    p.tab = c.shell().tabs().getSelectionModel().getSelectedIndex();
                    p.events = c.session().liveEvents();
                    p.commit();
                }
                pulseEvent[0] = null;
            });
            c.session().runningProperty().addListener((obs, was, now) -> {
                if (was && !now) {
                    ended.countDown();
                }
            });
            probe.start();
            console.set(c);
        });
        Thread.sleep(500);
        // the console itself is not part of what the model keeps per event: every tab is shown once first, so
        // each view's fixed cost (the software renderer keeps a canvas's pixels as an int[] on the heap, ~5 MiB
        // a canvas at this size) is in the baseline, not spread over the run's few hundred thousand events
        // ...which a user pays once per tab: measured apart (its pulses are not among the run's)
        onFx(() -> pulseStart[1] = 2);
        showEveryTab(console.get());
        onFx(() -> {
            pulseStart[1] = 0;
            console.get().shell().tabs().getSelectionModel().select(0);
        });
        Thread.sleep(150);
        HeapHistogram histogramBefore = HeapHistogram.baseline();
        long heapBefore = usedHeapAfterGc();
        // the fold's cost in the first second (a cold JVM: interpreted, then compiled) beside the last second's
        CpuByRole firstSecond = new CpuByRole(threads);
        onFx(() -> console.get().session().startLive(
                new ScenarioSource(new SyntheticRun(seconds), ScenarioRunner.Options.defaults()), null));
        // the first second warms up the JIT; then cycle through the views
        Thread.sleep(1000);
        firstSecond.read();
        long firstSecondEvents = console.get().session().liveEvents();
        long[] paints = new long[2];
        PulseGaps pulseGaps = new PulseGaps();
        onFx(() -> {
            gaps[0] = pulseGaps;
            pulseStart[1] = 1;
            paints[0] = canvasPaints(console.get());
        });
        // where the run's CPU goes while measuring: a starved dispatcher drops events (its ring fills)
        CpuByRole cpuByRole = new CpuByRole(threads);
        long eventsAtStart = console.get().session().liveEvents();
        long droppedAtStart = console.get().session().liveDropped();
        long wallAtStart = System.nanoTime();
        long eventsAtEnd = eventsAtStart;
        long wallAtEnd = wallAtStart;
        long lastSecondEvents = 0;
        long lastSecondCpu = 0;
        for (int s = 1; s < seconds && ended.getCount() > 0; s++) {
            int tab = s % TABS;
            onFx(() -> console.get().shell().tabs().getSelectionModel().select(tab));
            ended.await(900, TimeUnit.MILLISECONDS);
            if (ended.getCount() > 0) { // the run still going: CPU, events and time read together
                long cpuBefore = cpuByRole.spent(CpuByRole.Role.DISPATCHER);
                long eventsBefore = eventsAtEnd;
                cpuByRole.read();
                eventsAtEnd = console.get().session().liveEvents();
                wallAtEnd = System.nanoTime();
                lastSecondCpu = cpuByRole.spent(CpuByRole.Role.DISPATCHER) - cpuBefore;
                lastSecondEvents = eventsAtEnd - eventsBefore;
            }
            ended.await(100, TimeUnit.MILLISECONDS);
        }
        if (!ended.await(seconds + 30L, TimeUnit.SECONDS)) {
            report.note("the synthetic run did not end in time");
        }
        onFx(() -> {
            pulseStart[1] = 0;
            paints[1] = canvasPaints(console.get());
        });
        PulseGaps.Breakdown gapBreakdown = pulseGaps.close();
        // each view's caches as they stand for the run's last snapshot, whichever tabs the cycle above reached (a
        // quick run never showed the Commits tab, whose table keeps a row per attempt: the figure swung with it)
        showEveryTab(console.get());
        onFx(() -> console.get().shell().tabs().getSelectionModel().select(0));
        Thread.sleep(150);
        long events = console.get().session().liveEvents();
        long dropped = console.get().session().liveDropped();
        double measuredNanos = Math.max(1, wallAtEnd - wallAtStart);
        long measuredEvents = Math.max(1, eventsAtEnd - eventsAtStart);
        // a view may still be listing its rows off the FX thread for the last snapshot (old and new lists both held)
        int settleRounds = 1;
        long heapAfter = usedHeapAfterGc();
        while (settleRounds < SETTLE_ROUNDS) {
            Thread.sleep(300);
            long again = usedHeapAfterGc();
            settleRounds++;
            boolean agreed = Math.abs(again - heapAfter) <= Math.max(1, again - heapBefore) / 100;
            heapAfter = again;
            if (agreed) {
                break;
            }
        }
        HeapHistogram histogramAfter = HeapHistogram.take();
        long[] w = toSortedArray(work);
        long[] iv = toSortedArray(intervals);
        long[] c = toSortedArray(cpu);
        report.figure("events into the live model", events / (double) seconds, "events/s", ">= 200000");
        report.figure("events dropped", dropped, "events");
        report.figure("FX work per pulse p50", percentile(w, 50) / 1e6, "ms");
        report.figure("FX work per pulse p99", percentile(w, 99) / 1e6, "ms", "<= 8");
        report.figure("FX thread CPU per pulse p50", percentile(c, 50) / 1e6, "ms");
        report.figure("FX thread CPU per pulse p99", percentile(c, 99) / 1e6, "ms");
        report.figure("pulse interval p50 (baseline: 60 Hz display)", percentile(iv, 50) / 1e6, "ms");
        report.figure("pulse interval p99", percentile(iv, 99) / 1e6, "ms", "<= 20");
        report.figure("pulses measured", w.length, "pulses");
        gapBreakdown.report(report);
        long[] shows = firstShows.stream().mapToLong(Long::longValue).sorted().toArray();
        report.figure("FX work of the slowest pulse showing a tab the first time (before the run, " + TABS + " tabs)",
                shows.length == 0 ? 0 : shows[shows.length - 1] / 1e6, "ms");
        report.figure("canvas paints per pulse (all views)", (paints[1] - paints[0]) / (double) Math.max(1, w.length),
                "paints");
        report.figure("events dropped in the first second (warm-up)", droppedAtStart, "events");
        report.figure("events folded while measuring", measuredEvents / (measuredNanos / 1e9), "events/s");
        report.figure("dispatcher CPU per event folded, first second (warm-up, cold JIT)",
                firstSecond.spent(CpuByRole.Role.DISPATCHER) / (double) Math.max(1, firstSecondEvents) / 1e3, "µs");
        report.figure("dispatcher CPU per event folded", cpuByRole.spent(CpuByRole.Role.DISPATCHER) / (double) measuredEvents / 1e3, "µs");
        // the JIT is still compiling the fold in a short run: the last measured second shows the warmer cost
        if (lastSecondEvents >= MEANINGFUL_SECOND) {
            report.figure("dispatcher CPU per event folded, last second", lastSecondCpu / (double) lastSecondEvents / 1e3, "µs");
        } else {
            report.note("the dispatcher folded only " + lastSecondEvents + " events in the last second: starved, no per-event cost");
        }
        report.figure("dispatcher share of a core", cpuByRole.spent(CpuByRole.Role.DISPATCHER) / measuredNanos, "cores");
        report.figure("producer share of a core", cpuByRole.spent(CpuByRole.Role.PRODUCER) / measuredNanos, "cores");
        report.figure("FX thread share of a core", cpuByRole.spent(CpuByRole.Role.FX) / measuredNanos, "cores");
        report.figure("other Java threads (renderer, JIT) share", cpuByRole.spent(CpuByRole.Role.OTHER) / measuredNanos, "cores");
        report.figure("heap kept per million events (the console: model and views, every tab shown after the run)",
                (heapAfter - heapBefore) / (events / 1e6) / 1048576.0, "MiB", "<= 32");
        report.figure("heap kept in all", (heapAfter - heapBefore) / 1048576.0, "MiB");
        report.figure("heap kept in all, live objects by class histogram",
                (histogramAfter.totalBytes() - histogramBefore.totalBytes()) / 1048576.0, "MiB");
        histogramAfter.grownLines(histogramBefore, HISTOGRAM_LINES, events).forEach(l -> report.note("kept: " + l));
        report.figure("heap measurements until two agreed within 1 %", settleRounds, "rounds");
        report.note(seconds + " s at " + RATE + " events/s (SyntheticEvents mix); views cycle through the tabs; "
                + "cores: " + Runtime.getRuntime().availableProcessors() + "; prism: " + System.getProperty("prism.order", "default"));
        onFx(() -> {
            probe.stop();
            console.get().stage().close(); // its session stops: nothing of the console is reachable from here on
            console.set(null);
        });
        Thread.sleep(300);
        LiveModelHeap.Measured alone = LiveModelHeap.measure(Math.max(1, events));
        report.figure("heap per million events of the live model alone (the same count folded again, no console)",
                alone.mibPerMillion(), "MiB");
        alone.after().grownLines(alone.before(), HISTOGRAM_LINES, events).forEach(l -> report.note("model alone: " + l));
        return report;
    }

    /**
     * One pulse's FX work (the probe timer's start to the end of layout) in a JFR recording of the bench
     * ({@code -XX:StartFlightRecording}): the longest pulses can then be matched with the FX thread's samples
     * and the GC pauses inside them.
     */
    @Name("dev.sluice.bench.UiPulse")
    @Label("ui-ingest pulse")
    @StackTrace(false)
    static final class PulseEvent extends Event {
        @Label("tab shown")
        int tab;
        @Label("events folded so far")
        long events;
    }

    /** Emits the SyntheticEvents mix at {@link #RATE} for a fixed time, in 1 ms slices. */
    private static final class SyntheticRun implements Scenario {
        private final int seconds;

        SyntheticRun(int seconds) {
            this.seconds = seconds;
        }

        @Override
        public String name() {
            return "ui-ingest";
        }

        @Override
        public String summary() {
            return "synthetic events at 200 k/s";
        }

        @Override
        public Engine engine() {
            return Engine.APP;
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of();
        }

        @Override
        public void run(ScenarioContext context) {
            Emitter out = context.emitter();
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long i = 0;
            while (System.nanoTime() < end && !context.stopRequested()) {
                long due = (System.nanoTime() - start) * RATE / 1_000_000_000L;
                while (i < due) {
                    out.emit(SyntheticEvents.body(i++));
                }
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    private static void startFx() throws InterruptedException, BenchUnavailableException {
        boolean headless = "Monocle".equals(System.getProperty("glass.platform"));
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        boolean noDisplay = linux && !headless && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null;
        if (noDisplay && OpenLargeChild.headless()) {
            // Monocle on the class path (the test class path): draw headless instead of refusing
            for (String option : OpenLargeChild.MONOCLE) {
                String[] kv = option.substring(2).split("=", 2);
                System.setProperty(kv[0], kv[1]);
            }
        } else if (noDisplay) {
            throw new BenchUnavailableException("ui-ingest draws the console and needs a display: run it on a desktop, "
                    + "or under Xvfb: xvfb-run -a -s \"-screen 0 1600x1000x24\" sluice bench ui-ingest");
        }
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
        } catch (IllegalStateException alreadyRunning) {
            // the toolkit is up already (a second benchmark in the same JVM)
            up.countDown();
        }
        Platform.setImplicitExit(false);
        up.await(30, TimeUnit.SECONDS);
    }

    /** Shows each tab once, for as long as a few pulses. */
    private static void showEveryTab(Console console) throws InterruptedException {
        for (int tab = 0; tab < TABS; tab++) {
            int t = tab;
            onFx(() -> console.shell().tabs().getSelectionModel().select(t));
            Thread.sleep(150);
        }
    }

    /** Paints of every canvas view so far (a view not shown or not changed paints nothing). */
    private static long canvasPaints(Console console) {
        return console.shell().tabs().getTabs().stream().flatMap(t -> t.getContent().lookupAll(".canvas-pane").stream())
                .mapToLong(n -> ((CanvasPane) n).paints()).sum();
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
        done.await(30, TimeUnit.SECONDS);
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

    private static long[] toSortedArray(List<Long> values) throws InterruptedException {
        long[][] out = new long[1][];
        onFx(() -> out[0] = values.stream().mapToLong(Long::longValue).toArray());
        Arrays.sort(out[0]);
        return out[0];
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p / 100 * (sorted.length - 1)))];
    }
}
