package dev.sluice.source.attach;

import dev.sluice.source.LiveSource;

/**
 * What an attached run ({@link AgentLiveSource}'s one agent, {@link MergedAgentsSource}'s several) shares: the
 * thread that reads it, its end once that thread is done, and the console's recording of it, if any.
 */
abstract class AttachedRun implements LiveSource.LiveRun {

    /** The console's recording; null when not recording. */
    final AgentLiveSource.CutAwareWriter writer;
    Thread thread;
    volatile LiveSource.Ended ended;

    AttachedRun(AgentLiveSource.CutAwareWriter writer) {
        this.writer = writer;
    }

    @Override
    public boolean isDone() {
        return ended != null;
    }

    @Override
    public LiveSource.Ended await() throws InterruptedException {
        thread.join();
        return ended;
    }

    @Override
    public long recordedBytes() {
        return writer == null ? -1 : writer.writer.bytesWritten();
    }
}
