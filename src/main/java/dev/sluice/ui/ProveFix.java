package dev.sluice.ui;

import dev.sluice.compare.ComparedRun;
import dev.sluice.compare.Comparison;
import dev.sluice.detect.Finding;
import dev.sluice.event.RunInfo;
import dev.sluice.model.Mark;
import dev.sluice.model.ModelSnapshot;
import dev.sluice.pipeline.EventSink;
import dev.sluice.scenario.DataDirs;
import dev.sluice.scenario.FindingsSink;
import dev.sluice.scenario.Scenario;
import dev.sluice.scenario.ScenarioRegistry;
import dev.sluice.scenario.ScenarioRunner;
import dev.sluice.scenario.ScenarioSource;
import dev.sluice.scenario.Settings;
import dev.sluice.source.LiveSource;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceFormats;
import dev.sluice.source.SourceKind;
import dev.sluice.trace.TraceContents;
import dev.sluice.ui.compare.Compared;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves a fix: runs the shown run's scenario again with a finding's fix as settings (everything
 * else as recorded, the same profile), records it, and compares the two runs when it ends; and
 * compares any two traces the user picks. Loading and comparing run on the console's compare
 * thread, never the FX thread.
 */
final class ProveFix {

    private static final Logger LOG = LoggerFactory.getLogger(ProveFix.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ConsoleSession session;
    private final Background compares;
    private final Consumer<Compared> show;

    /** {@code show} is called on the FX thread with each comparison made (and both runs' models). */
    ProveFix(ConsoleSession session, Background compares, Consumer<Compared> show) {
        this.session = session;
        this.compares = compares;
        this.show = show;
    }

    /** Starts the fixed run of {@code finding}'s run, or says in one line why it cannot. FX thread. */
    void runWithFix(Finding finding) {
        if (session.runningProperty().get()) {
            session.report("run with the fix: wait for the run to end (or stop it), then run its fix");
            return;
        }
        ModelSnapshot shown = session.frameProperty().get().model();
        RunInfo run = shown.run();
        Path before = session.currentTrace();
        Scenario scenario = run == null ? null : ScenarioRegistry.find(run.scenario()).orElse(null);
        if (finding.settingFix() == null || scenario == null || before == null) {
            session.report("run with the fix: " + (finding.settingFix() == null ? finding.code() + " has no fix as settings"
                    : scenario == null ? "the run shown is not one of Sluice's scenarios (a capture, a Delta log or an "
                    + "attached job is re-run where it came from)" : "record the run first (● Record), or open its trace"));
            return;
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : run.settings().entrySet()) {
            if (Settings.REDACTED.equals(e.getValue())) {
                session.report("run with the fix: " + e.getKey() + " was redacted in the trace; run it from the settings bar "
                        + "with " + finding.settingFix().assignments());
                return;
            }
            if (scenario.settings().stream().anyMatch(s -> s.key().equals(e.getKey()))) {
                overrides.put(e.getKey(), e.getValue());
            }
        }
        for (String key : finding.settingFix().settings().keySet()) {
            if (scenario.settings().stream().noneMatch(s -> s.key().equals(key))) {
                session.report("run with the fix: the fix sets " + key + ", which " + scenario.name() + " does not have");
                return;
            }
        }
        overrides.putAll(finding.settingFix().settings());
        ScenarioRunner.Options options = ScenarioRunner.Options.defaults().withOverrides(overrides);
        String profile = profileOf(shown);
        if (profile != null) {
            options = options.withProfile(profile);
        }
        // beside the run it fixes, where the user will look for it; else with the console's recordings
        String name = scenario.name() + "-fixed-" + LocalDateTime.now(ZoneId.systemDefault()).format(STAMP) + ".sluice";
        Path dir = before.toAbsolutePath().getParent();
        Path after = dir != null && Files.isWritable(dir) ? dir.resolve(name)
                : DataDirs.userDataDir().resolve("recordings").resolve(name);
        session.startLive(new Comparing(new ScenarioSource(scenario, options), before, after), after);
    }

    /** Compares two traces (or anything Sluice opens) and shows the comparison. FX thread. */
    void compare(Path a, Path b) {
        session.report("comparing " + a.getFileName() + " with " + b.getFileName() + " …");
        compares.execute(() -> compareNow(a, b));
    }

    private void compareNow(Path a, Path b) {
        try {
            Comparison c = Comparison.of(load(a), load(b), Comparison.DEFAULT_TOLERANCE_PERCENT);
            Compared compared = Compared.of(c);
            Platform.runLater(() -> {
                session.report(c.verdict());
                show.accept(compared);
            });
        } catch (SourceException e) {
            Platform.runLater(() -> session.report("cannot compare: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the console is closing
        } catch (RuntimeException e) {
            LOG.warn("comparing {} with {} failed", a, b, e);
            Platform.runLater(() -> session.report("cannot compare: analysis failed: " + ScenarioRunner.describe(e)));
        }
    }

    private static ComparedRun load(Path file) throws SourceException, InterruptedException {
        TraceContents contents = SourceFormats.standard().open(file.toString()).readAll();
        return new ComparedRun(file.getFileName().toString(), contents.run(), contents.events(),
                FindingsSink.replay(contents));
    }

    /** The profile the shown run used, from its note, or null. */
    private static String profileOf(ModelSnapshot shown) {
        for (Mark m : shown.marks()) {
            if (m.kind() == Mark.Kind.NOTE && m.text().startsWith(ScenarioRunner.PROFILE_NOTE)) {
                return m.text().substring(ScenarioRunner.PROFILE_NOTE.length());
            }
        }
        return null;
    }

    /** The fixed run: when it ends, its recording is compared with the run it fixes. */
    private final class Comparing implements LiveSource {
        private final ScenarioSource fixed;
        private final Path before;
        private final Path after;

        Comparing(ScenarioSource fixed, Path before, Path after) {
            this.fixed = fixed;
            this.before = before;
            this.after = after;
        }

        @Override
        public SourceKind kind() {
            return fixed.kind();
        }

        @Override
        public String name() {
            return fixed.name() + " with the fix";
        }

        @Override
        public LiveRun start(List<EventSink> sinks, Path record, BiConsumer<Double, String> progress)
                throws SourceException {
            LiveRun run = fixed.start(sinks, record, progress);
            return new LiveRun() {
                @Override
                public void requestStop() {
                    run.requestStop();
                }

                @Override
                public boolean isDone() {
                    return run.isDone();
                }

                @Override
                public Ended await() throws InterruptedException {
                    Ended ended = run.await();
                    if (ended.trace() != null) {
                        compareNow(before, after);
                    }
                    return ended;
                }

                @Override
                public long recordedBytes() {
                    return run.recordedBytes();
                }

                @Override
                public long dropped() {
                    return run.dropped();
                }
            };
        }
    }
}
