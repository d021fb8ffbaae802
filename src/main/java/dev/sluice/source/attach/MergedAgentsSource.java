package dev.sluice.source.attach;

import dev.sluice.event.AppEvent;
import dev.sluice.event.Event;
import dev.sluice.event.RunInfo;
import dev.sluice.pipeline.EventSink;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.source.LiveSource;
import dev.sluice.source.MergedSource;
import dev.sluice.source.ProcessLane;
import dev.sluice.source.SourceException;
import dev.sluice.source.SourceKind;
import dev.sluice.trace.TraceWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several attached agents live as one run on one clock, as {@link MergedSource} merges their recordings:
 * each agent is connected as an {@link AgentLiveSource} (each sends its run from its start), each is a
 * {@link ProcessLane} shifted by its run's wall-clock anchor relative to the earliest, and one thread merges
 * them by time into one pipeline. An event is passed on only once every lane still running has one queued
 * (each agent sends a heartbeat every 100 ms), so the merged stream keeps time order; a lane that falls behind
 * holds the others back (its queue is bounded), never the jobs.
 */
public final class MergedAgentsSource implements LiveSource {

    private static final Logger LOG = LoggerFactory.getLogger(MergedAgentsSource.class);
    /** Batches queued per agent before its reader waits. */
    private static final int QUEUED_BATCHES = 64;
    private static final List<Event> END = List.of();

    private final List<AgentLiveSource> agents;

    public MergedAgentsSource(List<AgentLiveSource> agents) {
        if (agents.size() < 2) {
            throw new IllegalArgumentException("a merge needs at least two agents, got " + agents.size());
        }
        this.agents = List.copyOf(agents);
    }

    /** The agents, in the order they were attached. */
    public List<AgentLiveSource> agents() {
        return agents;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.AGENT;
    }

    /** The processes, "4711 AppA + 4712 AppB". */
    @Override
    public String name() {
        return agents.stream().map(AgentLiveSource::process).collect(Collectors.joining(" + "));
    }

    @Override
    public LiveRun start(List<EventSink> sinks, Path record, BiConsumer<Double, String> progress) throws SourceException {
        List<Lane> lanes = new ArrayList<>();
        try {
            for (AgentLiveSource agent : agents) {
                Lane lane = new Lane();
                lane.run = agent.start(List.of(lane), null, progress);
                lanes.add(lane);
            }
        } catch (SourceException e) {
            lanes.forEach(l -> l.run.requestStop());
            throw e;
        }
        Instant origin = lanes.stream().map(l -> l.info.startedAt()).min(Comparator.naturalOrder()).orElseThrow();
        Map<String, String> settings = new LinkedHashMap<>();
        StringBuilder offsets = new StringBuilder();
        for (int i = 0; i < lanes.size(); i++) {
            Lane l = lanes.get(i);
            long shift = Duration.between(origin, l.info.startedAt()).toNanos();
            l.lane = new ProcessLane(agents.get(i).process().replace(' ', '-'), i, shift);
            String at = String.format(Locale.ROOT, "+%.3f s", shift / 1e9);
            settings.put("merge." + l.lane.label(), l.info.scenario() + ", run " + l.info.runId() + ", " + at);
            offsets.append(i == 0 ? "" : ", ").append(l.lane.label()).append(" at ").append(at);
        }
        settings.put("merge.alignment", MergedSource.ALIGNMENT);
        RunInfo first = lanes.get(0).info;
        String runId = "merge-" + lanes.stream().map(l -> l.info.runId()).collect(Collectors.joining("-"));
        RunInfo merged = new RunInfo(runId, "merge of " + lanes.stream().map(l -> l.info.scenario())
                .collect(Collectors.joining(", ")), settings, origin, first.sluiceVersion());
        List<EventSink> all = new ArrayList<>();
        AgentLiveSource.CutAwareWriter writer = record == null ? null : new AgentLiveSource.CutAwareWriter(new TraceWriter(record));
        if (writer != null) {
            all.add(writer);
        }
        all.addAll(sinks);
        Merged run = new Merged(lanes, Pipeline.replay(merged, all), writer, record);
        Thread thread = new Thread(() -> run.merge("one clock for " + lanes.size() + " processes (" + offsets + "); "
                + MergedSource.ALIGNMENT), "sluice-attached-merge");
        thread.setDaemon(true);
        run.thread = thread;
        thread.start();
        return run;
    }

    /** One agent's stream: its pipeline's sink, queueing batches for the merge. */
    private static final class Lane implements EventSink {
        private final BlockingQueue<List<Event>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        private final ArrayDeque<Event> head = new ArrayDeque<>();
        private volatile RunInfo info;
        private LiveRun run;
        private ProcessLane lane;
        private boolean ended;
        private boolean runEnded;
        /** The merge has stopped: what the agent still sends is let go, so its reader can end. */
        private volatile boolean abandoned;

        @Override
        public void open(RunInfo started) {
            info = started;
        }

        @Override
        public void accept(List<Event> batch) throws InterruptedException {
            put(List.copyOf(batch));
        }

        @Override
        public void close() throws InterruptedException {
            put(END);
        }

        private void put(List<Event> batch) throws InterruptedException {
            while (!abandoned && !queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                // the merge is behind: wait (the agent's backlog holds the rest), unless it stopped
            }
        }

        /** Waits until this lane has an event queued or has ended; true when it has one. */
        boolean fill() throws InterruptedException {
            while (head.isEmpty() && !ended) {
                List<Event> batch = queue.take();
                if (batch.isEmpty()) {
                    ended = true;
                } else {
                    head.addAll(batch);
                }
            }
            return !head.isEmpty();
        }

        long nextTime() {
            return head.getFirst().timeNanos() + lane.shiftNanos();
        }
    }

    private static final class Merged extends AttachedRun {
        private final List<Lane> lanes;
        private final Pipeline pipeline;
        private final Path record;

        Merged(List<Lane> lanes, Pipeline pipeline, AgentLiveSource.CutAwareWriter writer, Path record) {
            super(writer);
            this.lanes = lanes;
            this.pipeline = pipeline;
            this.record = record;
        }

        void merge(String note) {
            String runId = pipeline.run().runId();
            String failure = null;
            try {
                pipeline.inject(new Event(runId, 0, "sluice-merge", 0, new AppEvent.Note(note)));
                while (true) {
                    Lane next = null;
                    for (Lane l : lanes) {
                        if (l.fill() && (next == null || l.nextTime() < next.nextTime())) {
                            next = l;
                        }
                    }
                    if (next == null) {
                        break;
                    }
                    Event e = next.head.removeFirst();
                    boolean last = false;
                    if (e.body() instanceof AppEvent.RunEnded) {
                        next.runEnded = true;
                        last = lanes.stream().allMatch(l -> l.runEnded);
                    }
                    // only the last process's end ends the run: an earlier one would confirm findings that rest on it
                    pipeline.inject(next.lane.rewrite(e, runId, last));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon();
            } catch (RuntimeException e) {
                failure = "merging the attached agents failed: " + e;
                LOG.error("merging the attached agents failed", e);
                abandon();
            }
            finish(failure);
        }

        private void abandon() {
            for (Lane l : lanes) {
                l.abandoned = true;
                l.run.requestStop();
            }
        }

        private void finish(String mergeFailure) {
            List<String> summaries = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            boolean complete = true;
            try {
                for (Lane l : lanes) {
                    Ended one = l.run.await();
                    summaries.add(one.summary().replaceFirst("^attached to ", ""));
                    if (one.failure() != null) {
                        failures.add(one.failure());
                    }
                    complete &= AgentLiveSource.endedWhole(l.run);
                }
                if (writer != null) {
                    writer.cut = !complete;
                }
                pipeline.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                complete = false;
            }
            if (mergeFailure != null) {
                failures.add(mergeFailure);
            }
            String summary = "attached to " + lanes.size() + " processes on one clock: " + String.join("; ", summaries)
                    + (record == null ? "" : "; recorded " + record + (complete ? "" : " (incomplete)"));
            ended = new Ended(summary, failures.isEmpty() ? null : String.join("; ", failures), record);
        }

        @Override
        public void requestStop() {
            lanes.forEach(l -> l.run.requestStop());
        }

        @Override
        public long dropped() {
            return pipeline.dropped() + lanes.stream().mapToLong(l -> l.run.dropped()).sum();
        }
    }
}
